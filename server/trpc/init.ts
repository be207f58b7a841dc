import { initTRPC, TRPCError } from "@trpc/server";
import { log } from "../log";
import { getServiceContext, type ServiceContext } from "../services/context";
import { toMlflowError } from "../services/errors";

export interface TrpcContext {
  services: () => Promise<ServiceContext>;
}

export const createTrpcContext = (): TrpcContext => ({ services: getServiceContext });

const t = initTRPC.context<TrpcContext>().create();

const STATUS_TO_TRPC_CODE: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  501: "NOT_IMPLEMENTED",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * Errors are mapped once, here. Whatever a verb throws reaches us as INTERNAL_SERVER_ERROR with the
 * thrown value as cause: an MlflowError keeps its message and gets the matching code, anything
 * else is logged and hidden. tRPC's own input-validation errors (BAD_REQUEST) pass through.
 */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR") return result;
  const error = toMlflowError(result.error.cause, { onUnexpected: (err) => log().error({ err, path }, "unexpected tRPC error") });
  throw new TRPCError({ code: STATUS_TO_TRPC_CODE[error.httpStatus] ?? "INTERNAL_SERVER_ERROR", message: error.message, cause: error });
});

export const router = t.router;
export const procedure = t.procedure.use(mapErrors);
