import { inject } from "vitest";
import { openDatabase } from "../db/client";
import type { DbHandle } from "../db/types";
import { recreateDatabase, testDatabaseUrl } from "./test-server";

const SEARCH_TIMEOUT_MS = 15_000;

/**
 * The integration project's driver opened in-process, on its own fresh database (PostgreSQL:
 * `<test db>_<suffix>`; PGlite: in memory), for repository tests that need many points quickly.
 */
export async function openTestDatabase(suffix: Parameters<typeof testDatabaseUrl>[0]): Promise<DbHandle> {
  if (inject("driver") === "pglite") return openDatabase({ dataDir: "memory://", searchTimeoutMs: SEARCH_TIMEOUT_MS });
  const url = testDatabaseUrl(suffix);
  await recreateDatabase(url);
  return openDatabase({ databaseUrl: url, dataDir: "", searchTimeoutMs: SEARCH_TIMEOUT_MS });
}
