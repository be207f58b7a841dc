import { getConfig } from "../env";

// As `mlflow server`: a disabled family of endpoints answers 503 with a plain-text explanation.

/** With --no-serve-artifacts, the artifact proxy is off. */
export function artifactsDisabledResponse(req: Request): Response | undefined {
  if (getConfig().serveArtifacts) return undefined;
  return unavailable(
    `Endpoint: ${new URL(req.url).pathname} disabled due to the server running with --no-serve-artifacts. ` +
      "To enable artifacts server functionality, start the server with --serve-artifacts.",
  );
}

/** With --artifacts-only, everything but the artifact proxy is off. */
export function trackingDisabledResponse(req: Request): Response | undefined {
  if (!getConfig().artifactsOnly) return undefined;
  return unavailable(
    `Endpoint: ${new URL(req.url).pathname} disabled due to the server running in --artifacts-only mode. ` +
      "To enable tracking server functionality, start the server without --artifacts-only.",
  );
}

function unavailable(message: string): Response {
  return new Response(message, { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
}
