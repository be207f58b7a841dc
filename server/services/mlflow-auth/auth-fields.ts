import { z } from "zod";
import { PERMISSIONS } from "../../db/schema/auth";
import { findUserByName, type UserRow } from "../../repositories/users-repository";
import type { Db } from "../../db/types";
import { MlflowError } from "../errors";
import { requiredString } from "../schemas";

// Fields and lookups shared by MLflow's basic-auth endpoints (users/*, experiments/permissions/*,
// registered-models/permissions/*), which this server answers as MLflow's auth app does.

export const usernameField = requiredString.max(256);

export const permissionField = z.enum(PERMISSIONS, { error: `must be one of ${PERMISSIONS.join(", ")}` });

export async function requireUser(db: Db, username: string): Promise<UserRow> {
  const user = await findUserByName(db, username);
  if (!user) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `User with username=${username} not found`);
  return user;
}
