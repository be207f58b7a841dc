import { z } from "zod";
import { insertRegisteredModel, insertRegisteredModelTags } from "../../repositories/registered-models-repository";
import { MlflowError } from "../errors";
import { grantCreatorModel } from "../grant-creator";
import { lastValuePerKey } from "../group-by";
import { defineVerb, inTransaction } from "../verb";
import { loadRegisteredModel } from "./load-registry";
import { descriptionField, modelNameField, registryTags, validateRegistryTag } from "./registry-rules";

export const createRegisteredModel = defineVerb(
  z.object({
    name: modelNameField,
    tags: registryTags,
    description: descriptionField.optional(),
  }),
  async ({ ctx, input }) => {
    input.tags.forEach(validateRegistryTag);
    return inTransaction(ctx, async (db) => {
      const now = ctx.now();
      const row = { name: input.name, creationTime: now, lastUpdatedTime: now, description: input.description ?? "" };
      if (!(await insertRegisteredModel(db, row))) {
        throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${input.name}) already exists.`);
      }
      await insertRegisteredModelTags(db, input.name, lastValuePerKey(input.tags));
      await grantCreatorModel(db, ctx, input.name);
      return { registeredModel: await loadRegisteredModel(db, row) };
    });
  },
);
