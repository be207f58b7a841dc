import { getRunArtifact } from "../../services/artifacts/get-run-artifact";
import type { ArtifactDownload } from "../../services/artifacts/model";
import { getServiceContext } from "../../services/context";
import { getModelVersionArtifact } from "../../services/registry/get-model-version-artifact";
import { invokeVerb, type Verb } from "../../services/verb";
import { errorResponse, toWireError } from "../mlflow/handler";
import { readMlflowRequest } from "../mlflow/request";
import { trackingDisabledResponse } from "../server-mode";
import { downloadResponse } from "./download-response";

/** A GET download route for the UI (download, preview, byte ranges) over one verb. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function downloadHandler(verb: Verb<any, ArtifactDownload>) {
  return async (req: Request): Promise<Response> => {
    const disabled = trackingDisabledResponse(req);
    if (disabled) return disabled;
    try {
      const fields = await readMlflowRequest(req);
      const ctx = await getServiceContext();
      return downloadResponse(await invokeVerb(verb, ctx, { ...fields, range: req.headers.get("range") }), req.method);
    } catch (err) {
      return errorResponse(toWireError(err, req));
    }
  };
}

/** GET /get-artifact?run_id=&path=: a run's artifact. */
export const handleGetArtifactRequest = downloadHandler(getRunArtifact);

/** GET /model-versions/get-artifact?name=&version=&path=: a registered model version's artifact. */
export const handleGetModelVersionArtifactRequest = downloadHandler(getModelVersionArtifact);
