import type { MultipartUploadStore } from "../../artifacts/artifact-store";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths, type SafeArtifactPath } from "../../artifacts/safe-path";
import type { ConfigContext } from "../context";
import { invalidParameter, MlflowError } from "../errors";

/**
 * The destination's multipart uploads and the full path of one file in it. Local disk has none:
 * MLflow's answer, NOT_IMPLEMENTED, makes its client fall back to one streamed PUT.
 */
export function multipartDestination(ctx: ConfigContext, path: SafeArtifactPath): { multipart: MultipartUploadStore; path: SafeArtifactPath } {
  if (path === "") throw invalidParameter("A multipart upload needs a file path, not the root.");
  const destination = resolveDestination(ctx.config);
  if (!destination.store.multipart) {
    throw new MlflowError("NOT_IMPLEMENTED", "Multipart upload is not supported for the current artifact repository");
  }
  return { multipart: destination.store.multipart, path: joinSafePaths(destination.root, path) };
}
