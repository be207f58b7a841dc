import { z } from "zod";
import { insertExperiment, insertExperimentTags, nextExperimentId } from "../../repositories/experiments-repository";
import { MlflowError } from "../errors";
import { grantCreatorExperiment } from "../grant-creator";
import { keyValue, requiredString } from "../schemas";
import { lastValuePerKey } from "../group-by";
import { defineVerb, inTransaction } from "../verb";
import { validateArtifactLocation, validateExperimentName, validateExperimentTag } from "./experiment-rules";
import { defaultArtifactLocation } from "./types";

export const createExperiment = defineVerb(
  z.object({
    name: requiredString,
    artifactLocation: z.string().optional(),
    tags: z.array(keyValue).default([]),
  }),
  async ({ ctx, input }) => {
    validateExperimentName(input.name);
    if (input.artifactLocation) validateArtifactLocation(input.artifactLocation);
    input.tags.forEach(validateExperimentTag);

    return inTransaction(ctx, async (db) => {
      const id = await nextExperimentId(db);
      const now = ctx.now();
      const created = await insertExperiment(db, {
        experimentId: id,
        name: input.name,
        artifactLocation: input.artifactLocation || defaultArtifactLocation(ctx.config.defaultArtifactRoot, String(id)),
        lifecycleStage: "active",
        creationTime: now,
        lastUpdateTime: now,
      });
      if (!created) {
        throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${input.name}) already exists.`);
      }
      await insertExperimentTags(db, id, lastValuePerKey(input.tags));
      await grantCreatorExperiment(db, ctx, id);
      return { experimentId: String(id) };
    });
  },
);
