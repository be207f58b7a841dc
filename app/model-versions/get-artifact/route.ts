import { handleGetModelVersionArtifactRequest } from "@/server/rest/artifacts/get-artifact-handler";

export { handleGetModelVersionArtifactRequest as GET, handleGetModelVersionArtifactRequest as HEAD };
