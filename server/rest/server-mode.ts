import { getConfig } from "../env";
import { textReply, type RestReply } from "./http/exchange";

// As `mlflow server`: a disabled family of endpoints answers 503 with a plain-text explanation.

/** With --no-serve-artifacts, the artifact proxy is off. */
export function artifactsDisabledReply(pathname: string): RestReply | undefined {
  if (getConfig().serveArtifacts) return undefined;
  return unavailable(
    `Endpoint: ${pathname} disabled due to the server running with --no-serve-artifacts. ` +
      "To enable artifacts server functionality, start the server with --serve-artifacts.",
  );
}

/** With --artifacts-only, everything but the artifact proxy is off. */
export function trackingDisabledReply(pathname: string): RestReply | undefined {
  if (!getConfig().artifactsOnly) return undefined;
  return unavailable(
    `Endpoint: ${pathname} disabled due to the server running in --artifacts-only mode. ` +
      "To enable tracking server functionality, start the server without --artifacts-only.",
  );
}

function unavailable(message: string): RestReply {
  return textReply(message, 503);
}
