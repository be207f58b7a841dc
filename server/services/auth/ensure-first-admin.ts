import { changeAccess } from "../../auth/access-changes";
import { hashPassword } from "../../auth/passwords";
import { countAdmins, findUserByName, insertUser, updateUser } from "../../repositories/users-repository";
import type { ServiceContext } from "../context";

/**
 * At start with auth on: the admin named by METRON_ADMIN_USERNAME / METRON_ADMIN_PASSWORD exists and
 * is an admin (an existing account keeps its password: it may have been changed since). Without
 * those settings an admin must already exist, else the server refuses to start: nobody could sign in.
 */
export async function ensureFirstAdmin({ ctx }: { ctx: Pick<ServiceContext, "db" | "config" | "now"> }): Promise<void> {
  const { enabled, adminUsername, adminPassword } = ctx.config.auth;
  if (!enabled) return;
  if (adminUsername && adminPassword) {
    const existing = await findUserByName(ctx.db, adminUsername);
    if (!existing) {
      await insertUser(ctx.db, { username: adminUsername, passwordHash: await hashPassword(adminPassword), isAdmin: true, creationTime: ctx.now() });
    } else if (!existing.isAdmin) {
      await changeAccess(ctx.db, (db) => updateUser(db, existing.id, { isAdmin: true }));
    }
    return;
  }
  if ((await countAdmins(ctx.db)) === 0) {
    throw new Error(
      "Invalid configuration: auth is on (--auth) and there is no admin yet: set METRON_ADMIN_USERNAME and METRON_ADMIN_PASSWORD to create the first one",
    );
  }
}
