"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

/**
 * One query-string parameter as state, so that every view is a shareable link. Writes go through
 * the History API, which Next keeps in sync with useSearchParams without a server round trip;
 * `push` adds a history entry (tabs, selections), otherwise the entry is replaced (typing).
 * The empty string (or the default) removes the parameter.
 *
 * Next applies a History API change to useSearchParams a render or more later, in a transition;
 * until then a controlled input would snap back (a ticked checkbox shown unticked). So a write is
 * also kept here and shown at once, as long as the URL it was made from is still the current one.
 */
export function useUrlParam(name: string, fallback = ""): [string, (value: string, options?: { push?: boolean }) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const urlValue = searchParams.get(name) ?? fallback;
  const [written, setWritten] = useState<{ value: string; over: string } | null>(null);
  // Once the URL moves on (this write arriving, or back/forward), the URL is the truth again, and
  // the write is forgotten (React's "adjust state while rendering"): a later return to the same
  // URL value (going back) must not bring the old write back.
  if (written !== null && written.over !== urlValue) setWritten(null);
  const value = written !== null && written.over === urlValue ? written.value : urlValue;
  const setValue = useCallback(
    (next: string, options: { push?: boolean } = {}) => {
      // Over the URL as this hook sees it: several writes before Next catches up all stay shown.
      setWritten({ value: next === "" ? fallback : next, over: urlValue });
      const params = new URLSearchParams(window.location.search);
      if (next === "" || next === fallback) params.delete(name);
      else params.set(name, next);
      const query = params.toString();
      const url = `${pathname}${query ? `?${query}` : ""}`;
      if (options.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [name, fallback, pathname, urlValue],
  );
  return [value, setValue];
}
