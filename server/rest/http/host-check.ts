import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "../../env";
import { existingProcessSingleton, processSingleton } from "../../process-singleton";
import { hostRefusal, hostRule, type HostRule } from "./allowed-hosts";
import type { RestReply } from "./exchange";
import { writeNodeReply } from "./node-edge";

// The Host check at both doors: the custom server calls rejectForeignHost before anything else
// (REST fast path, pages, tRPC, Next route files); the Next route files and tRPC check again
// through foreignHostRefusal, so they answer the same under `next dev`.

/** The rule, made once the configuration reads (an invalid one is answered by the handlers behind). */
function currentHostRule(): HostRule | undefined {
  const cached = existingProcessSingleton<HostRule>("host-rule");
  if (cached) return cached;
  let config;
  try {
    config = getConfig();
  } catch {
    return undefined;
  }
  return processSingleton("host-rule", () => hostRule(config.allowedHosts, config.listenHost));
}

/** The refusal for a request naming a Host this server does not answer to, else undefined. */
export function foreignHostRefusal(pathname: string, hostHeader: string | null | undefined): RestReply | undefined {
  const rule = currentHostRule();
  return rule && hostRefusal(rule, pathname, hostHeader ?? undefined);
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
