import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { hashPassword } from "../../auth/passwords";
import { MlflowError } from "../../mlflow-error";
import { insertUser } from "../../repositories/users-repository";
import { defineVerb, inTransaction } from "../verb";
import { requireAdmin } from "./caller";
import { newPassword, username } from "./schemas";

export const createUser = defineVerb(
  z.object({ username, password: newPassword, isAdmin: z.boolean().default(false) }),
  async ({ ctx, input }) => {
    const admin = requireAdmin(ctx);
    const passwordHash = await hashPassword(input.password);
    return inTransaction(ctx, async (db) => {
      const user = await insertUser(db, { username: input.username, passwordHash, isAdmin: input.isAdmin, creationTime: ctx.now() });
      if (!user) throw new MlflowError("RESOURCE_ALREADY_EXISTS", `User '${input.username}' already exists.`);
      await recordAudit(db, admin, "user.create", `user:${user.username}`, { isAdmin: user.isAdmin });
      return { id: user.id, username: user.username, isAdmin: user.isAdmin, creationTime: user.creationTime };
    });
  },
);
