import type { ArtifactDownload } from "../../services/artifacts/types";
import { downloadReply } from "../artifacts/download-reply";
import { authorize } from "../../auth/gate";
import { onlyReads } from "../../auth/read-caller";
import { authErrorReply, authorizedRequestContext } from "../../auth/request-gate";
import { invalidParameter, MlflowError } from "../../services/errors";
import { runRead } from "../../services/run-read";
import { invokeVerb } from "../../services/verb";
import { endpointNotFound, errorReply, toWireError } from "../http/error-reply";
import { jsonPiecesReply, jsonReply, type RestReply, type RestRequest } from "../http/exchange";
import { decodePathSegments } from "../http/request-screen";
import { trackingDisabledReply } from "../server-mode";
import { readMlflowRequest } from "./request";
import { findRoute } from "./routes";
import { toWire } from "./to-wire";

const MLFLOW_PREFIX = /^\/(?:api|ajax-api)\/2\.0\/mlflow\/(.*)$/;

/**
 * Serves one MLflow REST call: find the route, read the wire request, run the service verb, and
 * write the result — or the error, mapped here once — as MLflow's JSON. The endpoint is the URL
 * path below /api/2.0/mlflow/ (or /ajax-api/…), each segment percent-decoded as a router would.
 */
export async function serveMlflowRequest(req: RestRequest): Promise<RestReply> {
  const disabled = trackingDisabledReply(req.url.pathname);
  if (disabled) return disabled;
  try {
    const path = endpointPath(req.url.pathname);
    const match = findRoute(path, req.method);
    if (!match) throw endpointNotFound(req);
    if (!match.route) {
      return errorReply(
        new MlflowError("ENDPOINT_NOT_FOUND", `Method ${req.method} is not allowed for ${path}; use ${match.allowedMethods.join(" or ")}.`),
        405,
      );
    }
    // Fields named by the URL path (a model id) win over the same fields in the body.
    const fields = { ...(await readMlflowRequest(req, match.route.maxBodyBytes)), ...match.pathFields };
    const ctx = await authorizedRequestContext(req);
    const { route } = match;
    // A request that only reads may be served by the read replica (server/db/read-replica.ts).
    const reads = onlyReads(req.method, route.access);
    try {
      await authorize(ctx, route.access, fields);
      const invoke = (input: unknown) => (reads ? runRead(ctx, (readCtx) => invokeVerb(route.verb, readCtx, input)) : invokeVerb(route.verb, ctx, input));
      if (route.isDownload) return downloadReply((await invoke({ ...fields, range: req.header("range") })) as ArtifactDownload, req.method);
      const result = await invoke(fields);
      return route.writeBody ? jsonPiecesReply(route.writeBody(result), 200) : jsonReply(toWire(result), 200);
    } finally {
      // Even a failed write may have committed part of its work before failing.
      if (!reads) ctx.noteWrite();
    }
  } catch (err) {
    return authErrorReply(toWireError(err, req));
  }
}

function endpointPath(pathname: string): string {
  const below = decodePathSegments(MLFLOW_PREFIX.exec(pathname)?.[1] ?? "");
  if (!below) throw invalidParameter("Invalid path: it holds a malformed %-escape or one that does not decode to UTF-8 text.");
  return below.join("/");
}
