import { z } from "zod";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { artifactPath, rangeHeader } from "./artifact-fields";
import type { ArtifactDownload } from "./types";
import { openDownload } from "./open-download";
import { defineProxyVerb } from "./proxy-verb";

/** GET mlflow-artifacts/artifacts/<path>: a file below the proxy's destination, whole or a byte range. */
export const downloadArtifact = defineProxyVerb(
  z.object({ path: artifactPath, range: rangeHeader }),
  async ({ ctx, input }): Promise<ArtifactDownload> => openDownload(resolveDestination(ctx.config), input.path, input.range),
);
