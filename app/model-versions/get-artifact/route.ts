import { serveModelVersionArtifact } from "@/server/rest/artifacts/get-artifact-handler";
import { refuseMethodsExcept, webHandler } from "@/server/rest/http/web-edge";

const handle = webHandler(serveModelVersionArtifact);

const refuse = refuseMethodsExcept(["GET", "HEAD"]);

export { handle as GET, handle as HEAD, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
