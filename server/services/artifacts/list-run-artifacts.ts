import { z } from "zod";
import { requireRunRow } from "../runs/load-run";
import { runIdField } from "../runs/run-input";
import { defineVerb } from "../verb";
import { artifactPath } from "./artifact-fields";
import { listArtifactDirectory } from "./list-artifact-directory";

/**
 * GET mlflow/artifacts/list: one directory of a run's artifacts (the UI's artifact browser), with
 * paths relative to the run's artifact root, sorted by name.
 */
export const listRunArtifacts = defineVerb(
  z.object({ runId: runIdField, path: artifactPath, pageToken: z.string().optional() }),
  async ({ ctx, input }) => {
    const run = await requireRunRow(ctx.db, input.runId);
    return listArtifactDirectory(ctx.config, { rootUri: run.artifactUri, path: input.path, pageToken: input.pageToken });
  },
);
