import { healthCheck } from "../services/health";
import { textReply, type RestReply } from "./http/exchange";

// /health keeps MLflow's contract as this server has always answered it: "OK" once the configuration is
// valid and the database open, migrated and answering (start-server.mjs waits on it before "listening";
// load balancers and MLflow tooling read it). /ready is the same check under the name Kubernetes-style
// readiness probes expect; liveness ("the process answers") is any answer at all, e.g. from /version.

/** GET /health: "OK" once the configuration is valid and the database open and migrated, as MLflow's /health answers. */
export async function serveHealth(): Promise<RestReply> {
  const result = await healthCheck();
  return result.ok ? textReply("OK", 200) : textReply(`Unavailable: ${result.reason}`, 503);
}

/** GET /ready: "OK" when the database is reachable and its migrations applied, else 503 with one line saying why. */
export async function serveReady(): Promise<RestReply> {
  const result = await healthCheck();
  return result.ok ? textReply("OK", 200) : textReply(`Not ready: ${result.reason.split("\n")[0]}`, 503);
}
