import { describe, expect, it } from "vitest";
import { metricsByDataset, registrationsOf } from "./model-view";

describe("model page data", () => {
  it("keeps each metric's latest point per dataset, datasets and keys in name order", () => {
    expect(
      metricsByDataset([
        { key: "loss", value: 0.9, step: 1, timestamp: 10, datasetName: "val", datasetDigest: "d1" },
        { key: "loss", value: 0.5, step: 2, timestamp: 5, datasetName: "val", datasetDigest: "d1" },
        { key: "acc", value: "NaN", step: 2, timestamp: 5, datasetName: "val", datasetDigest: "d1" },
        { key: "loss", value: 0.3, step: 1, timestamp: 1 },
      ]),
    ).toEqual([
      { dataset: "", digest: "", metrics: [{ key: "loss", value: 0.3, step: 1, timestamp: 1 }] },
      { dataset: "val", digest: "d1", metrics: [{ key: "acc", value: "NaN", step: 2, timestamp: 5 }, { key: "loss", value: 0.5, step: 2, timestamp: 5 }] },
    ]);
  });

  it("reads the registrations MLflow records in mlflow.modelVersions", () => {
    expect(registrationsOf([{ key: "mlflow.modelVersions", value: '[{"name":"clf","version":1},{"name":"clf","version":"2"},{"bad":1}]' }])).toEqual([
      { name: "clf", version: 1 },
      { name: "clf", version: 2 },
    ]);
    expect(registrationsOf([{ key: "mlflow.modelVersions", value: "not json" }])).toEqual([]);
    expect(registrationsOf([])).toEqual([]);
  });
});
