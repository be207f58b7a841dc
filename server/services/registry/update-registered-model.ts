import { z } from "zod";
import { updateRegisteredModel as updateRow } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { loadRegisteredModel, registeredModelNotFound } from "./load-registry";
import { descriptionField } from "./registry-rules";

/** Sets the description; an absent one clears it, as in MLflow (which stores the empty default). */
export const updateRegisteredModel = defineVerb(
  z.object({ name: requiredString, description: descriptionField.optional() }),
  async ({ ctx, input }) =>
    inTransaction(ctx, async (db) => {
      const row = await updateRow(db, input.name, { description: input.description ?? "", lastUpdatedTime: ctx.now() });
      if (!row) throw registeredModelNotFound(input.name);
      return { registeredModel: await loadRegisteredModel(db, row) };
    }),
);
