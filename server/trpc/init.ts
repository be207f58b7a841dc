import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, type z } from "zod";
import { log } from "../log";
import { getRequestContext, type ServiceContext } from "../services/context";
import { toMlflowError } from "../services/errors";
import { runRead } from "../services/run-read";
import type { AccessRule, ProcedureMeta } from "../auth/access-rule";
import { authorize } from "../auth/gate";
import type { Principal } from "../auth/principal";
import { MlflowError } from "../mlflow-error";
import type { Verb } from "../services/verb";

export interface TrpcContext {
  services: () => Promise<ServiceContext>;
}

/**
 * `principal`: who is asking (the door's, or a page's, see server/auth/page-principal.ts); `req` (absent for
 * server-side callers): its signal cancels the request's searches when the browser leaves; `readCaller`:
 * whose reads these are (server/auth/read-caller.ts; absent: reads on the primary).
 */
export const createTrpcContext = (opts: { principal: Principal; req?: Request; readCaller?: string }): TrpcContext => ({
  services: async () => ({ ...(await getRequestContext(opts.req?.signal, opts.readCaller)), principal: opts.principal }),
});

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create();

const STATUS_TO_TRPC_CODE: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  501: "NOT_IMPLEMENTED",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * Errors mapped once, through REST's table: a verb's throw (INTERNAL_SERVER_ERROR with cause) and a schema
 * refusal (BAD_REQUEST with the ZodError) become the MlflowError REST would answer (message, matching
 * code); anything else is logged and hidden.
 */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const { code, cause } = result.error;
  if (code !== "INTERNAL_SERVER_ERROR" && !(code === "BAD_REQUEST" && cause instanceof ZodError)) return result;
  throw toTrpcError(toMlflowError(cause, { onUnexpected: (err) => log().error({ err, path }, "unexpected tRPC error") }));
});

/** The tRPC error REST's answer maps to (same message; the code of REST's status). */
export function toTrpcError(error: MlflowError): TRPCError {
  return new TRPCError({ code: STATUS_TO_TRPC_CODE[error.httpStatus] ?? "INTERNAL_SERVER_ERROR", message: error.message, cause: error });
}

/**
 * Every procedure's access rule (its meta), checked by the one gate before its input is even parsed,
 * as REST checks before the verb. A procedure without a rule is refused while auth is on.
 */
const enforceAccess = t.middleware(async ({ meta, ctx, getRawInput, next, path }) => {
  const services = await ctx.services();
  if (services.config.auth.enabled && !meta?.access) throw new MlflowError("PERMISSION_DENIED", `Procedure ${path} has no access rule`);
  if (meta?.access) await authorize(services, meta.access, await getRawInput());
  return next();
});

/** A mutation done (or failed part-way), its caller's next queries must see it (read replica, see read-caller.ts). */
const noteWrites = t.middleware(async ({ type, ctx, next }) => {
  if (type !== "mutation") return next();
  try {
    return await next();
  } finally {
    await ctx.services().then((services) => services.noteWrite(), () => {});
  }
});

export const router = t.router;
export const procedure = t.procedure.use(mapErrors).use(noteWrites).use(enforceAccess);

/** A query that runs one service verb, as REST does; `toUi` reshapes its result where JSON needs it (NaN, ±Infinity). */
export function verbQuery<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule): ReturnType<typeof queryOf<S, R>>;
export function verbQuery<S extends z.ZodType, R, O>(verb: Verb<S, R>, access: AccessRule, toUi: (result: R) => O): ReturnType<typeof queryOf<S, O>>;
export function verbQuery<S extends z.ZodType, R, O>(verb: Verb<S, R>, access: AccessRule, toUi?: (result: R) => O) {
  return queryOf<S, R | O>(verb.input, access, async (services, input) => {
    // A query only reads: the read replica may serve it (server/db/read-replica.ts).
    const result = await runRead(services, (ctx) => verb({ ctx, input }));
    return toUi ? toUi(result) : result;
  });
}

/** A mutation that runs one service verb, as REST does. */
export function verbMutation<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule) {
  return procedure.meta({ access }).input(verb.input).mutation(async ({ ctx, input }): Promise<R> => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
}

function queryOf<S extends z.ZodType, T>(schema: S, access: AccessRule, run: (services: ServiceContext, input: z.output<S>) => Promise<T>) {
  return procedure.meta({ access }).input(schema).query(async ({ ctx, input }): Promise<T> => run(await ctx.services(), input as z.output<S>));
}
