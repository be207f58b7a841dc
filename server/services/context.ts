import "server-only";
import { LOCAL, type Principal } from "../auth/principal";
import { getDatabase } from "../db/client";
import type { SearchBudget } from "../db/search-budget";
import type { Db, DbKind } from "../db/types";
import { getConfig, type ServerConfig } from "../env";
import { processSingletonPromise } from "../process-singleton";
import { ensureFirstAdmin } from "./auth/ensure-first-admin";
import { ensureDefaultExperiment } from "./experiments/ensure-default-experiment";

/** What every service verb receives besides its input. */
export interface ServiceContext {
  db: Db;
  dbKind: DbKind;
  config: ServerConfig;
  /** Wall clock in epoch milliseconds; tests may pin it. */
  now: () => number;
  /** Where search verbs run their queries (see server/db/search-budget.ts and runSearch). */
  search: SearchBudget;
  /** Aborted when the client of this request has gone away (set by the edges). */
  signal?: AbortSignal;
  /** Who is asking: `local` (everything allowed) while auth is off; set per request by the edges when on. */
  principal: Principal;
}

/** The context of one request: its queries can be cancelled once `signal` is aborted. */
export async function getRequestContext(signal: AbortSignal | undefined): Promise<ServiceContext> {
  return { ...(await getServiceContext()), signal };
}

/**
 * What the artifact proxy's verbs receive: configuration only. An `--artifacts-only` server serves
 * them without ever opening the database.
 */
export type ConfigContext = Pick<ServiceContext, "config">;

export function getConfigContext(): ConfigContext {
  return { config: getConfig() };
}


/** The process-wide context: database opened and migrated, default experiment present (and with auth on, an admin). */
export function getServiceContext(): Promise<ServiceContext> {
  return processSingletonPromise("service-context", async () => {
    const config = getConfig();
    const handle = await getDatabase();
    const ctx: ServiceContext = { db: handle.db, dbKind: handle.kind, config, now: Date.now, search: handle.search, principal: LOCAL };
    await ensureDefaultExperiment({ ctx });
    await ensureFirstAdmin({ ctx });
    return ctx;
  });
}
