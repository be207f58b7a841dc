import { z } from "zod";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths } from "../../artifacts/safe-path";
import { invalidParameter } from "../errors";
import { artifactPath } from "./artifact-fields";
import { defineProxyVerb } from "./proxy-verb";

/** DELETE mlflow-artifacts/artifacts/<path>: a file, or a folder with everything in it. */
export const deleteArtifact = defineProxyVerb(z.object({ path: artifactPath }), async ({ ctx, input }) => {
  // One request must not be able to wipe the whole destination.
  if (input.path === "") throw invalidParameter("Deleting artifacts needs a path below the artifact root.");
  const destination = resolveDestination(ctx.config);
  await destination.store.delete(joinSafePaths(destination.root, input.path));
  return {};
});
