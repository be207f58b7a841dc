import net from "node:net";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { TEST_DATABASE_URL } from "../testing/test-server";

// server/db/patches/postgres+3.4.9.patch: postgres-js 3.4.9 cancels a pending write when a socket closes
// but leaves its timer set, so that connection never sends another byte (its next StartupMessage waits
// for ever). This reproduces the order that poisoned it: the socket closes before the write's setImmediate.

describe.runIf(inject("driver") === "postgres")("postgres-js with our patch", () => {
  it("connects again after a socket that closed before its first write was flushed", async () => {
    const url = new URL(TEST_DATABASE_URL);
    let attempts = 0;
    // `socket` is a documented option that the type definitions lack (connection-loss.ts uses it too).
    const socketOption = {
      socket: () => {
        attempts++;
        if (attempts > 1) return net.connect(Number(url.port || 5432), url.hostname);
        const doomed = new net.Socket();
        // Queued before postgres-js schedules the StartupMessage write, so the close comes first.
        setImmediate(() => doomed.destroy(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })));
        return doomed;
      },
    };
    const sql = postgres(TEST_DATABASE_URL, { max: 1, connect_timeout: 2, backoff: () => 0, onnotice: () => {}, ...socketOption });
    try {
      await expect(sql`select 1 as one`).rejects.toMatchObject({ code: "ECONNREFUSED" });
      const started = performance.now();
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(attempts).toBe(2);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
