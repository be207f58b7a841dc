import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { MlflowError } from "../../mlflow-error";
import { findApiToken, revokeApiToken as revokeTokenRow } from "../../repositories/api-tokens-repository";
import { changeAccess } from "../../auth/access-changes";
import { defineVerb } from "../verb";
import { toTokenView } from "./api-token-view";
import { requireUser } from "./caller";

/**
 * Revokes one of the caller's tokens (an admin may revoke anyone's); it stops working with the next
 * request. Someone else's token answers as absent: its id tells nothing. Revoking twice is a no-op.
 */
export const revokeApiToken = defineVerb(z.object({ id: z.number().int().positive() }), async ({ ctx, input }) => {
  const caller = requireUser(ctx);
  return changeAccess(ctx.db, async (db) => {
    const token = await findApiToken(db, input.id);
    if (!token || (token.userId !== caller.userId && !caller.isAdmin)) {
      throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `API token ${input.id} does not exist.`);
    }
    const revoked = await revokeTokenRow(db, input.id, ctx.now());
    if (!revoked) return toTokenView(token);
    await recordAudit(db, caller, "token.revoke", `token:${token.id}`, { name: token.name, ownerUserId: token.userId });
    return toTokenView(revoked);
  });
});
