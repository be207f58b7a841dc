import { z } from "zod";
import { resolveArtifactUri, type ArtifactLocation } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths, toSafeArtifactPath } from "../../artifacts/safe-path";
import type { Db } from "../../db/types";
import type { ServerConfig } from "../../env";
import { rangeHeader, requiredArtifactPath } from "../artifacts/artifact-fields";
import type { ArtifactDownload } from "../artifacts/model";
import { openDownload } from "../artifacts/open-download";
import { requireRunRow } from "../runs/load-run";
import { defineVerb } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { downloadUriOf, requireModelVersionRow } from "./load-registry";

/** GET /model-versions/get-artifact?name=&version=&path=: one file of a version's artifacts (UI downloads). */
export const getModelVersionArtifact = defineVerb(
  z.object({ ...modelVersionKey, path: requiredArtifactPath, range: rangeHeader }),
  async ({ ctx, input }): Promise<ArtifactDownload> => {
    const row = await requireModelVersionRow(ctx.db, input.name, input.version);
    return openDownload(await locate(ctx.db, downloadUriOf(row), ctx.config), input.path, input.range);
  },
);

/** A version's artifact location; `runs:/<run_id>/<path>` sources are read from that run's artifacts. */
async function locate(db: Db, uri: string, config: ServerConfig): Promise<ArtifactLocation> {
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (!runs) return resolveArtifactUri(uri, config);
  const [, runId, subPath] = runs;
  const location = resolveArtifactUri((await requireRunRow(db, runId)).artifactUri, config);
  return { store: location.store, root: joinSafePaths(location.root, toSafeArtifactPath(subPath)) };
}
