import "server-only";
import { LOCAL, type Principal } from "../auth/principal";
import { closeDatabase, getDatabase } from "../db/client";
import type { ReadDb, ReadRouter } from "../db/read-replica";
import type { SearchBudget } from "../db/search-budget";
import type { Db, DbKind } from "../db/types";
import { getConfig, type ServerConfig } from "../env";
import { log } from "../log";
import { existingProcessSingleton, processSingletonPromise } from "../process-singleton";
import { ensureFirstAdmin } from "./auth/ensure-first-admin";
import { ensureDefaultExperiment } from "./experiments/ensure-default-experiment";
import { startMetricBlockSummarizer } from "./metrics/metric-block-summarizer";

/** What every service verb receives besides its input. */
export interface ServiceContext {
  db: Db;
  dbKind: DbKind;
  config: ServerConfig;
  /** Wall clock in epoch milliseconds; tests may pin it. */
  now: () => number;
  /** Where search verbs run their queries (see server/db/search-budget.ts and runSearch). */
  search: SearchBudget;
  /** Where reads that are not searches run (gets, metric histories, charts): see runRead. */
  reads: ReadDb;
  /** Called by the edges once a request that may have written is done: its caller's next reads see the write. */
  noteWrite(): void;
  /** Aborted when the client of this request has gone away (set by the edges). */
  signal?: AbortSignal;
  /** Who is asking: `local` (everything allowed) while auth is off; set per request by the edges when on. */
  principal: Principal;
}

/**
 * The context of one request: its queries can be cancelled once `signal` is aborted, and its reads go
 * where `caller`'s may (server/auth/read-caller.ts; undefined: the primary, as for the CLI).
 */
export async function getRequestContext(signal: AbortSignal | undefined, caller?: string): Promise<ServiceContext> {
  const { ctx, reads } = await getProcessContext();
  return { ...ctx, ...reads.forCaller(caller), signal };
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
export async function getServiceContext(): Promise<ServiceContext> {
  return (await getProcessContext()).ctx;
}

/** The server's stop: background work (chart summaries) stopped, then the database closed. */
export async function closeServices(): Promise<void> {
  const opening = existingProcessSingleton<ReturnType<typeof getProcessContext>>("service-context");
  // Not awaited: a pass stuck on an unreachable database must not hold up a stop (it would wait out the
  // connect timeout); once stopped, the pass the close cuts short is not reported as a failure.
  void (await opening?.catch(() => undefined))?.stopSummarizer();
  await closeDatabase();
}

function getProcessContext(): Promise<{ ctx: ServiceContext; reads: ReadRouter; stopSummarizer: () => Promise<void> }> {
  return processSingletonPromise("service-context", async () => {
    const config = getConfig();
    const handle = await getDatabase();
    const ctx: ServiceContext = { db: handle.db, dbKind: handle.kind, config, now: Date.now, ...handle.reads.forCaller(undefined), principal: LOCAL };
    await ensureDefaultExperiment({ ctx });
    await ensureFirstAdmin({ ctx });
    // Chart summaries of what was logged are built off the request path (metric-block-summarizer.ts).
    const stopSummarizer = startMetricBlockSummarizer(handle.db, { onError: (err) => log().warn({ err }, "summarizing metric blocks failed") });
    return { ctx, reads: handle.reads, stopSummarizer };
  });
}
