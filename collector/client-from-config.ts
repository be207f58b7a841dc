import { parseTrackingUri, TrackingClient } from "./client.js";
import type { CollectorConfig } from "./config.js";

/** The client for MLFLOW_TRACKING_URI; credentials in the URI itself count as Basic auth. */
export function clientFromConfig(config: CollectorConfig): TrackingClient {
  const { baseUrl, username, password } = parseTrackingUri(config.trackingUri);
  const fromUri = username && password ? { username, password } : {};
  return new TrackingClient(baseUrl, { ...config.credentials, ...fromUri });
}
