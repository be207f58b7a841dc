import { z } from "zod";
import { defineVerb } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { downloadUriOf, requireModelVersionRow } from "./load-registry";

/**
 * Where a version's artifacts are. MLflow's clients resolve `models:/<name>/<version>` (and, after
 * looking the version up, stages, `latest` and aliases) through this answer.
 */
export const getModelVersionDownloadUri = defineVerb(z.object(modelVersionKey), async ({ ctx, input }) => ({
  artifactUri: downloadUriOf(await requireModelVersionRow(ctx.db, input.name, input.version)),
}));
