import { z } from "zod";
import { updateModelVersion as updateRow } from "../../repositories/model-versions-repository";
import { defineVerb, inTransaction } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { loadModelVersion, requireModelVersionRow } from "./load-registry";
import { descriptionField } from "./registry-rules";

/** Sets the description; without one it is cleared (MLflow stores None when the field is absent). */
export const updateModelVersion = defineVerb(
  z.object({ ...modelVersionKey, description: descriptionField.nullish() }),
  async ({ ctx, input }) =>
    inTransaction(ctx, async (db) => {
      const { name, version } = await requireModelVersionRow(db, input.name, input.version);
      const row = await updateRow(db, name, version, { description: input.description ?? null, lastUpdatedTime: ctx.now() });
      return { modelVersion: await loadModelVersion(db, row!) };
    }),
);
