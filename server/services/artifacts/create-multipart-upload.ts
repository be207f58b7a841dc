import { z } from "zod";
import { int64 } from "../schemas";
import { artifactPath } from "./artifact-fields";
import { multipartDestination } from "./multipart-destination";
import { defineProxyVerb } from "./proxy-verb";

// S3's own limit on parts per upload.
const MAX_PARTS = 10_000;

/**
 * POST mlflow-artifacts/mpu/create/<path>: starts an upload in storage and hands the client one
 * presigned URL per part, which it PUTs directly. (The body's `path`, the client's local file name,
 * is informational and not used.)
 */
export const createMultipartUpload = defineProxyVerb(
  z.object({
    artifactPath,
    numParts: int64.pipe(z.number().min(1, "must be at least 1").max(MAX_PARTS, `must be at most ${MAX_PARTS}`)),
  }),
  async ({ ctx, input }) => {
    const { multipart, path } = multipartDestination(ctx, input.artifactPath);
    const { uploadId, parts } = await multipart.create(path, input.numParts);
    return { uploadId, credentials: parts.map((p) => ({ url: p.url, partNumber: p.partNumber, headers: p.headers })) };
  },
);
