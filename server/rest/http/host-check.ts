import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "../../env";
import { hostRefusal, hostRule, type HostRule } from "./allowed-hosts";
import type { RestReply } from "./exchange";
import { writeNodeReply } from "./node-edge";

// The Host check at both doors: the custom server calls rejectForeignHost before anything else
// (REST fast path, pages, tRPC, Next route files); the Next route files and tRPC check again
// through foreignHostRefusal, so they answer the same under `next dev`.

const cache = globalThis as { __metronHostRule?: HostRule };

/** The refusal for a request naming a Host this server does not answer to, else undefined. */
export function foreignHostRefusal(pathname: string, hostHeader: string | null | undefined): RestReply | undefined {
  let rule = cache.__metronHostRule;
  if (!rule) {
    let config;
    try {
      config = getConfig();
    } catch {
      return undefined; // an invalid configuration: the handlers behind answer that themselves
    }
    rule = cache.__metronHostRule = hostRule(config.allowedHosts, config.listenHost);
  }
  return hostRefusal(rule, pathname, hostHeader ?? undefined);
}

/** Answers (and returns true) a request from Node's server whose Host is refused; false lets it through. */
export function rejectForeignHost(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const refusal = foreignHostRefusal(query === -1 ? url : url.slice(0, query), req.headers.host);
  if (!refusal) return false;
  void writeNodeReply(res, refusal).catch(() => res.destroy());
  return true;
}
