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

type Data = Run["data"];
const bareRun = (id: string, data: Data): Run => ({ ...run(id, false), data });

/** The page as the database would hand it over: each run's data lists their entries' wire JSON, as text or as its bytes. */
function withJsonData(runs: Run[], asBytes = false) {
  return runs.map(({ data, ...rest }) => {
    const lists: Record<string, string | Uint8Array> = {};
    for (const kind of ["metrics", "params", "tags"] as const) {
      // The list's entries without its brackets, as the database writes them.
      if (data[kind].length > 0) lists[kind] = asBytes ? Buffer.from(wireJson(data[kind]).slice(1, -1)) : wireJson(data[kind]).slice(1, -1);
    }
    return { ...rest, dataLists: lists };
  });
}

const bodyOf = (pieces: (string | Uint8Array)[]) => Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p))).toString();

describe("writeRunsPage", () => {
  it("writes the bytes toWire + JSON.stringify write for the same page, data lists as text or as bytes", () => {
    const pages = [
      { runs: [run("a", false), run("b", true)], nextPageToken: "tok" },
      { runs: [run("a", true)] },
      { runs: [bareRun("a", { metrics: [], params: [], tags: [] }), bareRun("b", { metrics: [], params: [], tags: [{ key: "t", value: "v" }] })] },
      { runs: [bareRun("a", { metrics: [], params: [{ key: "p", value: "\"q\"" }], tags: [{ key: "t", value: "v" }] })] },
      { runs: [], nextPageToken: "tok" },
      { runs: [] },
    ];
    for (const page of pages) {
      for (const asBytes of [false, true]) {
        expect(bodyOf(writeRunsPage({ ...page, runs: withJsonData(page.runs, asBytes) }).finish())).toBe(wireJson(page));
      }
    }
  });

  it("puts each run's data lists in as pieces of their own", () => {
    const [only] = withJsonData([run("a", false)], true);
    const pieces = writeRunsPage({ runs: [only] }).finish();
    expect(pieces).toContain(only.dataLists.metrics);
    expect(pieces).toContain(only.dataLists.tags);
  });
});
