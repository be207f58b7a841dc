import net from "node:net";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { TEST_DATABASE_URL } from "../testing/test-server";

// server/db/patches/postgres+3.4.9.patch: postgres-js 3.4.9 cancels a pending write when a socket closes
// but leaves its timer set, so that connection never sends another byte (its next StartupMessage waits
// for ever). This reproduces the order that poisoned it: the socket closes before the write's setImmediate.
// It also lets a closed connection take a query (a transaction's ROLLBACK after its socket closed), whose
// write then threw an uncaught TypeError from a timer; the patch rejects such a query instead.

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

  it("rejects a transaction whose socket closed mid-statement without throwing from a timer (its ROLLBACK has no socket)", async () => {
    const url = new URL(TEST_DATABASE_URL);
    const sockets: net.Socket[] = [];
    const socketOption = { socket: () => sockets[sockets.push(net.connect(Number(url.port || 5432), url.hostname)) - 1] };
    const sql = postgres(TEST_DATABASE_URL, { max: 1, connect_timeout: 2, backoff: () => 0, onnotice: () => {}, ...socketOption });
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      const transaction = sql.begin((tx) => tx`select pg_sleep(5)`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      sockets[0].destroy(); // the network cuts the connection: a close with no error message first
      await expect(transaction).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]); // the pool carries on with a new connection
    } finally {
      process.off("uncaughtException", onUncaught);
      await sql.end({ timeout: 1 });
    }
  });
});
