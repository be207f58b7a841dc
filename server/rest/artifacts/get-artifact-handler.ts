import { getRunArtifact } from "../../services/artifacts/get-run-artifact";
import { getServiceContext } from "../../services/context";
import { invokeVerb } from "../../services/verb";
import { errorResponse, toWireError } from "../mlflow/handler";
import { readMlflowRequest } from "../mlflow/request";
import { trackingDisabledResponse } from "../server-mode";
import { downloadResponse } from "./download-response";

/** GET /get-artifact?run_id=&path=: a run's artifact for the UI (download, preview, byte ranges). */
export async function handleGetArtifactRequest(req: Request): Promise<Response> {
  const disabled = trackingDisabledResponse(req);
  if (disabled) return disabled;
  try {
    const fields = await readMlflowRequest(req);
    const ctx = await getServiceContext();
    return downloadResponse(await invokeVerb(getRunArtifact, ctx, { ...fields, range: req.headers.get("range") }), req.method);
  } catch (err) {
    return errorResponse(toWireError(err, req));
  }
}
