import { connection } from "next/server";
import { MLFLOW_COMPATIBLE_VERSION } from "@/server/version";

export async function GET() {
  await connection();
  return new Response(MLFLOW_COMPATIBLE_VERSION, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
