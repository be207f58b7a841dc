import { describe, expect, it } from "vitest";
import { ChangeAcks } from "./change-acks";

describe("ChangeAcks", () => {
  it("waits for every listed process's acknowledgement, ignoring other changes' and unlisted ones", async () => {
    const acks = new ChangeAcks();
    const expecting = acks.expect("c1");
    acks.receive(ChangeAcks.ack("c1", 11)); // before the wait starts: kept
    let resolved = false;
    const waiting = expecting.from([11, 12], 5_000, async () => new Set([11, 12])).then(() => (resolved = true));
    acks.receive(ChangeAcks.ack("c0", 12));
    acks.receive(ChangeAcks.ack("c1", 13));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    acks.receive(ChangeAcks.ack("c1", 12));
    await waiting;
    expect(resolved).toBe(true);
    expecting.done();
  });

  it("stops waiting for a process that is gone", async () => {
    const acks = new ChangeAcks();
    const expecting = acks.expect("c2");
    const started = Date.now();
    await expecting.from([21, 22], 5_000, async () => new Set<number>());
    expect(Date.now() - started).toBeLessThan(1_000);
    expecting.done();
  });
});
