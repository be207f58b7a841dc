import { describe, expect, it } from "vitest";
import { latestMetrics, metricColumnsOf, orderByOf, parseModelSort, serializeModelSort } from "./models-table-data";

describe("models tab data", () => {
  it("lists (dataset, metric) columns grouped by dataset, metrics without a dataset first", () => {
    const models = [
      { data: { metrics: [{ key: "loss", value: 1, step: 1, datasetName: "val" }, { key: "acc", value: 1, step: 1, datasetName: "val" }] } },
      { data: { metrics: [{ key: "loss", value: 1, step: 1 }, { key: "loss", value: 2, step: 2, datasetName: "val" }] } },
    ];
    expect(metricColumnsOf(models).map((c) => c.id)).toEqual(["loss@", "acc@val", "loss@val"]);
  });

  it("takes each metric's value at its highest step and the model's highest step", () => {
    const { values, step } = latestMetrics([
      { key: "loss", value: 0.9, step: 1, datasetName: "val" },
      { key: "loss", value: 0.4, step: 3, datasetName: "val" },
      { key: "loss", value: 0.7, step: 2, datasetName: "val" },
      { key: "acc", value: null, step: 2 },
    ]);
    expect(Object.fromEntries(values)).toEqual({ "loss@val": 0.4, "acc@": null });
    expect(step).toBe(3);
  });

  it("round-trips the sort through the URL and falls back to newest first", () => {
    expect(parseModelSort("asc~metrics.loss~val")).toEqual({ field: "metrics.loss", dataset: "val", ascending: true });
    expect(serializeModelSort({ field: "metrics.loss", dataset: "a~b", ascending: false })).toBe("desc~metrics.loss~a~b");
    expect(parseModelSort("desc~metrics.loss~a~b").dataset).toBe("a~b");
    expect(parseModelSort("sideways~name")).toEqual({ field: "creation_timestamp", ascending: false });
    expect(orderByOf({ field: "metrics.loss", dataset: "val", ascending: true })).toEqual([
      { fieldName: "metrics.loss", ascending: true, datasetName: "val" },
      { fieldName: "creation_timestamp", ascending: false },
    ]);
  });
});
