import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertLoggedModel, insertLoggedModelParams, upsertLoggedModelTags } from "../../repositories/logged-models-repository";
import { invalidParameter } from "../errors";
import { requireActiveExperimentRow } from "../experiments/load-experiment";
import { lastValuePerKey } from "../group-by";
import { generateRunName } from "../runs/run-name";
import { experimentIdField } from "../schemas";
import { shownInMessage } from "../shown-in-message";
import { defineVerb, inTransaction } from "../verb";
import { loadLoggedModel, requireLoggedModelRow } from "./load-logged-model";
import { loggedModelKeyValues, rejectDuplicateKeys, toModelKeyValues } from "./logged-model-input";
import { MODEL_ID_PREFIX, STATUS_CODES } from "./types";

// Characters MLflow refuses in a model name: it becomes part of `models:/<name>/…` URIs and paths.
const FORBIDDEN_NAME_CHARS = ["/", ":", ".", "%", '"', "'"];

/**
 * POST mlflow/logged-models: a new model in PENDING state, its artifacts under the experiment's
 * location (`<artifact_location>/models/<model_id>/artifacts`); an empty name is generated.
 */
export const createLoggedModel = defineVerb(
  z.object({
    experimentId: experimentIdField,
    name: z.string().max(500).optional(),
    modelType: z.string().max(500).optional(),
    sourceRunId: z.string().max(32).optional(),
    params: loggedModelKeyValues,
    tags: loggedModelKeyValues,
  }),
  async ({ ctx, input }) => {
    if (input.name && FORBIDDEN_NAME_CHARS.some((c) => input.name!.includes(c))) {
      throw invalidParameter(
        `Invalid model name ('${shownInMessage(input.name)}') provided. Model name must be a non-empty string and cannot contain ` +
          `the following characters: ${FORBIDDEN_NAME_CHARS.join(" ")}`,
      );
    }
    const params = toModelKeyValues("param", input.params);
    const tags = toModelKeyValues("tag", input.tags);
    rejectDuplicateKeys(params);
    const modelId = `${MODEL_ID_PREFIX}${randomUUID().replaceAll("-", "")}`;
    const now = ctx.now();
    return inTransaction(ctx, async (db) => {
      const experiment = await requireActiveExperimentRow(db, input.experimentId);
      await insertLoggedModel(db, {
        modelId,
        experimentId: experiment.experimentId,
        name: input.name || generateRunName(),
        artifactLocation: `${experiment.artifactLocation.replace(/\/+$/, "")}/models/${modelId}/artifacts`,
        creationTimestampMs: now,
        lastUpdatedTimestampMs: now,
        status: STATUS_CODES.LOGGED_MODEL_PENDING,
        lifecycleStage: "active",
        modelType: input.modelType || null,
        sourceRunId: input.sourceRunId || null,
      });
      const owner = { modelId, experimentId: experiment.experimentId };
      await insertLoggedModelParams(db, owner, params);
      await upsertLoggedModelTags(db, owner, lastValuePerKey(tags));
      return { model: await loadLoggedModel(db, await requireLoggedModelRow(db, modelId)) };
    });
  },
);
