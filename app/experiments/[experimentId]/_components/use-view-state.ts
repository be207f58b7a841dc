"use client";
import { useCallback, useEffect, useState } from "react";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/**
 * The view state, read once from the URL and written back (replaceState, no navigation) on every
 * change, so the address bar is always a link to exactly this view.
 */
export function useViewState(initialQuery: string): [ViewState, (patch: Partial<ViewState> | ((s: ViewState) => Partial<ViewState>)) => void] {
  const [state, setState] = useState(() => parseViewState(new URLSearchParams(initialQuery)));
  useEffect(() => {
    const query = serializeViewState(state).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", url);
  }, [state]);
  const update = useCallback(
    (patch: Partial<ViewState> | ((s: ViewState) => Partial<ViewState>)) =>
      setState((s) => ({ ...s, ...(typeof patch === "function" ? patch(s) : patch) })),
    [],
  );
  return [state, update];
}
