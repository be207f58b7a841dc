import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteSearchBudget } from "./search-budget";
import type { Db } from "./types";
import { DatabaseUnavailableError } from "./unavailable";

// The embedded database has one connection and no working statement timeout: searches take
// turns, so that a write waits for at most the one search running, never for a queue of them.

describe("pgliteSearchBudget", { timeout: 60_000 }, () => {
  let client: PGlite;
  let db: Db;
  const events: string[] = [];
  /** A search: a statement of ~0.3 s or more (PGlite runs it synchronously), noted as it starts and ends. */
  const slowSearch = (name: string) => async (searchDb: Db) => {
    events.push(`${name} start`);
    await searchDb.execute(sql`select count(*) from generate_series(1, 1500000)`);
    events.push(`${name} end`);
    return name;
  };

  /** A search that holds its turn for `ms` between two statements, as a search with several statements does. */
  const holdTurn = (name: string, ms: number) => async (searchDb: Db) => {
    events.push(`${name} start`);
    await searchDb.execute(sql`select 1`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await searchDb.execute(sql`select 2`);
    events.push(`${name} end`);
    return name;
  };

  beforeAll(async () => {
    client = await PGlite.create("memory://");
    db = drizzle(client) as unknown as Db;
    await db.execute(sql`create table log (n int)`);
  }, 60_000);
  afterAll(() => client.close());

  it("runs searches one at a time, and a write goes between them instead of after them all", async () => {
    events.length = 0;
    const budget = pgliteSearchBudget(db, 60_000);
    const searches = ["a", "b", "c"].map((name) => budget.run(undefined, slowSearch(name)));
    await new Promise((resolve) => setImmediate(resolve));
    const write = db.execute(sql`insert into log values (1)`).then(() => events.push("write"));
    expect(await Promise.all(searches)).toEqual(["a", "b", "c"]);
    await write;
    expect(events).toEqual(["a start", "a end", "write", "b start", "b end", "c start", "c end"]);
  });

  it("a search that waits longer than the timeout answers 503 and never runs; the next one still does", async () => {
    events.length = 0;
    const budget = pgliteSearchBudget(db, 50);
    const first = budget.run(undefined, holdTurn("a", 300));
    const late = budget.run(undefined, slowSearch("late")).catch((err: unknown) => err);
    const error = await late;
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe(
      "The search did not finish within the server's search timeout of 50 ms (METRON_SEARCH_TIMEOUT_MS) and was stopped. Narrow the filter, or retry later.",
    );
    await first;
    expect(await budget.run(undefined, async () => "next")).toBe("next");
    expect(events).toEqual(["a start", "a end"]);
  });

  it("a search whose client leaves while it waits never runs", async () => {
    events.length = 0;
    const budget = pgliteSearchBudget(db, 60_000);
    const first = budget.run(undefined, holdTurn("a", 300));
    const client = new AbortController();
    const gone = budget.run(client.signal, slowSearch("gone")).catch((err: Error) => err.message);
    setTimeout(() => client.abort(), 10);
    expect(await gone).toBe("The client closed the connection; the search was cancelled.");
    await first;
    expect(events).toEqual(["a start", "a end"]);
  });
});
