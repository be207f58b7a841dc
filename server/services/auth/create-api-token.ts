import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { newSecret, secretHash } from "../../auth/secrets";
import { MlflowError } from "../../mlflow-error";
import { insertApiToken } from "../../repositories/api-tokens-repository";
import { defineVerb, inTransaction } from "../verb";
import { toTokenView } from "./api-token-view";
import { requireUser } from "./caller";

/** How much of a token lists show: "mtk_" and 8 random characters tell tokens apart, reveal nothing usable. */
const DISPLAYED_CHARACTERS = 12;

/**
 * A new API token for the signed-in user; its secret is in this answer only (the table keeps its
 * sha256). A token cannot mint tokens: a leaked one must not outlive its own revocation.
 */
export const createApiToken = defineVerb(z.object({ name: z.string().trim().min(1).max(256) }), async ({ ctx, input }) => {
  const owner = requireUser(ctx);
  if (owner.tokenId !== undefined) throw new MlflowError("PERMISSION_DENIED", "API tokens cannot create tokens; sign in with a password.");
  const token = newSecret("mtk");
  const row = await inTransaction(ctx, async (db) => {
    const inserted = await insertApiToken(db, {
      userId: owner.userId,
      name: input.name,
      secretHash: secretHash(token),
      displayPrefix: token.slice(0, DISPLAYED_CHARACTERS),
      creationTime: ctx.now(),
    });
    await recordAudit(db, owner, "token.create", `token:${inserted.id}`, { name: input.name, owner: owner.username });
    return inserted;
  });
  return { ...toTokenView(row), token };
});
