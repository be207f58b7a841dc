import { z } from "zod";
import { bool } from "../schemas";
import { defineVerb } from "../verb";
import { loadLoggedModel, requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/** GET mlflow/logged-models/{model_id}: a deleted model only with allow_deleted=true. */
export const getLoggedModel = defineVerb(
  z.object({ modelId: modelIdField, allowDeleted: bool.default(false) }),
  async ({ ctx, input }) => ({
    model: await loadLoggedModel(ctx.db, await requireLoggedModelRow(ctx.db, input.modelId, { allowDeleted: input.allowDeleted })),
  }),
);
