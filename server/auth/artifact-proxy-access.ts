import { parseArtifactUri } from "../artifacts/artifact-uri";
import type { ServerConfig } from "../env";
import type { AccessRule } from "./access-rule";
import { ADMIN } from "./rules";

/**
 * The rule of an artifact proxy request. New experiments' artifacts live at `<root>/<experiment_id>/…`
 * below the proxy (`<root>` from --default-artifact-root, `mlflow-artifacts:/` by default), so a path's
 * segment after the root names its experiment: READ to download or list, EDIT to upload or delete.
 * Anything else — the root itself, a path outside it, an experiment's custom location — is for admins.
 */
export function artifactProxyRule(config: Pick<ServerConfig, "defaultArtifactRoot">, path: readonly string[], isWrite: boolean): AccessRule {
  const root = proxyRootSegments(config.defaultArtifactRoot);
  const segments = path.filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === ".." || s.includes("/") || s.includes("\\"))) return ADMIN;
  if (root === undefined || segments.length <= root.length || root.some((s, i) => segments[i] !== s)) return ADMIN;
  const experimentId = segments[root.length];
  if (!/^[0-9]+$/.test(experimentId)) return ADMIN;
  return { kind: "resource", need: isWrite ? "EDIT" : "READ", of: () => [{ experimentId }] };
}

/** The proxy path segments of the default artifact root; undefined when the root is not below the proxy. */
function proxyRootSegments(defaultArtifactRoot: string): string[] | undefined {
  try {
    const parsed = parseArtifactUri(defaultArtifactRoot);
    return parsed.kind === "proxy" ? String(parsed.path).split("/").filter((s) => s !== "") : undefined;
  } catch {
    return undefined;
  }
}
