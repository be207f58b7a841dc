import type { z } from "zod";
import type { AccessRule } from "../auth/access-rule";
import { principalOfRequest } from "../auth/principal-of-request";
import type { Verb } from "../services/verb";
import { procedure } from "./init";

/**
 * Account and admin procedures act on the caller, so they need the principal. Where the gate has not
 * set it (ctx.principal still `local` with auth on), it is resolved here from the request's credentials;
 * once the gate sets it for every procedure this falls through.
 */
const accountProcedure = procedure.use(async ({ ctx, next }) => {
  const services = await ctx.services();
  if (services.principal.kind !== "local" || !services.config.auth.enabled) return next();
  const principal = await principalOfRequest(ctx.credentials, services);
  return next({ ctx: { ...ctx, services: async () => ({ ...services, principal }) } });
});

export function accountQuery<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule) {
  return accountProcedure
    .meta({ access })
    .input(verb.input)
    .query(async ({ ctx, input }): Promise<R> => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
}

export function accountMutation<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule) {
  return accountProcedure
    .meta({ access })
    .input(verb.input)
    .mutation(async ({ ctx, input }): Promise<R> => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
}
