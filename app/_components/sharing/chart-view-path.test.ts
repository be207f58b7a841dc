import { describe, expect, it } from "vitest";
import { chartViewPath } from "./chart-view-path";

describe("chartViewPath", () => {
  it("opens the compare page's charts over the runs, keeping only the chart settings of the current view", () => {
    const current = new URLSearchParams({ display: "charts", filter: "metrics.loss < 1", cx: "m:epoch", cs: "0.6", clog: "1", cz: "10~250", ck: "val", cout: "" });
    expect(chartViewPath(["r1", "r2"], current)).toBe("/compare?runs=r1,r2&view=charts&cx=m%3Aepoch&cs=0.6&clog=1&cz=10~250&ck=val");
  });

  it("without settings: the default charts", () => {
    expect(chartViewPath(["r1"], new URLSearchParams())).toBe("/compare?runs=r1&view=charts");
  });
});
