import { z } from "zod";
import { softDeleteModelVersion } from "../../repositories/model-versions-repository";
import { deleteAliasesOfVersion, updateRegisteredModel } from "../../repositories/registered-models-repository";
import { defineVerb, inTransaction } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { requireModelVersionRow } from "./load-registry";
import { modelVersionNotFound } from "./models-uri";

/**
 * Deletes a version: its aliases go, the row stays redacted and hidden so that its number is not
 * handed out again (MLflow does the same). The model counts as updated.
 */
export const deleteModelVersion = defineVerb(z.object(modelVersionKey), async ({ ctx, input }) =>
  inTransaction(ctx, async (db) => {
    const { name, version } = await requireModelVersionRow(db, input.name, input.version);
    const now = ctx.now();
    await updateRegisteredModel(db, name, { lastUpdatedTime: now });
    if (!(await softDeleteModelVersion(db, name, version, now))) throw modelVersionNotFound(name, input.version);
    await deleteAliasesOfVersion(db, name, version);
    return {};
  }),
);
