import { z } from "zod";
import { artifactPath } from "../artifacts/artifact-fields";
import { listArtifactDirectory } from "../artifacts/list-artifact-directory";
import { defineVerb } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/**
 * GET mlflow/logged-models/{model_id}/artifacts/directories: one directory of the model's
 * artifacts, paths relative to the model's artifact root (as artifacts/list does for runs).
 */
export const listLoggedModelArtifacts = defineVerb(
  z.object({ modelId: modelIdField, artifactDirectoryPath: artifactPath, pageToken: z.string().optional() }),
  async ({ ctx, input }) => {
    const model = await requireLoggedModelRow(ctx.db, input.modelId);
    return listArtifactDirectory(ctx.config, { rootUri: model.artifactLocation, path: input.artifactDirectoryPath, pageToken: input.pageToken });
  },
);
