import { z } from "zod";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths } from "../../artifacts/safe-path";
import { invalidParameter } from "../errors";
import { artifactPath, byteStream } from "./artifact-fields";
import { defineProxyVerb } from "./proxy-verb";

/**
 * PUT mlflow-artifacts/artifacts/<path>: streams the body into the destination. The file appears
 * only once every byte has arrived; an interrupted upload leaves nothing behind.
 */
export const uploadArtifact = defineProxyVerb(
  z.object({ path: artifactPath, body: byteStream, contentType: z.string().nullish() }),
  async ({ ctx, input }) => {
    if (input.path === "") throw invalidParameter("An artifact upload needs a file path, not the root.");
    const destination = resolveDestination(ctx.config);
    await destination.store.put(joinSafePaths(destination.root, input.path), input.body, {
      contentType: input.contentType ?? undefined,
    });
    return {};
  },
);
