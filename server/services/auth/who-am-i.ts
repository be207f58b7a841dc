import { z } from "zod";
import { defineVerb } from "../verb";

/** What the header shows: whether sign-in is on, and who is signed in (null: nobody, or auth off). */
export const whoAmI = defineVerb(z.void(), async ({ ctx }) => {
  const { principal } = ctx;
  return {
    authEnabled: ctx.config.auth.enabled,
    user: principal.kind === "user" ? { username: principal.username, isAdmin: principal.isAdmin } : null,
  };
});
