import { z } from "zod";
import { deleteRegisteredModel as deleteRow } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { registeredModelNotFound } from "./load-registry";

/** Deletes a model with all its versions, tags and aliases. */
export const deleteRegisteredModel = defineVerb(z.object({ name: requiredString }), async ({ ctx, input }) => {
  if (!(await deleteRow(ctx.db, input.name))) throw registeredModelNotFound(input.name);
  return {};
});
