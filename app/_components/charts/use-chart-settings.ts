"use client";
import { useMemo } from "react";
import { useUrlParam } from "../ui/use-url-state";
import { parseChartSettings, xParamOf, zoomParamOf, type ChartSettings } from "./chart-settings";

export type SetChartSettings = (patch: Partial<ChartSettings>) => void;

/** The chart settings, read from and written to the URL (see chart-settings.ts for the names). */
export function useChartSettings(): [ChartSettings, SetChartSettings] {
  const [x, setX] = useUrlParam("cx", "step");
  const [smooth, setSmooth] = useUrlParam("cs");
  const [log, setLog] = useUrlParam("clog");
  const [outliers, setOutliers] = useUrlParam("cout");
  const [zoom, setZoom] = useUrlParam("cz");
  const [search, setSearch] = useUrlParam("ck");
  // One object while the params stay the same: every chart's option and data depend on it.
  const settings = useMemo(() => {
    const values = { cx: x, cs: smooth, clog: log, cout: outliers, cz: zoom, ck: search };
    return parseChartSettings({ get: (name) => values[name] });
  }, [x, smooth, log, outliers, zoom, search]);
  const update: SetChartSettings = (patch) => {
    const next = { ...settings, ...patch };
    if (patch.xKind !== undefined || patch.xMetric !== undefined) {
      setX(xParamOf(next));
      next.zoom = undefined; // a window in the old axis' units means nothing on the new one
    }
    if (patch.smoothing !== undefined) setSmooth(next.smoothing > 0 ? String(next.smoothing) : "");
    if (patch.logY !== undefined) setLog(next.logY ? "1" : "");
    if (patch.ignoreOutliers !== undefined) setOutliers(next.ignoreOutliers ? "1" : "");
    if ("zoom" in patch || next.zoom !== settings.zoom) setZoom(zoomParamOf(next.zoom, next.xKind));
    if (patch.keySearch !== undefined) setSearch(next.keySearch);
  };
  return [settings, update];
}
