"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * One query-string parameter as state, so that every view is a shareable link. Writes go through
 * the History API, which Next keeps in sync with useSearchParams without a server round trip;
 * `push` adds a history entry (tabs, selections), otherwise the entry is replaced (typing).
 * The empty string (or the default) removes the parameter.
 */
export function useUrlParam(name: string, fallback = ""): [string, (value: string, options?: { push?: boolean }) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const value = searchParams.get(name) ?? fallback;
  const setValue = useCallback(
    (next: string, options: { push?: boolean } = {}) => {
      const params = new URLSearchParams(window.location.search);
      if (next === "" || next === fallback) params.delete(name);
      else params.set(name, next);
      const query = params.toString();
      const url = `${pathname}${query ? `?${query}` : ""}`;
      if (options.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [name, fallback, pathname],
  );
  return [value, setValue];
}
