import type { ServiceContext } from "./context";

/**
 * Runs the queries of a read verb (a get, a metric history, chart buckets) where this request's reads
 * go: the read replica when one is set and its caller has no write it may not hold yet, else the primary.
 * Only for verbs that never write: a write sent to a standby fails (and is then retried on the primary).
 */
export function runRead<T>(ctx: ServiceContext, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.reads.run((db) => work({ ...ctx, db }));
}
