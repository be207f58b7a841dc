import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { hashPassword } from "../../auth/passwords";
import { deleteUserSessions } from "../../repositories/sessions-repository";
import { updateUser } from "../../repositories/users-repository";
import { changeAccess } from "../../auth/access-changes";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findUserOrThrow } from "./find-user-or-throw";
import { newPassword, userId } from "./schemas";

/**
 * Sets a user's password and ends their browser sessions (whoever knew the old one is signed out).
 * Their API tokens keep working: scripts are revoked one by one, on the tokens page.
 */
export const resetPassword = defineVerb(z.object({ userId, password: newPassword }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  const passwordHash = await hashPassword(input.password);
  await changeAccess(ctx.db, async (db) => {
    const user = await findUserOrThrow(db, input.userId);
    await updateUser(db, user.id, { passwordHash });
    await deleteUserSessions(db, user.id);
    await recordAudit(db, admin, "user.reset_password", `user:${user.username}`);
  });
  return {};
});
