import { inject } from "vitest";
import { openDatabase } from "../db/client";
import type { DbHandle } from "../db/types";
import { recreateDatabase, TEST_DATABASE_URL } from "./test-server";

/**
 * The integration project's driver opened in-process, on its own fresh database (PostgreSQL:
 * `<test db>_<suffix>`; PGlite: in memory), for repository tests that need many points quickly.
 */
export async function openTestDatabase(suffix: string): Promise<DbHandle> {
  if (inject("driver") === "pglite") return openDatabase({ dataDir: "memory://" });
  const url = `${TEST_DATABASE_URL}_${suffix}`;
  await recreateDatabase(url);
  return openDatabase({ databaseUrl: url, dataDir: "" });
}
