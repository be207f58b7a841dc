import { describe, expect, test } from "vitest";
import { DEFAULT_CHART_SETTINGS, parseChartSettings, xParamOf, zoomParamOf } from "./chart-settings";

describe("chart settings in the URL", () => {
  test("an empty query gives the defaults", () => {
    expect(parseChartSettings(new URLSearchParams())).toEqual({ ...DEFAULT_CHART_SETTINGS, xMetric: undefined, zoom: undefined });
  });
  test("every setting round-trips", () => {
    const s = parseChartSettings(new URLSearchParams("cx=m:val/acc&cs=0.6&clog=1&cout=1&cz=100~250&ck=loss"));
    expect(s).toEqual({ xKind: "metric", xMetric: "val/acc", smoothing: 0.6, logY: true, ignoreOutliers: true, zoom: { min: 100, max: 250 }, keySearch: "loss" });
    expect(xParamOf(s)).toBe("m:val/acc");
    expect(zoomParamOf(s.zoom, "step")).toBe("100~250");
  });
  test("bad values fall back instead of breaking the page", () => {
    const s = parseChartSettings(new URLSearchParams("cx=bogus&cs=-3&cz=9~2&clog=yes"));
    expect(s).toMatchObject({ xKind: "step", smoothing: 0, zoom: undefined, logY: false });
    expect(parseChartSettings(new URLSearchParams("cs=5")).smoothing).toBe(0.99);
    expect(parseChartSettings(new URLSearchParams("cz=1~x")).zoom).toBeUndefined();
  });
  test("zoom is written with whole numbers on step and time axes", () => {
    expect(zoomParamOf({ min: 10.4, max: 20.2 }, "step")).toBe("10~20");
    expect(zoomParamOf({ min: 0.123456789, max: 0.5 }, "metric")).toBe("0.123456~0.5");
    expect(zoomParamOf(undefined, "step")).toBe("");
  });
});
