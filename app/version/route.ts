import { connection } from "next/server";
import { refuseMethodsExcept } from "@/server/rest/http/web-edge";
import { MLFLOW_COMPATIBLE_VERSION } from "@/server/version";

export async function GET() {
  await connection();
  return new Response(MLFLOW_COMPATIBLE_VERSION, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

const refuse = refuseMethodsExcept(["GET", "HEAD"]);

export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
