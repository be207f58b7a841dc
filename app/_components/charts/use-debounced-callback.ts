"use client";
import { useEffect, useMemo, useRef } from "react";

/**
 * `fn`, called once calls have paused for `delayMs` (a wheel zoom fires dozens of events). With
 * `leading`, a call after a quiet spell runs at once (a drag zoom is one event: no wait), and only
 * the calls that follow it within `delayMs` are held until they pause.
 */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, delayMs: number, options: { leading?: boolean } = {}): (...args: A) => void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastCall = useRef(Number.NEGATIVE_INFINITY);
  const leading = options.leading ?? false;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () =>
      (...args: A) => {
        clearTimeout(timer.current);
        const now = performance.now();
        const isQuiet = now - lastCall.current >= delayMs;
        lastCall.current = now;
        if (leading && isQuiet) fnRef.current(...args);
        else timer.current = setTimeout(() => fnRef.current(...args), delayMs);
      },
    [delayMs, leading],
  );
}
