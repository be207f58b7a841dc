import { z } from "zod";
import { revokeShareLink as revokeRow } from "../../repositories/share-links-repository";
import { doesNotExist } from "../errors";
import { defineVerb } from "../verb";
import { requireUser } from "./share-link";

/** Revokes a live link: its creator's, or any for an admin. Someone else's link is "not found", as an unknown one. */
export const revokeShareLink = defineVerb(z.object({ linkId: z.string().min(1).max(32) }), async ({ ctx, input }) => {
  const user = requireUser(ctx);
  const revoked = await revokeRow(ctx.db, input.linkId, user.isAdmin ? null : user.userId, ctx.now());
  if (!revoked) throw doesNotExist(`No live share link with id=${input.linkId} of yours exists`);
  return {};
});
