import { z } from "zod";
import { defineVerb } from "../verb";

/** Whether the UI shows "Share": auth on and a signed-in user (with auth off every page is open anyway). */
export const canShare = defineVerb(z.object({}).default({}), async ({ ctx }) => ({
  canShare: ctx.config.auth.enabled && ctx.principal.kind === "user",
}));
