import { describe, expect, it } from "vitest";
import { sourceRefs } from "./source-refs";

const RUN = "0123456789abcdef0123456789abcdef";
const refsOf = (source: unknown) => sourceRefs("source")({ source });

describe("sourceRefs: what a model version's source points into", () => {
  it.each([
    [`runs:/${RUN}/model`, [{ runId: RUN }]],
    [`RUNS:///${RUN}`, [{ runId: RUN }]],
    [`mlflow-artifacts:/7/${RUN}/artifacts/model`, [{ runId: RUN }]],
    [`mlflow-artifacts://metron.example:5000/api/7/${RUN}/artifacts`, [{ runId: RUN }]],
    [`file:///srv/metron/store/7/${RUN}/artifacts/model`, [{ runId: RUN }]],
    // Every `<x>/artifacts` pair is a candidate; a name that is no run decides nothing in the gate.
    [`file:///srv/metron/artifacts/7/${RUN}/artifacts/model`, [{ runId: "metron" }, { runId: RUN }]],
    [`s3://bucket/prefix/7/${RUN}/artifacts/model/MLmodel`, [{ runId: RUN }]],
    [`/srv/mlruns/7/${RUN}/artifacts/model`, [{ runId: RUN }]],
    // Percent-encoding (once or twice) names the same run.
    [`mlflow-artifacts:/7/%30123456789abcdef0123456789abcdef/%2561rtifacts/model`, [{ runId: RUN }]],
    [`mlflow-artifacts:/7/models/m-abc/artifacts/model`, [{ loggedModelId: "m-abc" }]],
    ["models:/churn/3", [{ modelName: "churn" }]],
    ["models:/churn@champion", [{ modelName: "churn" }]],
    ["models:/m-0123456789abcdef", [{ loggedModelId: "m-0123456789abcdef" }]],
  ])("%s", (source, refs) => {
    expect(refsOf(source)).toEqual(refs);
  });

  it.each([["s3://bucket/some/model"], ["artifacts/model"], ["models:/a/b/c"], [""], [undefined], [42]])("names nothing in %s", (source) => {
    expect(refsOf(source)).toEqual([]);
  });
});
