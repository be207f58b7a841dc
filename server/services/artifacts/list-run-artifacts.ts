import { z } from "zod";
import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths } from "../../artifacts/safe-path";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import { requireRunRow } from "../runs/load-run";
import { runIdField } from "../runs/run-input";
import { defineVerb } from "../verb";
import { artifactPath } from "./artifact-fields";
import type { FileInfo } from "./model";

/** Entries per page; a directory with more answers with a next_page_token. */
export const LIST_PAGE_SIZE = 1000;

/**
 * GET mlflow/artifacts/list: one directory of a run's artifacts (the UI's artifact browser), with
 * paths relative to the run's artifact root, sorted by name.
 */
export const listRunArtifacts = defineVerb(
  z.object({ runId: runIdField, path: artifactPath, pageToken: z.string().optional() }),
  async ({ ctx, input }): Promise<{ rootUri: string; files: FileInfo[]; nextPageToken?: string }> => {
    const run = await requireRunRow(ctx.db, input.runId);
    const { offset } = decodePageToken(input.pageToken);
    const location = resolveArtifactUri(run.artifactUri, ctx.config);
    const entries = await location.store.list(joinSafePaths(location.root, input.path));
    const page = entries.slice(offset, offset + LIST_PAGE_SIZE);
    const prefix = input.path === "" ? "" : `${input.path}/`;
    return {
      rootUri: run.artifactUri,
      files: page.map((e) => ({ path: prefix + e.name, isDir: e.isDir, fileSize: e.size })),
      nextPageToken: offset + LIST_PAGE_SIZE < entries.length ? encodePageToken({ offset: offset + LIST_PAGE_SIZE }) : undefined,
    };
  },
);
