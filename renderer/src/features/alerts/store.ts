import { create } from 'zustand';

const MUTE_KEY = 'anxin.alerts.muted';

/** Why the screen must stay discreet: respondents are at it (kiosk) or a class watches it (projector). */
export type QuietReason = 'kiosk' | 'projector';

interface AlertCentreState {
  panelOpen: boolean;
  setPanelOpen(open: boolean): void;
  /** The alarm tone is off on this computer (kept across reloads: a quiet office stays quiet). */
  muted: boolean;
  setMuted(muted: boolean): void;
  /** The browser has let the page play sound (after the first click or key press). */
  audioReady: boolean;
  setAudioReady(ready: boolean): void;
  /** While any reason holds, the alert centre makes no sound and opens nothing. */
  quiet: readonly QuietReason[];
  setQuiet(reason: QuietReason, on: boolean): void;
}

function storedMute(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export const useAlertCentre = create<AlertCentreState>()((set) => ({
  panelOpen: false,
  setPanelOpen(panelOpen) {
    set({ panelOpen });
  },
  muted: storedMute(),
  setMuted(muted) {
    try {
      localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
    } catch {
      // Storage refused (private mode): the choice holds for this session only.
    }
    set({ muted });
  },
  audioReady: false,
  setAudioReady(audioReady) {
    set({ audioReady });
  },
  quiet: [],
  setQuiet(reason, on) {
    set((s) => ({
      quiet: on ? [...new Set([...s.quiet, reason])] : s.quiet.filter((r) => r !== reason),
    }));
  },
}));
