"use client";
import { useEffect, useMemo, useRef } from "react";

/** `fn`, called once calls have paused for `delayMs` (a wheel zoom fires dozens of events). */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, delayMs: number): (...args: A) => void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () =>
      (...args: A) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => fnRef.current(...args), delayMs);
      },
    [delayMs],
  );
}
