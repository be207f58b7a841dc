import { getRunArtifact } from "../../services/artifacts/get-run-artifact";
import type { ArtifactDownload } from "../../services/artifacts/types";
import { getServiceContext } from "../../services/context";
import { getModelVersionArtifact } from "../../services/registry/get-model-version-artifact";
import { invokeVerb, type Verb } from "../../services/verb";
import type { RestReply, RestRequest } from "../http/exchange";
import { errorReply, toWireError } from "../http/error-reply";
import { readMlflowRequest } from "../mlflow/request";
import { trackingDisabledReply } from "../server-mode";
import { downloadReply } from "./download-reply";

/** A GET download route for the UI (download, preview, byte ranges) over one verb. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function downloadHandler(verb: Verb<any, ArtifactDownload>) {
  return async (req: RestRequest): Promise<RestReply> => {
    const disabled = trackingDisabledReply(req.url.pathname);
    if (disabled) return disabled;
    try {
      const fields = await readMlflowRequest(req);
      const ctx = await getServiceContext();
      return downloadReply(await invokeVerb(verb, ctx, { ...fields, range: req.header("range") }), req.method);
    } catch (err) {
      return errorReply(toWireError(err, req));
    }
  };
}

/** GET /get-artifact?run_id=&path=: a run's artifact. */
export const serveGetArtifact = downloadHandler(getRunArtifact);

/** GET /model-versions/get-artifact?name=&version=&path=: a registered model version's artifact. */
export const serveModelVersionArtifact = downloadHandler(getModelVersionArtifact);
