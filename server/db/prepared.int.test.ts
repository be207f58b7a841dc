import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "../testing/direct-db";
import { executePrepared } from "./prepared";
import { executeRows } from "./rows";
import type { Db, DbHandle } from "./types";

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDatabase("prepared");
}, 120_000);
afterAll(async () => handle?.close());

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

describe("executePrepared", () => {
  it("answers the statement's rows for each call's values", async () => {
    const square = (n: number) => executePrepared(handle.db, sql`select ${n}::int * ${n}::int as square`, "square");
    expect(rowsOf(await square(3))).toEqual([{ square: 9 }]);
    expect(rowsOf(await square(4))).toEqual([{ square: 16 }]);
  });

  // One transaction is one connection: the statements it prepared are listed there.
  it.runIf(inject("driver") === "postgres")("parses the text once per connection (PostgreSQL)", async () => {
    const prepared = await handle.db.transaction(async (tx) => {
      for (const n of [1, 2, 3]) await executePrepared(tx as unknown as Db, sql`select ${n}::int + 1 as next`, "next");
      return executeRows<{ statement: string }>(tx as unknown as Db, sql`select statement from pg_prepared_statements where statement like '%+ 1 as next'`);
    });
    expect(prepared).toEqual([{ statement: "select $1::int + 1 as next" }]);
  });
});
