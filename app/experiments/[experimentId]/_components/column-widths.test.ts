import { describe, expect, it } from "vitest";
import { autoWidth } from "./column-widths";
import { parseColumnId } from "./columns";
import type { RunRow } from "./runs-table-rows";

const row = (patch: Partial<RunRow>): RunRow => ({
  runId: "0123456789abcdef0123456789abcdef",
  name: "run",
  status: "FINISHED",
  startTime: 0,
  userId: "",
  lifecycleStage: "active",
  params: {},
  metrics: {},
  tags: {},
  ranges: {},
  childCount: 0,
  depth: 0,
  ...patch,
});
const width = (id: string, rows: RunRow[], nested = false) => autoWidth(parseColumnId(id)!, rows, { nested });

describe("autoWidth", () => {
  it("fits a long header label instead of cutting it at a fixed width", () => {
    const label = width("m.best_val_loss", [row({ metrics: { best_val_loss: 0.25 } })]);
    expect(label).toBe(Math.round("best_val_loss".length * 7.6 + 60));
    expect(width("m.x", [row({ metrics: { x: 1 } })])).toBe(Math.round(7.6 + 60));
  });

  it("fits the longest value, within bounds", () => {
    expect(width("p.optimizer", [row({ params: { optimizer: "sgd" } }), row({ params: { optimizer: "adamw-with-warmup" } })])).toBe(
      Math.round("adamw-with-warmup".length * 7.2 + 18),
    );
    expect(width("p.cmd", [row({ params: { cmd: "x".repeat(500) } })])).toBe(320);
    expect(width("t.t", [])).toBe(Math.round(7.6 + 60)); // no rows: the label decides
  });

  it("leaves room for the tree toggle in front of nested run names, and knows fixed-width attributes", () => {
    const rows = [row({ name: "resnet50-sweep-parent" })];
    expect(width("a.name", rows, true) - width("a.name", rows, false)).toBe(40);
    expect(width("a.status", rows)).toBe(110);
    expect(width("a.user", [row({ tags: { "mlflow.user": "a-rather-long-user-name" } })])).toBe(Math.round("a-rather-long-user-name".length * 7.2 + 18));
  });
});
