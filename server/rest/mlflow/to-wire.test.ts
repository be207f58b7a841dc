import { describe, expect, it } from "vitest";
import { jsonReply } from "../http/exchange";
import { toWire } from "./to-wire";

/** The JSON text a reply of this result carries. */
const wireJson = (value: unknown) => {
  const { body } = jsonReply(toWire(value), 200);
  return Array.isArray(body) ? body.join("") : body;
};

describe("toWire", () => {
  it("renames camelCase keys to snake_case at every depth", () => {
    expect(
      toWire({ runInfo: { runId: "r1", startTime: 5, lifecycleStage: "active" }, nextPageToken: "t", datasetInputs: [{ dataset: { sourceType: "local" } }] }),
    ).toEqual({ run_info: { run_id: "r1", start_time: 5, lifecycle_stage: "active" }, next_page_token: "t", dataset_inputs: [{ dataset: { source_type: "local" } }] });
  });

  it("writes NaN and ±Infinity as protobuf's JSON strings, wherever they are", () => {
    expect(toWire({ value: Number.NaN, list: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5], nested: { maxValue: -0.25 } })).toEqual({
      value: "NaN",
      list: ["Infinity", "-Infinity", 1.5],
      nested: { max_value: -0.25 },
    });
    expect(toWire(Number.NaN)).toBe("NaN");
    expect(JSON.stringify(toWire({ metrics: [{ key: "m", value: Number.NaN, timestamp: 1, step: 0 }] }))).toBe(
      '{"metrics":[{"key":"m","value":"NaN","timestamp":1,"step":0}]}',
    );
  });

  it("writes every numeric `value` (the protos' double fields) as MLflow does, and other numbers as integers", () => {
    expect(wireJson({ metrics: [{ key: "m", value: 3, timestamp: 1700000000000, step: 2 }, { key: "n", value: 1e-7, timestamp: 1, step: 0 }] })).toBe(
      '{"metrics":[{"key":"m","value":3.0,"timestamp":1700000000000,"step":2},{"key":"n","value":1e-07,"timestamp":1,"step":0}]}',
    );
    expect(wireJson({ tags: [{ key: "k", value: "3" }], maxResults: 5, value: Number.NaN })).toBe('{"tags":[{"key":"k","value":"3"}],"max_results":5,"value":"NaN"}');
  });

  it("leaves out undefined, null and empty lists, as protobuf leaves out unset fields", () => {
    expect(toWire({ endTime: undefined, userId: null, metrics: [], tags: [{ key: "k", value: "v" }] })).toEqual({
      tags: [{ key: "k", value: "v" }],
    });
  });

  it("keeps empty objects (empty messages), empty strings, zero and false", () => {
    expect(toWire({ inputs: { datasetInputs: [], modelInputs: [] }, outputs: {}, value: "", step: 0, isDir: false })).toEqual({
      inputs: {},
      outputs: {},
      value: "",
      step: 0,
      is_dir: false,
    });
    expect(toWire({})).toEqual({});
  });

  it("keeps the fields before the first one that changes, in lists too", () => {
    const tags = [{ key: "a", value: "1" }, { key: "b", value: "2" }];
    expect(toWire({ key: "k", size: 1, maxStep: 3, gone: null, step: Number.NaN, tags })).toEqual({ key: "k", size: 1, max_step: 3, step: "NaN", tags });
    expect(toWire([1, 2, Number.POSITIVE_INFINITY, 4])).toEqual([1, 2, "Infinity", 4]);
    expect(toWire([{ key: "a" }, { key: "b", metrics: [] }, { key: "c" }])).toEqual([{ key: "a" }, { key: "b" }, { key: "c" }]);
  });

  it("maps arrays element by element and returns scalars unchanged", () => {
    expect(toWire([{ runId: "a" }, { runId: "b" }])).toEqual([{ run_id: "a" }, { run_id: "b" }]);
    expect(toWire("text")).toBe("text");
    expect(toWire(42)).toBe(42);
    expect(toWire(true)).toBe(true);
  });
});
