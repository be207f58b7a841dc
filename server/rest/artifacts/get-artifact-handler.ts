import { getRunArtifact } from "../../services/artifacts/get-run-artifact";
import type { ArtifactDownload } from "../../services/artifacts/types";
import type { AccessRule } from "../../auth/access-rule";
import { authorize } from "../../auth/gate";
import { authErrorReply, authorizedRequestContext } from "../../auth/request-gate";
import { modelIn, runIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { getModelVersionArtifact } from "../../services/registry/get-model-version-artifact";
import { invokeVerb, type Verb } from "../../services/verb";
import type { RestReply, RestRequest } from "../http/exchange";
import { toWireError } from "../http/error-reply";
import { readMlflowRequest } from "../mlflow/request";
import { trackingDisabledReply } from "../server-mode";
import { downloadReply } from "./download-reply";

/** A GET download route for the UI (download, preview, byte ranges) over one verb. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function downloadHandler(verb: Verb<any, ArtifactDownload>, access: AccessRule) {
  return async (req: RestRequest): Promise<RestReply> => {
    const disabled = trackingDisabledReply(req.url.pathname);
    if (disabled) return disabled;
    try {
      const fields = await readMlflowRequest(req);
      const ctx = await authorizedRequestContext(req);
      await authorize(ctx, access, fields);
      return downloadReply(await invokeVerb(verb, ctx, { ...fields, range: req.header("range") }), req.method);
    } catch (err) {
      return authErrorReply(toWireError(err, req));
    }
  };
}

export const RUN_ARTIFACT_ACCESS = read(runIn("runId"));
export const MODEL_VERSION_ARTIFACT_ACCESS = read(modelIn("name"));

/** GET /get-artifact?run_id=&path=: a run's artifact. */
export const serveGetArtifact = downloadHandler(getRunArtifact, RUN_ARTIFACT_ACCESS);

/** GET /model-versions/get-artifact?name=&version=&path=: a registered model version's artifact. */
export const serveModelVersionArtifact = downloadHandler(getModelVersionArtifact, MODEL_VERSION_ARTIFACT_ACCESS);
