import { PGlite } from "@electric-sql/pglite";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openReopeningPglite } from "./pglite-guard";
import { DatabaseUnavailableError } from "./unavailable";

// `NOT` × 3000 exhausts the JS stack in PostgreSQL's parse analysis within ~0.1 s: issue 12's failure
// without its 20 s of planning. Unguarded, the query answers no rows or a stray error, and the next ERROR
// on the instance never returns.
const STACK_EXHAUSTING_QUERY = `select ${"not ".repeat(3000)}true as x`;

describe("openReopeningPglite", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("fails a query that exhausted the JavaScript stack with 503, then reopens: errors return and committed rows survive", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-pglite-guard-"));
    dirs.push(dir);
    const events: string[] = [];
    const db = await openReopeningPglite(
      () => PGlite.create(path.join(dir, "db")),
      (event) => events.push(event.error ? "reopen failed" : "broken"),
    );
    try {
      await db.client.exec("create table t (name text); insert into t values ('kept')");

      const failure = await db.client.query(STACK_EXHAUSTING_QUERY).then(
        (result) => ({ answered: result }),
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(DatabaseUnavailableError);
      expect((failure as Error).message).toBe(
        "The embedded database failed on a query too large for it and is being reopened; retry the request.",
      );
      expect(events).toEqual(["broken"]);

      // The step that hung for good: an ERROR after the broken query. It now reaches a fresh instance.
      const started = performance.now();
      await expect(db.client.query("insert into t values ($1)", ["nul \u0000 byte"])).rejects.toMatchObject({ code: "22021" });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect((await db.client.query<{ name: string }>("select name from t")).rows).toEqual([{ name: "kept" }]);
      expect(events).toEqual(["broken"]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
