import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { BATCH_LIMITS, Spool, type SpoolEntry } from "./spool.js";

let file: string;
beforeEach(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metron-spool-test-")), "nested", "run.host.jsonl");
});

const point = (step: number, keys = ["system/cpu_utilization_percentage"]): SpoolEntry => ({
  metrics: keys.map((key) => ({ key, value: step * 1.5, timestamp: 1_700_000_000_000 + step * 1000, step })),
});

/** Sends like the shipper does: batch after batch, acknowledging each. */
function drain(spool: Spool): SpoolEntry[] {
  const sent: SpoolEntry[] = [];
  for (let batch = spool.nextBatch(); batch; batch = spool.nextBatch()) {
    sent.push({ metrics: batch.metrics, tags: batch.tags });
    spool.acknowledge(batch.endOffset);
  }
  return sent;
}

describe("Spool", () => {
  it("hands out appended entries in order, merged into one batch, and empties itself once acknowledged", () => {
    const spool = new Spool(file);
    spool.append(point(0));
    spool.append({ tags: [{ key: "metron.host.name", value: "gpu-7" }] });
    spool.append(point(1));
    expect(spool.hasPending()).toBe(true);
    expect(drain(spool)).toEqual([{ metrics: [...point(0).metrics!, ...point(1).metrics!], tags: [{ key: "metron.host.name", value: "gpu-7" }] }]);
    expect(spool.hasPending()).toBe(false);
    expect(fs.statSync(file).size).toBe(0);
    expect(spool.nextBatch()).toBeUndefined();
  });

  it("keeps what is not acknowledged: the next batch starts with it again", () => {
    const spool = new Spool(file);
    spool.append(point(0));
    const first = spool.nextBatch()!;
    spool.append(point(1));
    expect(spool.nextBatch()!.metrics.map((m) => m.step)).toEqual([0, 1]);
    spool.acknowledge(first.endOffset);
    expect(spool.nextBatch()!.metrics.map((m) => m.step)).toEqual([1]);
    expect(spool.pendingEntries()).toBe(1);
  });

  it("survives a restart: a new Spool on the same file replays exactly the unacknowledged entries", () => {
    const before = new Spool(file);
    for (const step of [0, 1, 2]) before.append(point(step));
    before.acknowledge(before.nextBatch()!.endOffset - Buffer.byteLength(`${JSON.stringify(point(2))}\n`));
    const after = new Spool(file);
    expect(after.maxPendingStep()).toBe(2);
    expect(drain(after).flatMap((batch) => batch.metrics!.map((m) => m.step))).toEqual([2]);
  });

  it("drops a line torn by a crash in the middle of an append", () => {
    const first = new Spool(file);
    first.append(point(0));
    fs.appendFileSync(file, '{"metrics":[{"key":"system/cpu');
    const reopened = new Spool(file);
    expect(drain(reopened).flatMap((batch) => batch.metrics!.map((m) => m.step))).toEqual([0]);
  });

  it("replays from the start when the saved offset cannot be trusted (duplicates are harmless)", () => {
    const spool = new Spool(file);
    spool.append(point(0));
    spool.append(point(1));
    fs.writeFileSync(`${file}.offset`, "7");
    expect(new Spool(file).pendingEntries()).toBe(2);
  });

  it("splits a long backlog into batches within log-batch's 1000-metric limit, keeping order", () => {
    const keys = Array.from({ length: 13 }, (_, i) => `system/metric_${i}`);
    const spool = new Spool(file);
    for (let step = 0; step < 200; step++) spool.append(point(step, keys));
    const batches = drain(spool);
    expect(batches.map((batch) => batch.metrics!.length)).toEqual([988, 988, 624]);
    expect(batches.every((batch) => batch.metrics!.length <= BATCH_LIMITS.metrics)).toBe(true);
    const steps = batches.flatMap((batch) => batch.metrics!.filter((m) => m.key === "system/metric_0").map((m) => m.step));
    expect(steps).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("reads a backlog larger than its read buffer", () => {
    const spool = new Spool(file);
    const keys = Array.from({ length: 10 }, (_, i) => `system/a_rather_long_metric_name_to_fill_the_file_${i}`);
    for (let step = 0; step < 2000; step++) spool.append(point(step, keys));
    expect(fs.statSync(file).size).toBeGreaterThan(1 << 20);
    expect(spool.pendingEntries()).toBe(2000);
    expect(spool.maxPendingStep()).toBe(1999);
    expect(drain(spool).reduce((count, batch) => count + batch.metrics!.length, 0)).toBe(20_000);
  });
});
