import { nextRoute } from "@/server/rest/http/next-route";
import { MOUNTS } from "@/server/rest/mounts";

// One entry of the mount table (server/rest/mounts.ts), which says what this path serves.
export const { GET, POST, PUT, PATCH, DELETE } = nextRoute(MOUNTS.ready);
