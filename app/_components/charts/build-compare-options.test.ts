import { describe, expect, test } from "vitest";
import { buildParallelOption } from "./build-parallel-option";
import { buildScatterOption, type ScatterOptionInput } from "./build-scatter-option";
import { LIGHT_CHART_THEME } from "./chart-theme";

const runs = [
  { runId: "a", label: "run a", color: "#111111" },
  { runId: "b", label: "run b", color: "#222222" },
];

describe("buildParallelOption", () => {
  const option = buildParallelOption({
    axes: [
      { label: "lr", isNumeric: true, values: ["0.1", 0.2] },
      { label: "optimizer", isNumeric: false, values: ["sgd", "adam"] },
      { label: "loss", isNumeric: true, values: [Number.NaN, 0.5] },
    ],
    runs,
    theme: LIGHT_CHART_THEME,
  });
  test("a value axis per numeric field, a category axis of the sorted values otherwise", () => {
    expect(option.parallelAxis).toEqual([
      { dim: 0, name: "lr", type: "value", scale: true },
      { dim: 1, name: "optimizer", type: "category", data: ["adam", "sgd"] },
      { dim: 2, name: "loss", type: "value", scale: true },
    ]);
  });
  test("one line per run in its colour; values that cannot be placed are null", () => {
    const data = (option.series as { data: { name: string; value: unknown[]; lineStyle: { color: string } }[] }[])[0].data;
    expect(data).toEqual([
      { name: "run a", value: [0.1, "sgd", null], lineStyle: { color: "#111111" } },
      { name: "run b", value: [0.2, "adam", 0.5], lineStyle: { color: "#222222" } },
    ]);
  });
});

describe("buildScatterOption", () => {
  const input = (patch: Partial<ScatterOptionInput> = {}): ScatterOptionInput => ({
    points: [
      { ...runs[0], x: 0.1, y: 2 },
      { ...runs[1], x: 0.01, y: 0 },
      { runId: "c", label: "no y", color: "#333333", x: 1, y: undefined },
    ],
    xLabel: "lr",
    yLabel: "loss",
    isXCategory: false,
    logX: false,
    logY: false,
    theme: LIGHT_CHART_THEME,
    ...patch,
  });
  const dataOf = (o: ReturnType<typeof buildScatterOption>) => (o.series as { data: { name: string; value: unknown[] }[] }[])[0].data;

  test("one dot per run with both values, coloured by run", () => {
    expect(dataOf(buildScatterOption(input()))).toEqual([
      { name: "run a", value: [0.1, 2], itemStyle: { color: "#111111" } },
      { name: "run b", value: [0.01, 0], itemStyle: { color: "#222222" } },
    ]);
  });
  test("log axes: log types, and runs with values ≤ 0 are left out", () => {
    const option = buildScatterOption(input({ logX: true, logY: true }));
    expect((option.xAxis as { type: string }).type).toBe("log");
    expect((option.yAxis as { type: string }).type).toBe("log");
    expect(dataOf(option).map((d) => d.name)).toEqual(["run a"]);
  });
  test("a text param on x: a category axis of its values", () => {
    const option = buildScatterOption(input({ isXCategory: true, logX: true, points: [{ ...runs[0], x: "sgd", y: 1 }, { ...runs[1], x: "adam", y: 2 }] }));
    expect(option.xAxis).toMatchObject({ type: "category", data: ["adam", "sgd"] });
    expect(dataOf(option)[0].value).toEqual(["sgd", 1]);
  });
  test("the tooltip names the run and both values, escaped", () => {
    const formatter = (buildScatterOption(input({ xLabel: "<x>" })).tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ name: "run a", value: [0.1, 2] })).toBe("<b>run a</b><br/>&#60;x&#62;: 0.1<br/>loss: 2");
  });
});
