import { queryClient } from '../api/query';
import { create } from 'zustand';
import type { AppStatus } from '../../../shared/api/auth';
import { invoke, onUnauthenticated } from '../api/client';
import { programmeOf, setProgramme } from '../i18n/programme';

interface SessionState {
  /** Null until the first `app.status` answer arrives. */
  status: AppStatus | null;
  /** Set when the status cannot be read at all (no service, bad launch token). */
  bootError: unknown;
  /** The idle limit the screen locked after, for the login page's sentence. */
  lockedAfterMinutes: number | null;
  refresh(): Promise<void>;
  /** The screen went idle: lock the staff session (the server keeps the station running). */
  lock(): Promise<void>;
  logout(): Promise<void>;
}

export const useSession = create<SessionState>()((set, get) => ({
  status: null,
  bootError: null,
  lockedAfterMinutes: null,
  async refresh() {
    try {
      const before = get().status;
      const status = await invoke('app.status', {});
      // Another user (or nobody) now: nothing fetched for the last one may be shown again.
      if (!status.user || status.locked || status.user.id !== before?.user?.id) queryClient.clear();
      const lockedNow = status.locked && Boolean(before?.user);
      // The organisation's programme decides the UI's vocabulary before anything renders with it.
      setProgramme(programmeOf(status.org?.type));
      set({
        status,
        bootError: null,
        lockedAfterMinutes: lockedNow
          ? (before?.idleMinutes ?? null)
          : status.locked
            ? get().lockedAfterMinutes
            : null,
      });
    } catch (error) {
      set({ bootError: error });
    }
  },
  async lock() {
    try {
      await invoke('auth.lock', {});
    } finally {
      await get().refresh();
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

/** The organisation's programme (a maternal service screens the perinatal one). */
export const useProgramme = () => useSession((s) => programmeOf(s.status?.org?.type));
