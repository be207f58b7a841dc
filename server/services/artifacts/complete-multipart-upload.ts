import { z } from "zod";
import { int64, requiredString } from "../schemas";
import { artifactPath } from "./artifact-fields";
import { multipartDestination } from "./multipart-destination";
import { defineProxyVerb } from "./proxy-verb";

/** POST mlflow-artifacts/mpu/complete/<path>: assembles the uploaded parts into the file. */
export const completeMultipartUpload = defineProxyVerb(
  z.object({
    artifactPath,
    uploadId: requiredString,
    parts: z.array(z.object({ partNumber: int64.pipe(z.number().min(1)), etag: requiredString, url: z.string().optional() })).min(1),
  }),
  async ({ ctx, input }) => {
    const { multipart, path } = multipartDestination(ctx, input.artifactPath);
    await multipart.complete(path, input.uploadId, input.parts);
    return {};
  },
);
