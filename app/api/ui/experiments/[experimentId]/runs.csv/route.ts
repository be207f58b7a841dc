import { connection } from "next/server";
import { refuseMethodsExcept } from "@/server/rest/http/web-edge";
import { handleRunsCsv } from "@/server/rest/ui/runs-csv";

type Params = { params: Promise<{ experimentId: string }> };

// The runs table's "Download CSV": every run matching the table's filter, streamed.
export async function GET(req: Request, { params }: Params) {
  await connection();
  return handleRunsCsv(req, (await params).experimentId);
}

const refuse = refuseMethodsExcept(["GET", "HEAD"]);

export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
