"use client";
import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import { chartParams } from "./search-params";
import { parseChartSettings, xParamOf, zoomParamOf, type ChartSettings } from "./chart-settings";

export type SetChartSettings = (patch: Partial<ChartSettings>) => void;

/** The chart settings, read from and written to the URL (see chart-settings.ts for the names). */
export function useChartSettings(): [ChartSettings, SetChartSettings] {
  const [values, setValues] = useQueryStates(chartParams);
  const { cx, cs, clog, cout, cz, ck } = values;
  // One object while the params stay the same: every chart's option and data depend on it.
  const settings = useMemo(() => {
    const current = { cx, cs, clog, cout, cz, ck };
    return parseChartSettings({ get: (name) => current[name] });
  }, [cx, cs, clog, cout, cz, ck]);
  const update: SetChartSettings = (patch) => {
    const next = { ...settings, ...patch };
    const changes: Partial<Record<keyof typeof chartParams, string>> = {};
    if (patch.xKind !== undefined || patch.xMetric !== undefined) {
      changes.cx = xParamOf(next);
      next.zoom = undefined; // a window in the old axis' units means nothing on the new one
    }
    if (patch.smoothing !== undefined) changes.cs = next.smoothing > 0 ? String(next.smoothing) : "";
    if (patch.logY !== undefined) changes.clog = next.logY ? "1" : "";
    if (patch.ignoreOutliers !== undefined) changes.cout = next.ignoreOutliers ? "1" : "";
    if ("zoom" in patch || next.zoom !== settings.zoom) changes.cz = zoomParamOf(next.zoom, next.xKind);
    if (patch.keySearch !== undefined) changes.ck = next.keySearch;
    void setValues(changes);
  };
  return [settings, update];
}
