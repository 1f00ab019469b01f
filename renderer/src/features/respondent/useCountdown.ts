import { useEffect, useRef, useState } from 'react';

/**
 * Counts `seconds` down from mount and calls `onZero` once at the end; returns the seconds left.
 * A screen that hands itself to the next respondent (thanks, "still there?") uses it, so an
 * unattended screen never keeps one person's session for the next.
 */
export function useCountdown(seconds: number, onZero: () => void): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onZero);
  useEffect(() => {
    done.current = onZero;
  }, [onZero]);

  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const next = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) {
        clearInterval(timer);
        done.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
