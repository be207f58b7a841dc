import { z } from "zod";
import { insertDatasetInput, insertModelLinks } from "../../repositories/inputs-repository";
import { invalidParameter } from "../errors";
import { keyValue, requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { requireLoggedModels } from "../logged-models/require-logged-models";
import { runIdField } from "./run-input";
import { requireWritableRun } from "./write-run-data";

const datasetInput = z.object({
  tags: z.array(keyValue).default([]),
  dataset: z.object({
    name: requiredString,
    digest: requiredString,
    sourceType: requiredString,
    source: requiredString,
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});

// MLflow's column limits for datasets and input tags (mlflow/utils/validation.py).
const DATASET_LIMITS = { name: 500, digest: 36, sourceType: 36, source: 65535, schema: 1048575, profile: 16777215 } as const;
const INPUT_TAG_LIMITS = { key: 255, value: 500 } as const;

/** Records the datasets and logged models a run used (what `mlflow.log_input` and MLflow 3 send). */
export const logInputs = defineVerb(
  z.object({
    runId: runIdField,
    datasets: z.array(datasetInput).default([]),
    models: z.array(z.object({ modelId: requiredString })).default([]),
  }),
  async ({ ctx, input }) => {
    input.datasets.forEach(validateDatasetInput);
    await inTransaction(ctx, async (db) => {
      const run = await requireWritableRun(db, input.runId);
      await requireLoggedModels(db, input.models.map((m) => m.modelId));
      await insertModelLinks(db, input.runId, "input", input.models);
      for (const { dataset, tags } of input.datasets) {
        await insertDatasetInput(db, {
          experimentId: run.experimentId,
          runId: input.runId,
          dataset: {
            name: dataset.name,
            digest: dataset.digest,
            datasetSourceType: dataset.sourceType,
            datasetSource: dataset.source,
            datasetSchema: dataset.schema ?? null,
            datasetProfile: dataset.profile ?? null,
          },
          tags,
        });
      }
    });
    return {};
  },
);

function validateDatasetInput({ dataset, tags }: z.output<typeof datasetInput>): void {
  for (const [field, limit] of Object.entries(DATASET_LIMITS)) {
    const value = dataset[field as keyof typeof DATASET_LIMITS];
    if (value !== undefined && value.length > limit) {
      throw invalidParameter(`Dataset ${field} '${value.slice(0, 40)}…' exceeds the maximum length of ${limit} characters.`);
    }
  }
  for (const tag of tags) {
    if (tag.key.length > INPUT_TAG_LIMITS.key || tag.value.length > INPUT_TAG_LIMITS.value) {
      throw invalidParameter(
        `Input tag '${tag.key.slice(0, 40)}' exceeds the maximum length (key ${INPUT_TAG_LIMITS.key}, value ${INPUT_TAG_LIMITS.value} characters).`,
      );
    }
  }
}
