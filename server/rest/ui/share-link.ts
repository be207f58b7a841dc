import { SHARE_COOKIE } from "../../auth/share-principal";
import { getRequestContext } from "../../services/context";
import { openShareLink } from "../../services/sharing/open-share-link";
import { invokeVerb } from "../../services/verb";
import { toWireError } from "../http/error-reply";
import { textReply, type RestReply, type RestRequest } from "../http/exchange";
import { decodePathSegments } from "../http/request-screen";

const SHARE_PATH = /^\/s\/([^/]+)$/;

/**
 * GET /s/<token>: a live link sets the `metron_share` cookie (HttpOnly, for the whole site, until the link
 * expires) and redirects to the view it shares; a bad, expired or revoked one is a 401 page saying which.
 */
export async function serveShareLink(req: RestRequest): Promise<RestReply> {
  try {
    const token = decodePathSegments(SHARE_PATH.exec(req.url.pathname)?.[1] ?? "")?.[0] ?? "";
    const ctx = await getRequestContext(req.signal);
    const { target, maxAgeSeconds } = await invokeVerb(openShareLink, ctx, { token });
    const secure = req.url.protocol === "https:" ? "; Secure" : "";
    return {
      status: 303,
      headers: {
        location: target,
        "set-cookie": `${SHARE_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`,
        "cache-control": "no-store",
        // The token is a credential: the opened page must not pass it on to other sites.
        "referrer-policy": "no-referrer",
      },
      body: null,
    };
  } catch (err) {
    const error = toWireError(err, req);
    return textReply(error.message, error.httpStatus, { "cache-control": "no-store" });
  }
}
