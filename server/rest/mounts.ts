import { serveGetArtifact, serveModelVersionArtifact } from "./artifacts/get-artifact-handler";
import { serveArtifactProxy } from "./artifacts/proxy-handler";
import { serveSessionRequest } from "./auth/session-handler";
import { serveHealth, serveReady } from "./health";
import { serveMetrics } from "./metrics-endpoint";
import { serveUnknownEndpoint } from "./http/error-reply";
import { textReply, type RestReply, type RestRequest } from "./http/exchange";
import { serveMlflowRequest } from "./mlflow/handler";
import { serveRunsCsv } from "./ui/runs-csv";
import { serveShareLink } from "./ui/share-link";
import { MLFLOW_COMPATIBLE_VERSION } from "../version";
import { admitRequest, type MountAccess } from "../auth/request-gate";

// Every HTTP API path the server answers, in one table. Both doors read it: the route files under
// app/ are one line each (`export const { GET, … } = nextRoute(MOUNTS.x)`, see web-edge.ts), and
// the custom server answers the `fastPath` mounts itself (node-router.ts). Pages are Next's alone.

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

interface MountBase {
  /** The route files that serve this mount through Next (and so fix its paths there). */
  readonly routeFiles: readonly string[];
  /** The methods the handler answers. */
  readonly serves: readonly Method[];
  /** Methods answered with MLflow's JSON 405 instead of Next's empty one. */
  readonly refuses: readonly Method[];
  /**
   * The paths the custom server answers itself, before Next's router (~7 ms CPU less per
   * log-batch), for the `serves` methods; the same handler serves them through Next under `next dev`.
   */
  readonly fastPath?: RegExp;
  /** A 405 names HEAD beside GET (Next answers it through GET); tRPC's 405 never did. */
  readonly namesHead?: false;
  /** Who may reach it (server/auth/request-gate.ts); each endpoint's own rule is checked inside. */
  readonly access: MountAccess;
}

/** A REST mount: one handler for both doors. */
export interface RestMount extends MountBase {
  readonly serve: (req: RestRequest) => Promise<RestReply>;
}

export type Mount = RestMount;

const PUBLIC: MountAccess = { kind: "public" };
const SIGNED_IN: MountAccess = { kind: "signedIn" };
const ADMIN: MountAccess = { kind: "admin" };
const PER_PROCEDURE: MountAccess = { kind: "perProcedure" };

const ALL: readonly Method[] = ["GET", "POST", "PATCH", "DELETE", "PUT"];
const REFUSED_BESIDE_GET: readonly Method[] = ["POST", "PUT", "PATCH", "DELETE"];

export const MOUNTS = {
  /** The MLflow tracking API (server/rest/mlflow/routes.ts has its endpoints). */
  mlflow: {
    access: SIGNED_IN,
    routeFiles: ["app/api/2.0/mlflow/[...path]/route.ts", "app/ajax-api/2.0/mlflow/[...path]/route.ts"],
    serves: ALL,
    refuses: [],
    fastPath: /^\/(?:api|ajax-api)\/2\.0\/mlflow\/./,
    serve: serveMlflowRequest,
  },
  /** The artifact proxy: raw bytes streamed to and from the artifact destination. */
  artifactProxy: {
    access: SIGNED_IN,
    routeFiles: ["app/api/2.0/mlflow-artifacts/[...path]/route.ts", "app/ajax-api/2.0/mlflow-artifacts/[...path]/route.ts"],
    serves: ["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"],
    refuses: [],
    fastPath: /^\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\/./,
    serve: serveArtifactProxy,
  },
  /** The UI's downloads of a run's artifact (download, preview, byte ranges). */
  getArtifact: {
    access: SIGNED_IN,
    routeFiles: ["app/get-artifact/route.ts"],
    serves: ["GET", "HEAD"],
    refuses: REFUSED_BESIDE_GET,
    fastPath: /^\/get-artifact$/,
    serve: serveGetArtifact,
  },
  /** The UI's downloads of a registered model version's artifact. */
  modelVersionArtifact: {
    access: SIGNED_IN,
    routeFiles: ["app/model-versions/get-artifact/route.ts"],
    serves: ["GET", "HEAD"],
    refuses: REFUSED_BESIDE_GET,
    fastPath: /^\/model-versions\/get-artifact$/,
    serve: serveModelVersionArtifact,
  },
  /** "OK" once the configuration is valid and the database open and migrated, as MLflow's /health. */
  health: {
    access: PUBLIC,
    routeFiles: ["app/health/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    fastPath: /^\/health$/,
    serve: serveHealth,
  },
  /** Readiness: "OK" when the database is reachable and migrated, else 503 and the reason (server/rest/health.ts). */
  ready: {
    access: PUBLIC,
    routeFiles: ["app/ready/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    fastPath: /^\/ready$/,
    serve: serveReady,
  },
  /** Prometheus metrics: requests, latency, errors per route template, ingest points. Admin-only with auth on. */
  metrics: {
    access: ADMIN,
    routeFiles: ["app/metrics/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    fastPath: /^\/metrics$/,
    serve: serveMetrics,
  },
  /** The MLflow version whose REST API this server speaks. */
  version: {
    access: PUBLIC,
    routeFiles: ["app/version/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    serve: async () => textReply(MLFLOW_COMPATIBLE_VERSION, 200),
  },
  /** The runs table's "Download CSV": every run matching the table's filter, streamed. */
  runsCsv: {
    access: SIGNED_IN,
    routeFiles: ["app/api/ui/experiments/[experimentId]/runs.csv/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    serve: serveRunsCsv,
  },
  /** A share link: sets the share cookie and redirects to the shared view (server/rest/ui/share-link.ts). */
  shareLink: {
    access: PUBLIC,
    routeFiles: ["app/s/[token]/route.ts"],
    serves: ["GET"],
    refuses: REFUSED_BESIDE_GET,
    serve: serveShareLink,
  },
  /**
   * The UI's API (server/trpc), on the fast path too: a chart's series costs little and Next's router
   * would double it. Loaded on first use, so a server that only takes REST never starts it.
   */
  trpc: {
    access: PER_PROCEDURE,
    routeFiles: ["app/api/trpc/[trpc]/route.ts"],
    serves: ["GET", "POST"],
    refuses: ["PUT", "PATCH", "DELETE"],
    fastPath: /^\/api\/trpc\/./,
    namesHead: false,
    serve: async (req: RestRequest) => (await import("../trpc/serve-trpc")).serveTrpcRequest(req),
  },
  /**
   * Browser sessions (auth on): sign-in sets the session and CSRF cookies, sign-out clears them. On the
   * fast path because there the connection's address is known: failed sign-ins count per name and address.
   */
  session: {
    access: PUBLIC,
    routeFiles: ["app/api/auth/[action]/route.ts"],
    serves: ["POST"],
    refuses: ["GET", "PUT", "PATCH", "DELETE"],
    fastPath: /^\/api\/auth\/[^/]+$/,
    namesHead: false,
    serve: serveSessionRequest,
  },
  /** Anything under an API prefix that no other route serves: a JSON 404, not Next's HTML page. */
  unknownEndpoint: {
    access: PUBLIC,
    routeFiles: [
      "app/api/[...path]/route.ts",
      "app/ajax-api/[...path]/route.ts",
      "app/health/[...path]/route.ts",
      "app/ready/[...path]/route.ts",
      "app/metrics/[...path]/route.ts",
      "app/version/[...path]/route.ts",
      "app/get-artifact/[...path]/route.ts",
      "app/model-versions/get-artifact/[...path]/route.ts",
    ],
    serves: ALL,
    refuses: [],
    serve: serveUnknownEndpoint,
  },
} as const satisfies Record<string, Mount>;

/** The mounts the custom server answers before Next's router. */
export const FAST_PATH_MOUNTS: readonly RestMount[] = Object.values(MOUNTS as Record<string, Mount>).filter(
  (m): m is RestMount & { fastPath: RegExp } => m.fastPath !== undefined,
);

/** How both doors answer a request: the gate first (who is asking, 401, CSRF), then the mount's handler. */
export async function serveMount(mount: Mount, req: RestRequest): Promise<RestReply> {
  return (await admitRequest(mount.access, req)) ?? (await mount.serve(req));
}
