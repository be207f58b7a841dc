import { describe, expect, it } from "vitest";
import { HISTORY_FIELD_SEPARATOR as END } from "../../repositories/metric-history-points";
import { historyPointsJson } from "./history-points-json";

/** The columns as the history statement sends them: each field ended by the separator (the last one too is fine). */
const columns = (values: string[], timestamps: string[], steps: string[]) => ({
  values: values.join(END),
  timestamps: timestamps.join(END),
  steps: steps.join(END),
});
const one = (value: string) => historyPointsJson("m", columns([value], ["0"], ["0"]), 1).toString("utf8");

describe("historyPointsJson", () => {
  // float8out's text → MLflow's (Python's float repr; NaN and ±Infinity as protobuf's JSON strings).
  it.each([
    ["NaN", '"NaN"'],
    ["Infinity", '"Infinity"'],
    ["-Infinity", '"-Infinity"'],
    ["-0", "-0.0"],
    ["0", "0.0"],
    ["42", "42.0"],
    ["-999999999999999", "-999999999999999.0"],
    ["0.1", "0.1"],
    ["-1.25e-10", "-1.25e-10"],
    ["1e-05", "1e-05"],
    ["5e-324", "5e-324"],
    ["1e+15", "1000000000000000.0"],
    ["-1.2345678901234568e+15", "-1234567890123456.8"],
    ["1.8133685660161632e+16", "1.813368566016163e+16"],
    ["1e+16", "1e+16"],
    ["1e+21", "1e+21"],
    ["1.7976931348623157e+308", "1.7976931348623157e+308"],
    ["-1.7976931348623157e+308", "-1.7976931348623157e+308"],
  ])("writes the value %s as %s", (text, json) => {
    expect(one(text)).toBe(`{"key":"m","value":${json},"timestamp":0,"step":0}`);
  });

  it("copies timestamps and steps as written, to the ends of int64, with each point's model and dataset fields", () => {
    const linked = ',"dataset_name":"é, \\"x\\"\\u001e","model_id":"m-1"';
    const json = historyPointsJson("k", columns(["1", "0.5", "NaN"], ["9223372036854775807", "0", "1765000000123"], ["-9223372036854775808", `7${linked}`, "3"]), 3);
    expect(JSON.parse(`[${json.toString("utf8")}]`)).toEqual([
      { key: "k", value: 1, timestamp: 9223372036854775807, step: -9223372036854775808 },
      { key: "k", value: 0.5, timestamp: 0, step: 7, dataset_name: 'é, "x"\x1e', model_id: "m-1" },
      { key: "k", value: "NaN", timestamp: 1765000000123, step: 3 },
    ]);
    expect(json.toString("utf8")).toContain('"timestamp":9223372036854775807,"step":-9223372036854775808}');
  });

  it("has room for every value respelled at its longest", () => {
    const count = 1000;
    const json = historyPointsJson("m", columns(Array(count).fill("-1e+15"), Array(count).fill("0"), Array(count).fill("0")), count).toString();
    expect(json).toBe(Array(count).fill('{"key":"m","value":-1000000000000000.0,"timestamp":0,"step":0}').join(","));
  });

  it("writes the key as JSON.stringify does, whatever characters it holds", () => {
    const key = 'val/"acc" \\ é 🚀\n';
    expect(JSON.parse(`[${historyPointsJson(key, columns(["0.5"], ["1"], ["2"]), 1).toString("utf8")}]`)).toEqual([{ key, value: 0.5, timestamp: 1, step: 2 }]);
  });

  it("writes only the first `count` points (a page leaves out the one that tells more follow), from bytes as from strings", () => {
    const text = columns(["1", "2", "3"], ["10", "20", "30"], ["0", "1", "2"]);
    const bytes = { values: Buffer.from(text.values), timestamps: Buffer.from(text.timestamps), steps: Buffer.from(text.steps) };
    const two = '{"key":"m","value":1.0,"timestamp":10,"step":0},{"key":"m","value":2.0,"timestamp":20,"step":1}';
    expect(historyPointsJson("m", text, 2).toString()).toBe(two);
    expect(historyPointsJson("m", bytes, 2).toString()).toBe(two);
    expect(historyPointsJson("m", text, 0).toString()).toBe("");
  });
});
