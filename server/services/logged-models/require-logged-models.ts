import type { Db } from "../../db/types";
import { findActiveLoggedModelIds } from "../../repositories/logged-models-repository";
import { loggedModelNotFound } from "./load-logged-model";

/** Every id must name a model that is not deleted; the first that does not is RESOURCE_DOES_NOT_EXIST. */
export async function requireLoggedModels(db: Db, modelIds: string[]): Promise<void> {
  if (modelIds.length === 0) return;
  const found = await findActiveLoggedModelIds(db, [...new Set(modelIds)]);
  const missing = modelIds.find((id) => !found.has(id));
  if (missing !== undefined) throw loggedModelNotFound(missing);
}
