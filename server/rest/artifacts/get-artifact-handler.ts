import { getRunArtifact } from "../../services/artifacts/get-run-artifact";
import { getServiceContext } from "../../services/context";
import { invokeVerb } from "../../services/verb";
import type { RestReply, RestRequest } from "../http/exchange";
import { errorReply, toWireError } from "../mlflow/handler";
import { readMlflowRequest } from "../mlflow/request";
import { trackingDisabledReply } from "../server-mode";
import { downloadReply } from "./download-reply";

/** GET /get-artifact?run_id=&path=: a run's artifact for the UI (download, preview, byte ranges). */
export async function serveGetArtifact(req: RestRequest): Promise<RestReply> {
  const disabled = trackingDisabledReply(req.url.pathname);
  if (disabled) return disabled;
  try {
    const fields = await readMlflowRequest(req);
    const ctx = await getServiceContext();
    return downloadReply(await invokeVerb(getRunArtifact, ctx, { ...fields, range: req.header("range") }), req.method);
  } catch (err) {
    return errorReply(toWireError(err, req));
  }
}
