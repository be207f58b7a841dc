import { z } from "zod";
import { resolveShareToken } from "../../auth/share-principal";
import { defineVerb } from "../verb";

/** `/s/<token>`: a valid, live link gives the view to open and how long its cookie may live. */
export const openShareLink = defineVerb(z.object({ token: z.string().min(1).max(200) }), async ({ ctx, input }) => {
  const now = ctx.now();
  const { link } = await resolveShareToken(ctx.db, input.token, now);
  return { target: link.target, maxAgeSeconds: Math.max(1, Math.floor((link.expiryTime - now) / 1000)) };
});
