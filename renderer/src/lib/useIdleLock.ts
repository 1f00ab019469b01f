import { useEffect } from 'react';
import { useSession } from '../store/session';

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the staff screen after `minutes` without keyboard, mouse or touch input (0 = never).
 * The kiosk belongs to respondents and never locks; the server refuses calls past the limit too,
 * so a screen whose timer did not run still cannot be used.
 */
export function useIdleLock(minutes: number | null): void {
  useEffect(() => {
    if (!minutes) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, seen, { passive: true, capture: true });
    const timer = window.setInterval(
      () => {
        if (window.location.hash.includes('/kiosk')) return seen();
        if (Date.now() - last >= limit) void useSession.getState().lock();
      },
      Math.min(5_000, limit / 4),
    );
    return () => {
      window.clearInterval(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, seen, { capture: true });
    };
  }, [minutes]);
}
