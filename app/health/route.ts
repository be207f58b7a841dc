import { connection } from "next/server";
import { serveHealth } from "@/server/rest/health";
import { refuseMethodsExcept, toWebResponse } from "@/server/rest/http/web-edge";

// "OK" once the configuration is valid and the database open, migrated and answering, as MLflow's /health answers "OK".
export async function GET() {
  await connection();
  return toWebResponse(await serveHealth());
}

const refuse = refuseMethodsExcept(["GET", "HEAD"]);

export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
