import { describe, expect, it } from "vitest";
import { seriesByKey, zoomRequestsOf } from "./zoom-requests";

const window = { min: 100, max: 700 };

describe("zoomRequestsOf", () => {
  it("asks for every (run, key) of the mounted charts in one call", () => {
    expect(zoomRequestsOf(["a", "b"], ["loss", "lr"], "step", 250, window)).toEqual([
      {
        series: [
          { runId: "a", key: "loss" },
          { runId: "b", key: "loss" },
          { runId: "a", key: "lr" },
          { runId: "b", key: "lr" },
        ],
        x: "step",
        buckets: 250,
        window,
      },
    ]);
  });

  it("splits 39 series into none, 40 into two equal calls", () => {
    const runIds = Array.from({ length: 13 }, (_, i) => `r${i}`);
    expect(zoomRequestsOf(runIds, ["a", "b", "c"], "step", 100, window).map((r) => r.series.length)).toEqual([39]);
    const split = zoomRequestsOf(runIds.slice(0, 10), ["a", "b", "c", "d"], "step", 100, window);
    expect(split.map((r) => r.series.length)).toEqual([20, 20]);
    expect(split[1].series[0]).toEqual({ runId: "r0", key: "c" });
  });

  it("keeps every call within 200 series: 12 charts × 50 runs are three calls of 200", () => {
    const runIds = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    const requests = zoomRequestsOf(runIds, keys, "time", 100, window);
    expect(requests.map((r) => r.series.length)).toEqual([200, 200, 200]);
    expect(requests[1].series[0]).toEqual({ runId: "r0", key: "k4" });
    expect(requests.flatMap((r) => r.series)).toEqual(keys.flatMap((key) => runIds.map((runId) => ({ runId, key }))));
  });

  it("asks for nothing without runs or charts", () => {
    expect(zoomRequestsOf([], ["loss"], "step", 100, window)).toEqual([]);
    expect(zoomRequestsOf(["a"], [], "step", 100, window)).toEqual([]);
  });
});

describe("seriesByKey", () => {
  it("hands each chart its metric's series in answer order", () => {
    const none = { xFirst: [], xLast: [], stepFirst: [], stepLast: [], min: [], max: [], last: [], count: [] };
    const s = (runId: string, key: string) => ({ runId, key, total: 0, exact: true, buckets: none });
    const sliced = seriesByKey([s("a", "loss"), s("a", "lr"), s("b", "loss")]);
    expect([...sliced.keys()]).toEqual(["loss", "lr"]);
    expect(sliced.get("loss")).toEqual([s("a", "loss"), s("b", "loss")]);
    expect(sliced.get("lr")).toEqual([s("a", "lr")]);
  });
});
