import { z } from "zod";
import { listUsers as listUserRows } from "../../repositories/users-repository";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";

/** Every user, by name (admins only): never their password hashes. */
export const listUsers = defineVerb(z.void(), async ({ ctx }) => {
  requireAdmin(ctx);
  return (await listUserRows(ctx.db)).map(({ id, username, isAdmin, creationTime }) => ({ id, username, isAdmin, creationTime }));
});
