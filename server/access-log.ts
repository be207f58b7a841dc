import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "./env";
import { log } from "./log";

// One info line per request (method, path, status, ms), for every request `metron server` answers:
// the REST fast path and everything Next serves. Bodies and headers are never logged; query
// values that may be credentials (presigned-URL signatures, tokens) are replaced.

/** Query parameter names whose values are never written to the log. */
const SECRET_PARAM = /token|secret|passw|auth|credential|signature|api[-_]?key|access[-_]?key|session|cookie/i;

/** The request target as logged: the path, and the query with secret-looking values redacted. */
export function loggablePath(url: string): string {
  const at = url.indexOf("?");
  if (at === -1) return url;
  const query = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is still checked as it is
      }
      return eq !== -1 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${query.join("&")}`;
}

export type AccessLog = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The per-request hook, or undefined when access logging is off (METRON_ACCESS_LOG=false,
 * `--no-access-log`) or the log level hides info lines, so that a quiet server pays nothing.
 */
export function createAccessLog(): AccessLog | undefined {
  if (!getConfig().accessLog) return undefined;
  const logger = log();
  if (!logger.isLevelEnabled("info")) return undefined;
  return (req, res) => {
    const started = performance.now();
    res.once("close", () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { method: req.method, path: loggablePath(req.url ?? ""), status: res.statusCode, ms, requestId: res.getHeader("x-request-id") };
      // A client that went away before the answer was complete: its status is what we meant to send.
      logger.info(res.writableFinished ? line : { ...line, aborted: true }, "request");
    });
  };
}
