import { z } from "zod";
import { requiredString } from "../schemas";
import { artifactPath } from "./artifact-fields";
import { multipartDestination } from "./multipart-destination";
import { defineProxyVerb } from "./proxy-verb";

/** POST mlflow-artifacts/mpu/abort/<path>: discards the parts uploaded so far. */
export const abortMultipartUpload = defineProxyVerb(
  z.object({ artifactPath, uploadId: requiredString }),
  async ({ ctx, input }) => {
    const { multipart, path } = multipartDestination(ctx, input.artifactPath);
    await multipart.abort(path, input.uploadId);
    return {};
  },
);
