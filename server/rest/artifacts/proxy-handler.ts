import { artifactProxyRule } from "../../auth/artifact-proxy-access";
import { authorize } from "../../auth/gate";
import { authErrorReply, authorizedRequestContext } from "../../auth/request-gate";
import { abortMultipartUpload } from "../../services/artifacts/abort-multipart-upload";
import { completeMultipartUpload } from "../../services/artifacts/complete-multipart-upload";
import { completeMultipartWithinQuota } from "../../services/quotas/complete-multipart-within-quota";
import { createMultipartUpload } from "../../services/artifacts/create-multipart-upload";
import { deleteArtifact } from "../../services/artifacts/delete-artifact";
import { downloadArtifact } from "../../services/artifacts/download-artifact";
import { listArtifacts } from "../../services/artifacts/list-artifacts";
import { uploadArtifact } from "../../services/artifacts/upload-artifact";
import { getConfigContext, getRequestContext, type ConfigContext } from "../../services/context";
import { deleteArtifactReleasingQuota } from "../../services/quotas/delete-artifact-releasing-quota";
import { uploadArtifactWithinQuota } from "../../services/quotas/upload-artifact-within-quota";
import { invalidParameter, MlflowError } from "../../services/errors";
import { invokeVerb, type Verb } from "../../services/verb";
import { jsonReply, type RestReply, type RestRequest } from "../http/exchange";
import { endpointNotFound, errorReply, toWireError } from "../http/error-reply";
import { readMlflowRequest } from "../mlflow/request";
import { toWire } from "../mlflow/to-wire";
import { artifactsDisabledReply } from "../server-mode";
import { downloadReply } from "./download-reply";

const PROXY_PREFIX = /^\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\/?(.*)$/;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const MULTIPART_VERBS: Record<string, Verb<any, unknown, ConfigContext>> = {
  create: createMultipartUpload,
  complete: completeMultipartUpload,
  abort: abortMultipartUpload,
};

/**
 * The artifact proxy, /api/2.0/mlflow-artifacts/… (and /ajax-api/…): raw bytes in and out of the
 * artifact destination, plus JSON for listing and multipart uploads. Bodies are streamed, never
 * buffered. The artifact path is taken from the raw URL and decoded here, once, segment by segment.
 */
export async function serveArtifactProxy(req: RestRequest): Promise<RestReply> {
  const disabled = artifactsDisabledReply(req.url.pathname);
  if (disabled) return disabled;
  try {
    const [endpoint, ...rest] = (PROXY_PREFIX.exec(req.url.pathname)?.[1] ?? "").split("/");
    const ctx = getConfigContext();
    if (endpoint === "artifacts") {
      const path = decodeSegments(rest);
      const isListing = path.every((segment) => segment === "");
      const target = isListing ? (req.url.searchParams.get("path") ?? "").split("/") : path;
      await authorizeProxyPath(req, ctx, target, req.method !== "GET" && req.method !== "HEAD");
      return await serveArtifacts(req, ctx, path);
    }
    if (endpoint === "mpu" && Object.hasOwn(MULTIPART_VERBS, rest[0])) {
      if (req.method !== "POST") return methodNotAllowed(req, "POST");
      await authorizeProxyPath(req, ctx, decodeSegments(rest.slice(1)), true);
      const fields = await readMlflowRequest(req);
      // The URL names the artifact; the body's `path` is the client's local file name.
      const input = { ...fields, artifactPath: decodeSegments(rest.slice(1)) };
      // The assembled file counts against its experiment's quota (an --artifacts-only server has none).
      if (rest[0] === "complete" && !ctx.config.artifactsOnly) {
        return jsonReply(toWire(await invokeVerb(completeMultipartWithinQuota, await getRequestContext(req.signal), input)), 200);
      }
      return jsonReply(toWire(await invokeVerb(MULTIPART_VERBS[rest[0]], ctx, input)), 200);
    }
    throw endpointNotFound(req);
  } catch (err) {
    // A client that hung up mid-upload is no server fault: nothing to log, and nobody to answer.
    if (req.isAborted()) return { status: 499, headers: {}, body: null };
    return authErrorReply(toWireError(err, req));
  }
}

/** The proxy's permission check (auth on): the experiment a path lies under (artifact-proxy-access.ts). */
async function authorizeProxyPath(req: RestRequest, ctx: ConfigContext, path: string[], isWrite: boolean): Promise<void> {
  if (!ctx.config.auth.enabled) return;
  await authorize(await authorizedRequestContext(req), artifactProxyRule(ctx.config, path, isWrite), {});
}

async function serveArtifacts(req: RestRequest, ctx: ConfigContext, path: string[]): Promise<RestReply> {
  const isDirectoryListing = path.every((segment) => segment === "");
  switch (req.method) {
    case "GET":
    case "HEAD":
      if (isDirectoryListing) {
        const query = req.url.searchParams;
        return jsonReply(toWire(await invokeVerb(listArtifacts, ctx, { path: query.get("path") ?? "" })), 200);
      }
      return downloadReply(await invokeVerb(downloadArtifact, ctx, { path, range: req.header("range") }), req.method);
    case "PUT": {
      const upload = { path, body: req.bodyStream(), contentType: req.header("content-type") };
      // An --artifacts-only server has no database, so no quota to meter against.
      if (ctx.config.artifactsOnly) await invokeVerb(uploadArtifact, ctx, upload);
      else await invokeVerb(uploadArtifactWithinQuota, await getRequestContext(req.signal), { ...upload, declaredLength: declaredLength(req) });
      return jsonReply({}, 200);
    }
    case "DELETE":
      if (ctx.config.artifactsOnly) await invokeVerb(deleteArtifact, ctx, { path });
      else await invokeVerb(deleteArtifactReleasingQuota, await getRequestContext(req.signal), { path });
      return jsonReply({}, 200);
    default:
      return methodNotAllowed(req, "GET, PUT or DELETE");
  }
}

function declaredLength(req: RestRequest): number | undefined {
  const header = req.header("content-length");
  return header !== null && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/** Percent-decodes each URL segment; an encoded "/" stays inside its segment, where the safe-path check refuses it. */
function decodeSegments(segments: string[]): string[] {
  return segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw invalidParameter(`Invalid path: malformed percent-encoding in '${segment}'.`);
    }
  });
}

function methodNotAllowed(req: RestRequest, allowed: string): RestReply {
  const message = `Method ${req.method} is not allowed for ${req.url.pathname}; use ${allowed}.`;
  return errorReply(new MlflowError("ENDPOINT_NOT_FOUND", message), 405);
}
