import { CHART_PARAM_NAMES } from "@/app/_components/charts/chart-settings";

/**
 * The charts view a chart link opens: the compare page's Charts tab over exactly the shared runs, with
 * the chart settings (x axis, smoothing, log, outliers, zoom, key search) of the view it was made from.
 * A link reads only its runs, so it cannot open the experiment page (that lists every run).
 */
export function chartViewPath(runIds: readonly string[], current: URLSearchParams): string {
  const params = new URLSearchParams({ runs: runIds.join(","), view: "charts" });
  for (const name of CHART_PARAM_NAMES) {
    const value = current.get(name);
    if (value) params.set(name, value);
  }
  // Commas and "~" are fine in a query, and keep the run list and zoom readable, as the pages write them.
  return `/compare?${params.toString().replace(/%2C/g, ",").replace(/%7E/g, "~")}`;
}
