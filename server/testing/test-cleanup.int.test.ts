import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { asAdmin, createScratchDir, derivedDatabaseUrl, dropTestDatabases, existingTestDatabases, folderBytes, testDatabaseNames } from "./test-cleanup.mjs";
import { testDatabaseUrl } from "./test-server";

describe("test cleanup: names", () => {
  it("lists a run's own database and the derived ones, and refuses an unlisted suffix", () => {
    expect(testDatabaseNames("postgres://u@h:5432/metron_t_x")).toEqual([
      "metron_t_x",
      "metron_t_x_gc",
      "metron_t_x_outage",
      "metron_t_x_crash",
      "metron_t_x_icu",
      "metron_t_x_access_log",
      "metron_t_x_cleanup",
      ...["search", "buckets", "buckets_plan", "signin", "token_rate", "shared_limits", "restsrc", "restdst", "filestore", "resume", "sqlite", "s3import", "cloudimport", "doors", "locality", "upgrade", "analyze", "accounts", "auth_server", "shares", "share_e2e", "quotas", "prepared", "authgate", "authmatrix", "importquota", "authdoors", "walk_sets", "metric_writes", "load", "scaleout", "fuzz_auth", "kill9", "drain", "diskfull", "block_backlog"].map((s) => `metron_t_x_${s}`),
    ]);
    expect(derivedDatabaseUrl("postgres://u@h:5432/metron_t_x?sslmode=disable", "gc")).toBe("postgres://u@h:5432/metron_t_x_gc?sslmode=disable");
    expect(() => derivedDatabaseUrl("postgres://u@h:5432/metron_t_x", "mine")).toThrow(
      "unknown test database suffix 'mine': add it to DERIVED_DATABASE_SUFFIXES",
    );
  });

  it("measures and removes a scratch folder", () => {
    const scratch = createScratchDir();
    fs.mkdirSync(path.join(scratch, "a", "b"), { recursive: true });
    fs.writeFileSync(path.join(scratch, "a", "b", "f"), Buffer.alloc(1000));
    fs.writeFileSync(path.join(scratch, "g"), "12345");
    expect(folderBytes(scratch)).toBe(1005);
    fs.rmSync(scratch, { recursive: true });
  });
});

// A run of its own (base `<test db>_cleanup`) with two neighbours whose names merely start alike.
describe.runIf(inject("driver") === "postgres")("test cleanup: databases", () => {
  const probe = testDatabaseUrl("cleanup");
  const name = new URL(probe).pathname.slice(1);
  const neighbours = [`${name}_neighbour`, `${name}x`];
  afterAll(async () => {
    await dropTestDatabases(probe);
    await asAdmin(probe, async (sql) => {
      for (const n of neighbours) await sql.unsafe(`drop database if exists "${n}" with (force)`);
    });
  });

  it("drops exactly the run's own databases, even with a connection open, and leaves look-alikes alone", async () => {
    const created = [name, `${name}_gc`, `${name}_icu`, ...neighbours];
    await asAdmin(probe, async (sql) => {
      for (const n of created) await sql.unsafe(`drop database if exists "${n}" with (force)`).then(() => sql.unsafe(`create database "${n}"`));
    });
    expect((await existingTestDatabases(probe)).sort()).toEqual([name, `${name}_gc`, `${name}_icu`].sort());
    const { default: postgres } = await import("postgres");
    const open = postgres(derivedDatabaseUrl(probe, "gc"), { max: 1, onnotice: () => {} });
    await open`select 1`;
    try {
      expect((await dropTestDatabases(probe)).sort()).toEqual([name, `${name}_gc`, `${name}_icu`].sort());
    } finally {
      await open.end().catch(() => undefined);
    }
    expect(await existingTestDatabases(probe)).toEqual([]);
    const left = await asAdmin(probe, async (sql) => (await sql`select datname from pg_database where datname = any(${neighbours})`).map((r) => r.datname));
    expect(left.sort()).toEqual([...neighbours].sort());
  });
});
