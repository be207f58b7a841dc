import { z } from "zod";
import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import { requireRunRow } from "../runs/load-run";
import { runIdField } from "../runs/run-input";
import { defineVerb } from "../verb";
import { rangeHeader, requiredArtifactPath } from "./artifact-fields";
import type { ArtifactDownload } from "./types";
import { openDownload } from "./open-download";

/** GET /get-artifact?run_id=&path=: one file of a run's artifacts (UI downloads and previews). */
export const getRunArtifact = defineVerb(
  z.object({ runId: runIdField, path: requiredArtifactPath, range: rangeHeader }),
  async ({ ctx, input }): Promise<ArtifactDownload> => {
    const run = await requireRunRow(ctx.db, input.runId);
    return openDownload(resolveArtifactUri(run.artifactUri, ctx.config), input.path, input.range);
  },
);
