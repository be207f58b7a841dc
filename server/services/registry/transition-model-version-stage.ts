import { z } from "zod";
import { archiveOtherVersionsInStage, updateModelVersion } from "../../repositories/model-versions-repository";
import { updateRegisteredModel } from "../../repositories/registered-models-repository";
import { invalidParameter } from "../errors";
import { bool, requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { loadModelVersion, requireModelVersionRow } from "./load-registry";
import { ACTIVE_STAGES } from "./types";
import { canonicalStage, isActiveStage } from "./registry-rules";

/**
 * Moves a version to a stage (any letter case). With archive_existing_versions, the versions
 * already in that stage move to Archived in the same transaction — allowed for Staging and
 * Production only (MLflow answers INTERNAL_ERROR there; a 400 tells the client not to retry).
 */
export const transitionModelVersionStage = defineVerb(
  z.object({ ...modelVersionKey, stage: requiredString, archiveExistingVersions: bool.default(false) }),
  async ({ ctx, input }) => {
    const stage = canonicalStage(input.stage);
    if (input.archiveExistingVersions && !isActiveStage(stage)) {
      throw invalidParameter(
        `Model version transition cannot archive existing model versions because '${input.stage}' is not an Active stage. ` +
          `Valid stages are ${ACTIVE_STAGES.join(", ")}`,
      );
    }
    return inTransaction(ctx, async (db) => {
      const { name, version } = await requireModelVersionRow(db, input.name, input.version);
      const now = ctx.now();
      await updateRegisteredModel(db, name, { lastUpdatedTime: now });
      if (input.archiveExistingVersions) await archiveOtherVersionsInStage(db, name, version, stage, now);
      const row = await updateModelVersion(db, name, version, { currentStage: stage, lastUpdatedTime: now });
      return { modelVersion: await loadModelVersion(db, row!) };
    });
  },
);
