import { invalidParameter } from "../../services/errors";
import { isApiPath } from "./api-path";
import { errorReply, methodNotAllowedReply } from "./error-reply";
import { textReply, type RestReply } from "./exchange";

// Every request passes here before any router: what no route can serve (unknown method, undecodable
// %-escapes, dot segments in an API path) gets a 4xx at once. API paths answer MLflow's JSON error, which
// clients read instead of retrying; pages get a plain 405 or Next's 404 page.

/** The methods some route answers (Next answers OPTIONS); TRACE, CONNECT, WebDAV verbs… are refused. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW = [...KNOWN_METHODS].join(", ");

export type Screening =
  | { verdict: "pass" }
  | { verdict: "refuse"; reply: RestReply }
  /** A page address that cannot be decoded: Next renders its 404 page for it. */
  | { verdict: "not-found-page" };

const PASS: Screening = { verdict: "pass" };

/** Decides, from the request line alone, whether the request may go on to the routers. */
export function screenRequest(method: string, rawUrl: string): Screening {
  const pathname = rawUrl.split(/[?#]/, 1)[0];
  const isApi = isApiPath(pathname);
  if (!KNOWN_METHODS.has(method)) {
    if (isApi) return { verdict: "refuse", reply: methodNotAllowedReply(method, [...KNOWN_METHODS]) };
    const reply = textReply(`Method ${method.slice(0, 32)} is not allowed; use one of ${ALLOW}.`, 405);
    reply.headers.allow = ALLOW;
    return { verdict: "refuse", reply };
  }
  const segments = decodePathSegments(pathname);
  if (!segments) {
    if (!isApi) return { verdict: "not-found-page" };
    return refuse("Invalid path: it holds a malformed %-escape or one that does not decode to UTF-8 text.");
  }
  if (isApi && (pathname.includes("\\") || segments.some((s) => s === "." || s === ".."))) {
    return refuse("Invalid path: '.' and '..' segments and backslashes are not allowed in API paths.");
  }
  return PASS;
}

/** The path's segments percent-decoded, or undefined when an escape is malformed or not UTF-8 (`%ff`, overlong `%c0%af`). */
export function decodePathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function refuse(message: string): Screening {
  return { verdict: "refuse", reply: errorReply(invalidParameter(message)) };
}

/** The bytes sent for a request Node's HTTP parser refused (an unknown method, a bad header…): a JSON 4xx, then close. */
export function malformedRequestResponse(parserCode: string | undefined): string {
  const [status, reason] =
    parserCode === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : parserCode === "ERR_HTTP_REQUEST_TIMEOUT" ? [408, "Request Timeout"] : [400, "Bad Request"];
  const body = JSON.stringify({ error_code: "BAD_REQUEST", message: `Malformed HTTP request: ${reason}.` });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
