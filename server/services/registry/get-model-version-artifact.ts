import { z } from "zod";
import { parseArtifactUri, type ArtifactUri } from "../../artifacts/artifact-uri";
import { destinationUri, resolveArtifactUri, resolveWithin, type ArtifactLocation } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths } from "../../artifacts/safe-path";
import type { Db } from "../../db/types";
import type { ServerConfig } from "../../env";
import { findLoggedModelLocation } from "../../repositories/logged-models-repository";
import type { ModelVersionRow } from "../../repositories/model-versions-repository";
import { findRunById } from "../../repositories/runs-repository";
import { rangeHeader, requiredArtifactPath } from "../artifacts/artifact-fields";
import type { ArtifactDownload } from "../artifacts/types";
import { openDownload } from "../artifacts/open-download";
import { invalidParameter } from "../errors";
import { requireRunRow } from "../runs/load-run";
import { shownInMessage } from "../shown-in-message";
import { defineVerb } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { downloadUriOf, requireModelVersionRow } from "./load-registry";

/** GET /model-versions/get-artifact?name=&version=&path=: one file of a version's artifacts (UI downloads). */
export const getModelVersionArtifact = defineVerb(
  z.object({ ...modelVersionKey, path: requiredArtifactPath, range: rangeHeader }),
  async ({ ctx, input }): Promise<ArtifactDownload> => {
    const row = await requireModelVersionRow(ctx.db, input.name, input.version);
    return openDownload(await locate(ctx.db, row, ctx.config), input.path, input.range);
  },
);

/**
 * Where a version's files are read from. The server reads only inside the artifact store or the
 * artifacts of the version's run or logged model — whatever the stored source says, even one
 * stored before sources were checked — and serves them with that root as the symlink boundary.
 */
async function locate(db: Db, row: ModelVersionRow, config: ServerConfig): Promise<ArtifactLocation> {
  const uri = downloadUriOf(row);
  const target = parseArtifactUri(uri, "Invalid model version source");
  if (target.kind === "runs") {
    const location = resolveArtifactUri((await requireRunRow(db, target.runId)).artifactUri, config);
    return { store: location.store, root: joinSafePaths(location.root, target.path) };
  }
  if (target.kind === "proxy") return resolveArtifactUri(target, config);
  if (target.kind === "local" || target.kind === "s3" || target.kind === "cloud") {
    const location = resolveWithin([destinationUri(config), ...(await ownerRoots(db, row))], target, config);
    if (location) return location;
    throw invalidParameter(
      `The files of model version ${row.version} of '${shownInMessage(row.name)}' are at '${shownInMessage(uri)}', outside the ` +
        `artifact store and the artifacts of its run or logged model; this server does not serve them.`,
    );
  }
  throw invalidParameter(`The files of model version ${row.version} of '${shownInMessage(row.name)}' are at '${shownInMessage(uri)}', which this server cannot read.`);
}

/** The artifact roots of the version's run and logged model, when it names them and they exist. */
async function ownerRoots(db: Db, row: ModelVersionRow): Promise<ArtifactUri[]> {
  const [run, model] = await Promise.all([
    row.runId ? findRunById(db, row.runId) : undefined,
    row.modelId ? findLoggedModelLocation(db, row.modelId) : undefined,
  ]);
  return [run?.artifactUri, model?.artifactLocation].filter((uri) => uri !== undefined).map((uri) => parseArtifactUri(uri));
}
