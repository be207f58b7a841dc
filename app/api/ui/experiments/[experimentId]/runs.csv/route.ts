import { connection } from "next/server";
import { foreignHostRefusal } from "@/server/rest/http/host-check";
import { refuseMethodsExcept, toWebResponse } from "@/server/rest/http/web-edge";
import { handleRunsCsv } from "@/server/rest/ui/runs-csv";

type Params = { params: Promise<{ experimentId: string }> };

// The runs table's "Download CSV": every run matching the table's filter, streamed.
export async function GET(req: Request, { params }: Params) {
  await connection();
  const refused = foreignHostRefusal(new URL(req.url).pathname, req.headers.get("host"));
  if (refused) return toWebResponse(refused);
  return handleRunsCsv(req, (await params).experimentId);
}

const refuse = refuseMethodsExcept(["GET", "HEAD"]);

export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
