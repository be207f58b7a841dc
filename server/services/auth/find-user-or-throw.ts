import type { Db } from "../../db/types";
import { MlflowError } from "../../mlflow-error";
import { findUserById, type UserRow } from "../../repositories/users-repository";

export async function findUserOrThrow(db: Db, id: number): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `User ${id} does not exist.`);
  return user;
}
