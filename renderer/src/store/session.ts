import { create } from 'zustand';
import type { AppStatus } from '../../../shared/api/auth';
import { invoke, onUnauthenticated } from '../api/client';

interface SessionState {
  /** Null until the first `app.status` answer arrives. */
  status: AppStatus | null;
  /** Set when the status cannot be read at all (no service, bad launch token). */
  bootError: unknown;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

export const useSession = create<SessionState>()((set, get) => ({
  status: null,
  bootError: null,
  async refresh() {
    try {
      const status = await invoke('app.status', {});
      set({ status, bootError: null });
    } catch (error) {
      set({ bootError: error });
    }
  },
  async logout() {
    try {
      await invoke('auth.logout', {});
    } finally {
      // Even if the call failed the server may have ended the session; ask it what is true now.
      await get().refresh();
    }
  },
}));

// A session that ended behind our back (server restart, logout elsewhere) sends the user to login.
onUnauthenticated(() => void useSession.getState().refresh());
