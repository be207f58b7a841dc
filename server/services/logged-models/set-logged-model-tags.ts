import { z } from "zod";
import { upsertLoggedModelTags } from "../../repositories/logged-models-repository";
import { lastValuePerKey } from "../group-by";
import { defineVerb, inTransaction } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { loggedModelKeyValues, modelIdField, toModelKeyValues } from "./logged-model-input";

/** PATCH mlflow/logged-models/{model_id}/tags: upserts, the last value of a key winning. */
export const setLoggedModelTags = defineVerb(z.object({ modelId: modelIdField, tags: loggedModelKeyValues }), async ({ ctx, input }) => {
  const tags = toModelKeyValues("tag", input.tags);
  await inTransaction(ctx, async (db) => {
    const model = await requireLoggedModelRow(db, input.modelId);
    await upsertLoggedModelTags(db, model, lastValuePerKey(tags));
  });
  return {};
});
