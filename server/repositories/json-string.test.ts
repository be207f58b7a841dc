import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { jsonStrings } from "./json-string";

// jsonStrings quotes strings without to_json when nothing needs escaping: its output must still be
// to_json's, which is JSON.stringify's, for every character.

describe("jsonStrings", { timeout: 60_000 }, () => {
  let client: PGlite;
  let db: Db;
  beforeAll(async () => {
    client = await PGlite.create("memory://");
    db = drizzle(client) as unknown as Db;
  }, 60_000);
  afterAll(() => client.close());

  it("writes every code point (but NUL) as to_json does, alone and between other characters", async () => {
    const [row] = await executeRows<{ checked: number; mismatches: number }>(
      db,
      sql`select count(*)::int as checked,
          count(*) filter (where ${jsonStrings([sql`s`], ([s]) => s)} <> to_json(s)::text)::int as mismatches
        from (select chr(c) as s from generate_series(1, 1114111) as c where c not between 55296 and 57343
          union all select 'a' || chr(c) || 'b' from generate_series(1, 1114111) as c where c not between 55296 and 57343) as chars`,
    );
    expect(row).toEqual({ checked: 2 * (1114111 - 2048), mismatches: 0 });
  });

  it("writes what JSON.stringify writes, in the template, whichever of the columns needs escaping", async () => {
    const strings = ["plain", "", 'quote "', "back\\slash", "line\nbreak\ttab\r", "\u0001\u001f\u007f", "ünïcödé 🙂", "</script>", "\b\f"];
    const pairs = strings.flatMap((key) => strings.map((value) => [key, value]));
    const rows = await executeRows<{ entry: string }>(
      db,
      sql`select ${jsonStrings([sql`k`, sql`v`], ([k, v]) => sql`'{"key":' || ${k} || ',"value":' || ${v} || '}'`)} as entry
        from unnest(${sql.param(pairs.map((p) => p[0]))}::text[], ${sql.param(pairs.map((p) => p[1]))}::text[]) with ordinality as t(k, v, n) order by n`,
    );
    expect(rows.map((r) => r.entry)).toEqual(pairs.map(([key, value]) => JSON.stringify({ key, value })));
  });
});
