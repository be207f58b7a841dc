import { serveModelVersionArtifact } from "@/server/rest/artifacts/get-artifact-handler";
import { webHandler } from "@/server/rest/http/web-edge";

const handle = webHandler(serveModelVersionArtifact);

export { handle as GET, handle as HEAD };
