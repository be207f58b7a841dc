import { z } from "zod";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths } from "../../artifacts/safe-path";
import { artifactPath } from "./artifact-fields";
import type { FileInfo } from "./types";
import { defineProxyVerb } from "./proxy-verb";

/**
 * GET mlflow-artifacts/artifacts?path=: one directory of the destination. As MLflow's proxy, each
 * entry's `path` is its basename (the client prefixes the requested path itself).
 */
export const listArtifacts = defineProxyVerb(z.object({ path: artifactPath }), async ({ ctx, input }) => {
  const destination = resolveDestination(ctx.config);
  const entries = await destination.store.list(joinSafePaths(destination.root, input.path));
  const files: FileInfo[] = entries.map((e) => ({ path: e.name, isDir: e.isDir, fileSize: e.size }));
  return { files };
});
