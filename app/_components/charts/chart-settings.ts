import type { XKind } from "./axis-format";

// Chart settings as URL search params, so a copied link shows the same charts, zoom included:
// cx=step|time|relative|m:<key>, cs=<EMA 0..0.99>, clog=1, cout=1, cz=<min>~<max>, ck=<key search>.
// The runs-table state keeps these names when it rewrites the URL.

export const CHART_PARAM_NAMES = ["cx", "cs", "clog", "cout", "cz", "ck"] as const;

export interface ChartSettings {
  xKind: XKind;
  /** With xKind "metric": the metric on the x axis. */
  xMetric?: string;
  smoothing: number;
  logY: boolean;
  ignoreOutliers: boolean;
  zoom?: { min: number; max: number };
  keySearch: string;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { xKind: "step", smoothing: 0, logY: false, ignoreOutliers: false, keySearch: "" };

export function parseXParam(value: string | null): Pick<ChartSettings, "xKind" | "xMetric"> {
  if (value === "time" || value === "relative" || value === "step") return { xKind: value };
  if (value?.startsWith("m:") && value.length > 2) return { xKind: "metric", xMetric: value.slice(2) };
  return { xKind: "step" };
}

export const xParamOf = (s: Pick<ChartSettings, "xKind" | "xMetric">) => (s.xKind === "metric" ? `m:${s.xMetric ?? ""}` : s.xKind);

export function parseSmoothing(value: string | null): number {
  const weight = Number(value);
  return Number.isFinite(weight) && weight > 0 ? Math.min(weight, 0.99) : 0;
}

export function parseZoom(value: string | null): { min: number; max: number } | undefined {
  const [low, high] = (value ?? "").split("~");
  const min = Number(low);
  const max = Number(high);
  return low && high && Number.isFinite(min) && Number.isFinite(max) && min < max ? { min, max } : undefined;
}

/** Whole numbers for step and time axes (a shorter link); a few digits otherwise. */
export function zoomParamOf(zoom: { min: number; max: number } | undefined, xKind: XKind): string {
  if (!zoom) return "";
  const round = (v: number) => (xKind === "metric" ? String(Number(v.toPrecision(6))) : String(Math.round(v)));
  return `${round(Math.floor(zoom.min * 1e6) / 1e6)}~${round(Math.ceil(zoom.max * 1e6) / 1e6)}`;
}

/** The settings a link's params say (URLSearchParams, or the URL-state hook's values). */
export function parseChartSettings(params: { get(name: (typeof CHART_PARAM_NAMES)[number]): string | null }): ChartSettings {
  return {
    ...parseXParam(params.get("cx")),
    smoothing: parseSmoothing(params.get("cs")),
    logY: params.get("clog") === "1",
    ignoreOutliers: params.get("cout") === "1",
    zoom: parseZoom(params.get("cz")),
    keySearch: params.get("ck") ?? "",
  };
}
