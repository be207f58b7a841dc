import type { ServerResponse } from "node:http";

/**
 * Next drops Content-Length from route-handler responses (it cannot tell whether a body was
 * re-encoded). A streamed file's exact length travels under this header instead (web-edge.ts),
 * and the custom server turns it back into Content-Length, so clients get sizes and progress.
 */
export const EXACT_LENGTH_HEADER = "x-metron-content-length";

/** The response Next writes into, with EXACT_LENGTH_HEADER set as Content-Length (start-server.mjs). */
export function withExactLength(res: ServerResponse): ServerResponse {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (name.toLowerCase() === EXACT_LENGTH_HEADER ? setHeader("content-length", [value].flat()[0]) : setHeader(name, value));
  return res;
}
