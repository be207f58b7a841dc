import type { z } from "zod";
import type { Db } from "../db/types";
import type { ServiceContext } from "./context";

/**
 * A service verb: its zod input schema (the one request shape, for REST and tRPC alike) and the function
 * applying the rules to parsed input. Most take the full ServiceContext; the artifact proxy's take only the
 * configuration (`C`): an `--artifacts-only` server has no database.
 */
export type Verb<S extends z.ZodType, R, C = ServiceContext> = ((args: { ctx: C; input: z.output<S> }) => Promise<R>) & {
  readonly input: S;
};

export function defineVerb<S extends z.ZodType, R, C = ServiceContext>(
  input: S,
  run: (args: { ctx: C; input: z.output<S> }) => Promise<R>,
): Verb<S, R, C> {
  return Object.assign(run, { input });
}

/** Parses raw input with the verb's schema (throwing ZodError) and runs it. */
export function invokeVerb<S extends z.ZodType, R, C>(verb: Verb<S, R, C>, ctx: C, raw: unknown): Promise<R> {
  // reportInput: error messages quote the offending value, as MLflow's do.
  return verb({ ctx, input: verb.input.parse(raw, { reportInput: true }) });
}

/** Runs `work` in one transaction: all of its writes land, or none do. */
export function inTransaction<T>(ctx: ServiceContext, work: (db: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work(tx as unknown as Db));
}
