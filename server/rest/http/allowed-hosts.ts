import os from "node:os";
import { MlflowError } from "../../services/errors";
import { isApiPath } from "./api-path";
import { errorReply } from "./error-reply";
import { textReply, type RestReply } from "./exchange";

// DNS-rebinding protection, as `mlflow server --allowed-hosts`: a page on attacker.example re-pointed at
// this server arrives with `Host: attacker.example`, so hosts we do not answer to are refused. IP literals
// cannot be rebound, only names: hence the default below.

/** MLflow's own words for the refusal (mlflow/server/security_utils.py). */
export const INVALID_HOST_MESSAGE = "Invalid Host header - possible DNS rebinding attack detected";

/** Load balancers probe these with whatever Host they like (as in MLflow). */
const EXEMPT_PATHS = new Set(["/health", "/ready", "/version"]);

export interface HostRule {
  /** `*` given: every Host is accepted (the check is off). */
  allowAll: boolean;
  /** Allowed when any of these accepts the host (name or address, lower case) and port. */
  accepts: ((host: string, port: string) => boolean)[];
}

/**
 * The rule for a setting: comma-separated hosts (`*.example.com`, `10.0.0.*`, `[fd00::1]`, optional
 * `:port`), or `*`. Unset: localhost and loopback, MLflow's private ranges (10/8, 172.16/12, 192.168/16,
 * fc00::/7), this machine's own addresses and the name it listens on.
 */
export function hostRule(setting: string | undefined, listenHost: string | undefined): HostRule {
  const entries = (setting ?? "").split(",").map((e) => e.trim().toLowerCase()).filter((e) => e !== "");
  if (entries.includes("*")) return { allowAll: true, accepts: [] };
  if (entries.length > 0) return { allowAll: false, accepts: entries.map(patternAccepts) };
  const own = ownAddresses();
  if (listenHost) own.add(unbracket(listenHost.toLowerCase()));
  return { allowAll: false, accepts: [(host) => host === "localhost" || isLoopbackOrPrivate(host) || own.has(host)] };
}

/** True when the Host header names a host the rule accepts. */
export function isAllowedHost(rule: HostRule, hostHeader: string | undefined): boolean {
  if (rule.allowAll) return true;
  const parsed = parseHostHeader(hostHeader ?? "");
  return parsed !== undefined && rule.accepts.some((accepts) => accepts(parsed.host, parsed.port));
}

/** The refusal for a request whose Host is not allowed, else undefined. API paths get MLflow's JSON error shape. */
export function hostRefusal(rule: HostRule, pathname: string, hostHeader: string | undefined): RestReply | undefined {
  if (EXEMPT_PATHS.has(pathname) || isAllowedHost(rule, hostHeader)) return undefined;
  if (isApiPath(pathname)) return errorReply(new MlflowError("PERMISSION_DENIED", INVALID_HOST_MESSAGE));
  return textReply(INVALID_HOST_MESSAGE, 403);
}

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/;

/** `name[:port]` or `[v6][:port]`, lower case, without brackets or a trailing dot; undefined when malformed. */
export function parseHostHeader(header: string): { host: string; port: string } | undefined {
  const match = HOST_HEADER.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  return { host: unbracket(match[1]).replace(/\.$/, ""), port: match[2] ?? "" };
}

function patternAccepts(entry: string): (host: string, port: string) => boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::([^:]+))?$/.exec(entry);
  // A bare IPv6 pattern (several colons, no brackets) has no port part.
  const [hostPattern, portPattern] = match ? [unbracket(match[1]), match[2]] : [entry, undefined];
  const hostMatches = glob(hostPattern.replace(/\.$/, ""));
  const portMatches = portPattern === undefined ? () => true : glob(portPattern);
  return (host, port) => hostMatches(host) && portMatches(port);
}

function glob(pattern: string): (text: string) => boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (text) => regex.test(text);
}

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function isLoopbackOrPrivate(host: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || host === "0.0.0.0";
  }
  if (!host.includes(":")) return false;
  return host === "::1" || /^f[cd][0-9a-f]{2}:/.test(host);
}

/** Every address of this machine's interfaces, lower case (IPv6 without a zone). */
function ownAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) addresses.add(info.address.toLowerCase().replace(/%.*$/, ""));
  }
  return addresses;
}
