import { connection } from "next/server";
import { serveHealth } from "@/server/rest/health";
import { toWebResponse } from "@/server/rest/http/web-edge";

// "OK" once the configuration is valid and the database open and migrated, as MLflow's /health answers "OK".
export async function GET() {
  await connection();
  return toWebResponse(await serveHealth());
}
