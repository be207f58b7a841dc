import { z } from "zod";
import { deleteLoggedModelTag as deleteTagRow } from "../../repositories/logged-models-repository";
import { doesNotExist } from "../errors";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/** DELETE mlflow/logged-models/{model_id}/tags/{tag_key}; a missing key is RESOURCE_DOES_NOT_EXIST. */
export const deleteLoggedModelTag = defineVerb(z.object({ modelId: modelIdField, tagKey: requiredString }), async ({ ctx, input }) => {
  await inTransaction(ctx, async (db) => {
    await requireLoggedModelRow(db, input.modelId);
    if (!(await deleteTagRow(db, input.modelId, input.tagKey))) {
      throw doesNotExist(`No tag with key '${input.tagKey}' found for model with ID '${input.modelId}'.`);
    }
  });
  return {};
});
