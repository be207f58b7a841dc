import { describe, expect, it } from "vitest";
import { chooseReadTarget, parseLsn, RecentWriters, ReplicaProgress, type ReplicaView } from "./read-routing";

const MAX_LAG = 5_000;

describe("chooseReadTarget", () => {
  const upAt = (caughtUpTo: number | undefined): ReplicaView => ({ healthy: true, caughtUpTo });
  it.each([
    { case: "a caller that never wrote, replica current", replica: upAt(990), lastWrite: undefined, now: 1_000, target: "replica" },
    { case: "a write the replica has replayed", replica: upAt(990), lastWrite: 980, now: 1_000, target: "replica" },
    { case: "a write after the replica's last known position", replica: upAt(990), lastWrite: 995, now: 1_000, target: "primary" },
    { case: "a write at the very time of the position", replica: upAt(990), lastWrite: 990, now: 1_000, target: "primary" },
    { case: "replica down", replica: { healthy: false, caughtUpTo: 990 }, lastWrite: undefined, now: 1_000, target: "primary" },
    { case: "replica never caught up yet", replica: upAt(undefined), lastWrite: undefined, now: 1_000, target: "primary" },
    { case: "lag exactly at the limit", replica: upAt(1_000), lastWrite: undefined, now: 1_000 + MAX_LAG, target: "replica" },
    { case: "lag past the limit", replica: upAt(1_000), lastWrite: undefined, now: 1_001 + MAX_LAG, target: "primary" },
  ])("$case → $target", ({ replica, lastWrite, now, target }) => {
    expect(chooseReadTarget(replica, lastWrite, now, MAX_LAG)).toBe(target);
  });
});

describe("parseLsn", () => {
  it("reads PostgreSQL's hi/lo hex form into one comparable number", () => {
    expect(parseLsn("0/3016060")).toBe(0x3016060n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
  });
  it("refuses anything else", () => {
    expect(() => parseLsn("16B374D848")).toThrow("not a WAL position: 16B374D848");
    expect(() => parseLsn("")).toThrow("not a WAL position: ");
  });
});

describe("ReplicaProgress", () => {
  it("advances to the time of the newest primary position the replica has replayed", () => {
    const progress = new ReplicaProgress();
    progress.notePrimary(100, 10n);
    progress.notePrimary(200, 20n);
    progress.notePrimary(300, 30n);
    expect(progress.caughtUpTo).toBeUndefined();
    progress.noteReplayed(9n);
    expect(progress.caughtUpTo).toBeUndefined();
    progress.noteReplayed(25n);
    expect(progress.caughtUpTo).toBe(200);
    progress.noteReplayed(25n);
    expect(progress.caughtUpTo).toBe(200);
    progress.noteReplayed(30n);
    expect(progress.caughtUpTo).toBe(300);
  });

  it("keeps the newest 64 positions while the replica is behind", () => {
    const progress = new ReplicaProgress();
    for (let i = 1; i <= 100; i++) progress.notePrimary(i, BigInt(i));
    progress.noteReplayed(36n);
    expect(progress.caughtUpTo).toBeUndefined(); // positions 1–36 were dropped, 37 is not replayed yet
    progress.noteReplayed(37n);
    expect(progress.caughtUpTo).toBe(37);
  });
});

describe("RecentWriters", () => {
  it("remembers each caller's last write for the window, then forgets it", () => {
    const writers = new RecentWriters(1_000);
    writers.noteWrite("a", 100);
    writers.noteWrite("b", 500);
    writers.noteWrite("a", 600);
    expect(writers.lastWriteOf("a", 700)).toBe(600);
    expect(writers.lastWriteOf("b", 1_500)).toBe(500);
    expect(writers.lastWriteOf("b", 1_501)).toBeUndefined();
    expect(writers.lastWriteOf("c", 700)).toBeUndefined();
  });

  it("drops expired callers as new writes arrive, so the map stays as small as the window", () => {
    const writers = new RecentWriters(1_000);
    for (let i = 0; i < 10; i++) writers.noteWrite(`caller-${i}`, i * 100);
    expect(writers.size).toBe(10);
    writers.noteWrite("late", 1_450);
    expect(writers.size).toBe(6); // callers 0–4 wrote before 450
    expect(writers.lastWriteOf("caller-5", 1_450)).toBe(500);
  });
});
