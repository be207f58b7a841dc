import type { z } from "zod";
import type { AccessRule } from "../auth/access-rule";
import type { Verb } from "../services/verb";
import { procedure } from "./init";

// Account and admin procedures act on the caller: the gate has set ctx.principal before they run.

export function accountQuery<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule) {
  return procedure
    .meta({ access })
    .input(verb.input)
    .query(async ({ ctx, input }): Promise<R> => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
}

export function accountMutation<S extends z.ZodType, R>(verb: Verb<S, R>, access: AccessRule) {
  return procedure
    .meta({ access })
    .input(verb.input)
    .mutation(async ({ ctx, input }): Promise<R> => verb({ ctx: await ctx.services(), input: input as z.output<S> }));
}
