import { handleGetArtifactRequest } from "@/server/rest/artifacts/get-artifact-handler";

export { handleGetArtifactRequest as GET, handleGetArtifactRequest as HEAD };
