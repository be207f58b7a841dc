import type { ServiceContext } from "./context";

/**
 * Runs the queries of a search verb on the search budget: apart from writes, under the search
 * timeout, and cancelled when the request's client goes away (server/db/search-budget.ts).
 */
export function runSearch<T>(ctx: ServiceContext, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.search.run(ctx.signal, (db) => work({ ...ctx, db }));
}
