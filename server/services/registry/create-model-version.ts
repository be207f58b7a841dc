import { z } from "zod";
import { findLoggedModelLocation, recordLoggedModelRegistration } from "../../repositories/logged-models-repository";
import { insertModelVersionTags, insertNextModelVersion } from "../../repositories/model-versions-repository";
import { updateRegisteredModel } from "../../repositories/registered-models-repository";
import type { Db } from "../../db/types";
import { invalidParameter } from "../errors";
import { lastValuePerKey } from "../group-by";
import { requireRunRow } from "../runs/load-run";
import { requiredString } from "../schemas";
import { shownInMessage } from "../shown-in-message";
import { defineVerb, inTransaction } from "../verb";
import { databaseModelUriLookup, loadModelVersion, registeredModelNotFound } from "./load-registry";
import { parseModelVersionSource, validateLocalSource, type SourceOwner } from "./model-version-source";
import { isModelsUri, loggedModelNotFound, parseModelsUri, resolveModelsUri } from "./models-uri";
import { descriptionField, registryTags, validateRegistryTag } from "./registry-rules";

const optionalText = z.string().nullish();

export const createModelVersion = defineVerb(
  z.object({
    name: requiredString,
    source: requiredString,
    runId: optionalText,
    tags: registryTags,
    runLink: optionalText,
    description: descriptionField.nullish(),
    modelId: optionalText,
  }),
  async ({ ctx, input }) => {
    input.tags.forEach(validateRegistryTag);
    // The operator's own rule (MLflow's env var of the same name) comes first, as in MLflow.
    if (ctx.config.modelVersionSourcePattern && !ctx.config.modelVersionSourcePattern.test(input.source)) {
      throw invalidParameter(`Invalid model version source: '${shownInMessage(input.source)}'.`);
    }
    const source = parseModelVersionSource(input.source);
    if (source.kind === "local") await validateLocalSource(input.source, source, await sourceOwner(ctx.db, input));
    const target = await storageTarget(ctx.db, input.source);

    return inTransaction(ctx, async (db) => {
      const now = ctx.now();
      // Locks the model row: concurrent creates for one model queue here (see insertNextModelVersion).
      if (!(await updateRegisteredModel(db, input.name, { lastUpdatedTime: now }))) throw registeredModelNotFound(input.name);
      const row = await insertNextModelVersion(db, {
        name: input.name,
        creationTime: now,
        lastUpdatedTime: now,
        // Unset strings are stored as protobuf's "" default, which MLflow then echoes back.
        description: input.description ?? "",
        currentStage: "None",
        source: input.source,
        storageLocation: target.location,
        // From a logged model, MLflow falls back to the run that logged it.
        runId: target.isLoggedModel ? input.runId || target.sourceRunId || null : (input.runId ?? ""),
        runLink: input.runLink ?? "",
        status: "READY",
        modelId: input.modelId || target.modelId,
      });
      await insertModelVersionTags(db, row.name, row.version, lastValuePerKey(input.tags));
      // The logged model lists its registrations (MLflow fails the call when the logged model is
      // missing, after writing the version; here a model_id naming nothing is simply kept).
      if (row.modelId) await recordLoggedModelRegistration(db, row.modelId, { name: row.name, version: row.version });
      return { modelVersion: await loadModelVersion(db, row) };
    });
  },
);

/** The run (or MLflow 3 logged model) whose artifact directory a local source must lie in. */
async function sourceOwner(db: Db, input: { runId?: string | null; modelId?: string | null }): Promise<SourceOwner> {
  if (input.modelId) {
    const model = await findLoggedModelLocation(db, input.modelId);
    if (!model) throw loggedModelNotFound(input.modelId);
    return { kind: "model", artifactLocation: model.artifactLocation };
  }
  if (!input.runId) return { kind: "run", artifactLocation: undefined };
  return { kind: "run", artifactLocation: (await requireRunRow(db, input.runId)).artifactUri };
}

interface StorageTarget {
  isLoggedModel?: boolean;
  location?: string;
  sourceRunId?: string;
  modelId?: string;
}

/**
 * A `models:/…` source is resolved once, now: the version keeps pointing at those artifacts even if
 * the alias or stage it was registered through moves later (MLflow's storage_location).
 */
async function storageTarget(db: Db, source: string): Promise<StorageTarget> {
  if (!isModelsUri(source)) return {};
  const parsed = parseModelsUri(source);
  if (parsed.kind === "loggedModel") {
    const model = await findLoggedModelLocation(db, parsed.modelId);
    if (!model) throw loggedModelNotFound(parsed.modelId);
    return { isLoggedModel: true, location: model.artifactLocation, sourceRunId: model.sourceRunId ?? undefined, modelId: parsed.modelId };
  }
  return { location: (await resolveModelsUri(source, databaseModelUriLookup(db))).artifactUri };
}
