import { connection } from "next/server";
import { healthCheck } from "@/server/services/health";

// "OK" once the configuration is valid and the database open and migrated, as MLflow's /health answers "OK".
export async function GET() {
  await connection();
  const result = await healthCheck();
  return new Response(result.ok ? "OK" : `Unavailable: ${result.reason}`, {
    status: result.ok ? 200 : 503,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
