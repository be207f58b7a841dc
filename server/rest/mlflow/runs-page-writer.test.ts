import { describe, expect, it } from "vitest";
import type { Run } from "../../services/runs/types";
import { jsonReply } from "../http/exchange";
import { writeRunsPage } from "./runs-page-writer";
import { toWire } from "./to-wire";

const wireJson = (value: unknown) => jsonReply(toWire(value), 200).body as string;

function run(id: string, withInputs: boolean): Run {
  return {
    info: { runId: id, runUuid: id, runName: "r", experimentId: "1", userId: "u", status: "FINISHED", startTime: 5, endTime: undefined, artifactUri: "a", lifecycleStage: "active" },
    data: { metrics: [{ key: "loss", value: 3, timestamp: 1, step: 0 }, { key: "lr", value: Number.NaN, timestamp: 1, step: 0 }], params: [], tags: [{ key: "k", value: "v" }] },
    inputs: { datasetInputs: [], modelInputs: withInputs ? [{ modelId: "m-1" }] : [] },
    outputs: { modelOutputs: withInputs ? [{ modelId: "m-2", step: 4 }] : [] },
  };
}

/** The page as the database would hand it over: each run's data already its wire JSON. */
function withJsonData(runs: Run[]) {
  return runs.map(({ data, ...rest }) => ({ ...rest, dataJson: wireJson(data) }));
}

describe("writeRunsPage", () => {
  it("writes the bytes toWire + JSON.stringify write for the same page", () => {
    const pages = [
      { runs: [run("a", false), run("b", true)], nextPageToken: "tok" },
      { runs: [run("a", true)] },
      { runs: [], nextPageToken: "tok" },
      { runs: [] },
    ];
    for (const page of pages) {
      expect(writeRunsPage({ ...page, runs: withJsonData(page.runs) }).finish().join("")).toBe(wireJson(page));
    }
  });

  it("puts each run's data text in as a piece of its own", () => {
    const [only] = withJsonData([run("a", false)]);
    expect(writeRunsPage({ runs: [only] }).finish()).toContain(only.dataJson);
  });
});
