import { z } from "zod";
import { secretHash } from "../../auth/secrets";
import { deleteSession } from "../../repositories/sessions-repository";
import { defineVerb } from "../verb";

/** Ends the browser session whose cookie came with the request (none: nothing to end). */
export const signOut = defineVerb(z.object({ sessionSecret: z.string().optional() }), async ({ ctx, input }) => {
  if (input.sessionSecret) await deleteSession(ctx.db, secretHash(input.sessionSecret));
  return {};
});
