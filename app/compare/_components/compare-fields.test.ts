import { describe, expect, test } from "vitest";
import { buildFields, isDifferent, numericValue, reorderFields, sameValue, type ComparedRun } from "./compare-fields";

const run = (patch: Partial<ComparedRun>): ComparedRun => ({
  runId: "r",
  name: "r",
  experimentId: "1",
  experimentName: "exp",
  status: "FINISHED",
  startTime: 0,
  endTime: 2000,
  params: {},
  metrics: {},
  tags: {},
  ranges: {},
  ...patch,
});

describe("buildFields", () => {
  const runs = [
    run({ runId: "a", params: { lr: "0.1", opt: "adam" }, metrics: { loss: 0.5 }, tags: { team: "x", "mlflow.user": "u" }, ranges: { loss: { min: 0.4, max: 2 } } }),
    run({ runId: "b", params: { lr: "0.2" }, metrics: { loss: Number.NaN, acc: 0.9 }, tags: { team: "x" }, endTime: undefined }),
  ];
  const fields = buildFields(runs);
  const byId = (id: string) => fields.find((f) => f.id === id)!;

  test("one field per param, metric (last, min, max), user tag and attribute, in sections", () => {
    expect(fields.map((f) => f.id)).toEqual([
      "a.experiment", "a.status", "a.duration",
      "p.lr", "p.opt",
      "m.acc", "m.acc@min", "m.acc@max", "m.loss", "m.loss@min", "m.loss@max",
      "t.team",
    ]);
    expect(byId("m.loss@min").values).toEqual([0.4, undefined]);
    expect(byId("p.opt").values).toEqual(["adam", undefined]);
    expect(byId("a.duration").values).toEqual([2, undefined]);
  });

  test("params are numeric only when every value given parses as a finite number", () => {
    expect(byId("p.lr").isNumeric).toBe(true);
    expect(byId("p.opt").isNumeric).toBe(false);
    expect(numericValue(byId("p.lr"), 1)).toBe(0.2);
    expect(numericValue(byId("p.opt"), 0)).toBeUndefined();
    expect(numericValue(byId("m.loss"), 1)).toBeUndefined(); // NaN cannot be placed
  });

  test("only differences: equal rows (NaN = NaN, missing = missing) are not different", () => {
    expect(isDifferent(byId("t.team"))).toBe(false);
    expect(isDifferent(byId("p.lr"))).toBe(true);
    expect(isDifferent(byId("p.opt"))).toBe(true);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue(undefined, "")).toBe(false);
  });

  test("reorder puts the baseline first", () => {
    expect(reorderFields([byId("p.lr")], [1, 0])[0].values).toEqual(["0.2", "0.1"]);
  });
});
