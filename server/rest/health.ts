import { healthCheck } from "../services/health";
import { textReply, type RestReply } from "./http/exchange";

/** GET /health: "OK" once the configuration is valid and the database open and migrated, as MLflow's /health answers. */
export async function serveHealth(): Promise<RestReply> {
  const result = await healthCheck();
  return result.ok ? textReply("OK", 200) : textReply(`Unavailable: ${result.reason}`, 503);
}
