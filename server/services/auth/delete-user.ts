import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { MlflowError } from "../../mlflow-error";
import { deleteUser as deleteUserRow } from "../../repositories/users-repository";
import { changeAccess } from "../../auth/access-changes";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findUserOrThrow } from "./find-user-or-throw";
import { userId } from "./schemas";

/**
 * Deletes a user with their sessions, tokens, memberships and grants. Not oneself: an admin would
 * lock themselves out mid-click (and the last admin is always oneself).
 */
export const deleteUser = defineVerb(z.object({ userId }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  if (input.userId === admin.userId) throw new MlflowError("INVALID_STATE", "You cannot delete your own account.");
  await changeAccess(ctx.db, async (db) => {
    const user = await findUserOrThrow(db, input.userId);
    await deleteUserRow(db, user.id);
    await recordAudit(db, admin, "user.delete", `user:${user.username}`);
  });
  return {};
});
