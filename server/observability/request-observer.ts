import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { recordRequest } from "./metrics";
import { routeTemplate } from "./route-template";

// Runs first for every request the custom server takes (both doors: the REST fast path and Next),
// so each answer carries a request id and counts in /metrics whichever handler wrote it.

export const REQUEST_ID_HEADER = "x-request-id";

/** A caller's id we echo: a short token of safe characters, so it cannot forge log lines or headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The caller's request id when sane, else a fresh one (exported for tests). */
export function requestIdFor(given: string | string[] | undefined): string {
  return typeof given === "string" && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Sets the response's request id and records the request's route, status and time once it closes. */
export function observeRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.setHeader(REQUEST_ID_HEADER, requestIdFor(req.headers[REQUEST_ID_HEADER]));
  const method = req.method ?? "";
  // Read before a handler may rewrite req.url (node-router.ts points undecodable paths at a 404 page).
  const url = req.url ?? "";
  res.once("close", () => {
    recordRequest(method, routeTemplate(method, url), res.statusCode, (performance.now() - started) / 1000, !res.writableFinished);
  });
}
