import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { MlflowError } from "../../mlflow-error";
import { countAdmins, updateUser } from "../../repositories/users-repository";
import { changeAccess } from "../../auth/access-changes";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findUserOrThrow } from "./find-user-or-throw";
import { userId } from "./schemas";

/** Makes a user an admin or takes it back; the last admin stays one (nobody could manage users after). */
export const setAdmin = defineVerb(z.object({ userId, isAdmin: z.boolean() }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  return changeAccess(ctx.db, async (db) => {
    const user = await findUserOrThrow(db, input.userId);
    if (user.isAdmin === input.isAdmin) return { id: user.id, username: user.username, isAdmin: user.isAdmin };
    if (!input.isAdmin && (await countAdmins(db)) <= 1) throw new MlflowError("INVALID_STATE", `'${user.username}' is the last admin.`);
    await updateUser(db, user.id, { isAdmin: input.isAdmin });
    await recordAudit(db, admin, "user.set_admin", `user:${user.username}`, { isAdmin: input.isAdmin });
    return { id: user.id, username: user.username, isAdmin: input.isAdmin };
  });
});
