import { z } from "zod";
import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import { rangeHeader, requiredArtifactPath } from "../artifacts/artifact-fields";
import type { ArtifactDownload } from "../artifacts/types";
import { openDownload } from "../artifacts/open-download";
import { defineVerb } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/**
 * GET /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files?artifact_file_path=: one file
 * of a model's artifacts for the UI (download, preview, byte ranges), as /get-artifact for runs.
 */
export const getLoggedModelArtifact = defineVerb(
  z.object({ modelId: modelIdField, artifactFilePath: requiredArtifactPath, range: rangeHeader }),
  async ({ ctx, input }): Promise<ArtifactDownload> => {
    const model = await requireLoggedModelRow(ctx.db, input.modelId);
    return openDownload(resolveArtifactUri(model.artifactLocation, ctx.config), input.artifactFilePath, input.range);
  },
);
