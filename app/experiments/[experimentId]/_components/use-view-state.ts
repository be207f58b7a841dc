"use client";
import { useCallback, useEffect, useState } from "react";
import { CHART_PARAM_NAMES } from "@/app/_components/charts/chart-settings";
import { MODELS_TAB_PARAMS } from "./models/experiment-models";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/** Parameters of the charts view (and the table/charts switch) that the table's state leaves alone. */
const KEPT_PARAMS = ["display", ...CHART_PARAM_NAMES, "tab", ...MODELS_TAB_PARAMS];

/**
 * The view state, read once from the URL and written back (replaceState, no navigation) on every
 * change, so the address bar is always a link to exactly this view.
 */
export function useViewState(initialQuery: string): [ViewState, (patch: Partial<ViewState> | ((s: ViewState) => Partial<ViewState>)) => void] {
  const [state, setState] = useState(() => parseViewState(new URLSearchParams(initialQuery)));
  useEffect(() => {
    const params = serializeViewState(state);
    const current = new URLSearchParams(window.location.search);
    for (const name of KEPT_PARAMS) for (const value of current.getAll(name)) params.append(name, value);
    const query = params.toString();
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
