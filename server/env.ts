import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { processSingleton } from "./process-singleton";

// Configuration is read from the environment when first needed (never at build time) and
// validated once. `npx metron server` translates its MLflow-style flags into these variables.

/** MLflow's boolean env vars accept true/false/1/0 in any case. */
const envBool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0"], { error: "expected true or false" }))
  .transform((v) => v === "true" || v === "1");

/**
 * Every host of a PostgreSQL URL (one, or several comma-separated for failover) has a numeric port or
 * none: postgres-js would otherwise try to connect to a port NaN and fail later with a puzzling error.
 */
function hasValidPorts(url: string): boolean {
  const authority = url.replace(/^postgres(ql)?:\/\//, "").split(/[/?#]/)[0];
  const hosts = authority.slice(authority.lastIndexOf("@") + 1).split(",");
  return hosts.every((host) => {
    const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(host)?.[1];
    return port === undefined || port === "" || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
  });
}

/** A quota: a whole number ≥ 0; unset (or empty) means no limit. */
const quotaLimit = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional());

/** A PostgreSQL URL setting named `name` (DATABASE_URL, METRON_READ_DATABASE_URL). */
const postgresUrl = (name: string) =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, `${name} must be a postgres:// or postgresql:// URL`)
    .refine(hasValidPorts, `${name} has an invalid URL: each host's port must be a number from 1 to 65535`);

const envSchema = z.object({
  DATABASE_URL: postgresUrl("DATABASE_URL").optional(),
  METRON_READ_DATABASE_URL: postgresUrl("METRON_READ_DATABASE_URL").optional(),
  METRON_READ_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  METRON_DATA_DIR: z.string().min(1).default("./metron-data"),
  METRON_ARTIFACTS_DIR: z.string().min(1).default("./mlartifacts"),
  MLFLOW_ARTIFACTS_DESTINATION: z.string().min(1).optional(),
  MLFLOW_SERVE_ARTIFACTS: envBool.default(true),
  MLFLOW_ARTIFACTS_ONLY: envBool.default(false),
  METRON_DEFAULT_ARTIFACT_ROOT: z.string().min(1).optional(),
  MLFLOW_DEFAULT_ARTIFACT_ROOT: z.string().min(1).optional(),
  MLFLOW_S3_ENDPOINT_URL: z.url().optional(),
  METRON_S3_FORCE_PATH_STYLE: envBool.optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: z.string().min(1).optional(),
  METRON_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(1).max(2_147_483_647).default(15_000),
  METRON_DB_CONNECT_TIMEOUT: z.coerce.number().positive().max(300).default(5),
  METRON_ARTIFACT_STORE_TIMEOUT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number({ error: "expected a number of seconds" }).gt(0, "expected a number of seconds above 0, at most 300").max(300, "expected a number of seconds above 0, at most 300").default(10),
  ),
  METRON_DRAIN_TIMEOUT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number({ error: "expected a number of seconds" }).min(0, "expected a number of seconds from 0 to 3600").max(3600, "expected a number of seconds from 0 to 3600").default(10),
  ),
  METRON_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MLFLOW_SERVER_ALLOWED_HOSTS: z.string().optional(),
  HOST: z.string().optional(),
  METRON_ACCESS_LOG: envBool.default(true),
  METRON_AUTH: envBool.default(false),
  METRON_ADMIN_USERNAME: z.string().trim().min(1).max(256).optional(),
  METRON_ADMIN_PASSWORD: z.string().min(1).optional(),
  METRON_AUTH_DEFAULT_PERMISSION: z.enum(["NO_PERMISSIONS", "READ", "EDIT", "MANAGE"]).default("READ"),
  METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: quotaLimit,
  METRON_QUOTA_MAX_PARAMS_PER_RUN: quotaLimit,
  METRON_QUOTA_MAX_TAGS_PER_RUN: quotaLimit,
  METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN: quotaLimit,
  METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: quotaLimit,
  METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: quotaLimit,
});

export interface AuthSettings {
  /** --auth (METRON_AUTH): sign-in, tokens and permissions; off is the single-user, local mode. */
  enabled: boolean;
  /** The first admin, created at start when absent (METRON_ADMIN_USERNAME / METRON_ADMIN_PASSWORD). */
  adminUsername: string | undefined;
  adminPassword: string | undefined;
  /** What a user holds on an experiment or model nobody granted them anything on (as MLflow's default_permission). */
  defaultPermission: "NO_PERMISSIONS" | "READ" | "EDIT" | "MANAGE";
}

/** Server-wide limits (METRON_QUOTA_*); an experiment's own (set by an admin) replace them. Unset: no limit. */
export interface QuotaSettings {
  maxRunsPerExperiment?: number;
  maxParamsPerRun?: number;
  maxTagsPerRun?: number;
  /** Metric points (one value at one step) a run may receive, over all its keys. */
  maxMetricStepsPerRun?: number;
  maxArtifactBytesPerExperiment?: number;
  /** Requests per minute per API token (a burst of this many, refilled evenly over the minute). */
  requestsPerMinutePerToken?: number;
}

export interface S3Settings {
  /** MLFLOW_S3_ENDPOINT_URL: an S3-compatible service (MinIO, Ceph, …); unset means AWS. */
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
}

/** A streaming-replication standby for searches and reads (server/db/read-replica.ts). */
export interface ReadReplicaSettings {
  /** METRON_READ_DATABASE_URL */
  url: string;
  /** METRON_READ_REPLICA_MAX_LAG_MS: a replica further behind serves nothing; reads go to the primary. */
  maxLagMs: number;
}

export interface ServerConfig {
  databaseUrl: string | undefined;
  /** Unset: every read on DATABASE_URL. */
  readReplica: ReadReplicaSettings | undefined;
  dataDir: string;
  /**
   * Where proxied artifacts live, as a URI: `file:///abs/dir` or `s3://bucket/prefix`
   * (MLFLOW_ARTIFACTS_DESTINATION, else METRON_ARTIFACTS_DIR).
   */
  artifactsDestination: string;
  /** --serve-artifacts: the /mlflow-artifacts proxy answers (otherwise 503). */
  serveArtifacts: boolean;
  /** --artifacts-only: only the artifact proxy answers; tracking endpoints answer 503. */
  artifactsOnly: boolean;
  /** Root under which new experiments get `<root>/<experiment_id>` as artifact location. */
  defaultArtifactRoot: string;
  s3: S3Settings;
  /** MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: model version sources must match it. */
  modelVersionSourcePattern?: RegExp;
  logLevel: z.infer<typeof envSchema>["METRON_LOG_LEVEL"];
  /** --allowed-hosts (MLFLOW_SERVER_ALLOWED_HOSTS): Host headers the server answers; unset means the default. */
  allowedHosts: string | undefined;
  /** The address or name the server listens on (HOST, set by `metron server --host`). */
  listenHost: string | undefined;
  /** One info line per request (METRON_ACCESS_LOG, `--no-access-log`). */
  accessLog: boolean;
  /** --search-timeout-ms: a search statement running longer is stopped (503 TEMPORARILY_UNAVAILABLE). */
  searchTimeoutMs: number;
  /** METRON_DB_CONNECT_TIMEOUT: seconds to wait for a PostgreSQL connection before answering 503. */
  databaseConnectTimeoutSeconds: number;
  /** METRON_ARTIFACT_STORE_TIMEOUT: seconds a cloud store (Azure, GCS, SFTP) may leave a call unanswered before it is a 503. */
  artifactStoreTimeoutSeconds: number;
  /** METRON_DRAIN_TIMEOUT: seconds a stop (SIGTERM, SIGINT) waits for requests in flight before cutting them. */
  drainTimeoutSeconds: number;
  auth: AuthSettings;
  quotas: QuotaSettings;
}

export function getConfig(): ServerConfig {
  return processSingleton("config", () => readConfig(process.env));
}

/** Validates a set of environment variables into the configuration (process.env in the server). */
export function readConfig(environment: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const env = parsed.data;
  if (env.MLFLOW_ARTIFACTS_ONLY && !env.MLFLOW_SERVE_ARTIFACTS) {
    throw new Error("Invalid configuration: --artifacts-only cannot be combined with --no-serve-artifacts");
  }
  if (env.METRON_AUTH && (env.METRON_ADMIN_USERNAME === undefined) !== (env.METRON_ADMIN_PASSWORD === undefined)) {
    throw new Error("Invalid configuration: METRON_ADMIN_USERNAME and METRON_ADMIN_PASSWORD are set together (the first admin's name and password)");
  }
  if (env.METRON_READ_DATABASE_URL && !env.DATABASE_URL) {
    throw new Error("Invalid configuration: METRON_READ_DATABASE_URL (a read replica) needs DATABASE_URL (its primary)");
  }
  const artifactsDestination = toDestinationUri(env.MLFLOW_ARTIFACTS_DESTINATION ?? env.METRON_ARTIFACTS_DIR);
  const explicitRoot = env.METRON_DEFAULT_ARTIFACT_ROOT ?? env.MLFLOW_DEFAULT_ARTIFACT_ROOT;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    readReplica: env.METRON_READ_DATABASE_URL ? { url: env.METRON_READ_DATABASE_URL, maxLagMs: env.METRON_READ_REPLICA_MAX_LAG_MS } : undefined,
    dataDir: path.resolve(env.METRON_DATA_DIR),
    artifactsDestination,
    serveArtifacts: env.MLFLOW_SERVE_ARTIFACTS,
    artifactsOnly: env.MLFLOW_ARTIFACTS_ONLY,
    // As `mlflow server`: with the proxy on, runs point at it (`mlflow-artifacts:/…`); with it off,
    // clients must reach the store themselves, so runs get the destination's own URI.
    defaultArtifactRoot: stripTrailingSlash(
      explicitRoot ?? (env.MLFLOW_SERVE_ARTIFACTS ? "mlflow-artifacts:/" : artifactsDestination),
    ),
    s3: {
      endpoint: env.MLFLOW_S3_ENDPOINT_URL,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
      // Self-hosted S3-compatible services rarely have per-bucket DNS names; AWS itself prefers virtual hosts.
      forcePathStyle: env.METRON_S3_FORCE_PATH_STYLE ?? env.MLFLOW_S3_ENDPOINT_URL !== undefined,
    },
    modelVersionSourcePattern: toPattern(env.MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX),
    logLevel: env.METRON_LOG_LEVEL,
    allowedHosts: env.MLFLOW_SERVER_ALLOWED_HOSTS?.trim() || undefined,
    listenHost: env.HOST?.trim() || undefined,
    accessLog: env.METRON_ACCESS_LOG,
    searchTimeoutMs: env.METRON_SEARCH_TIMEOUT_MS,
    databaseConnectTimeoutSeconds: env.METRON_DB_CONNECT_TIMEOUT,
    artifactStoreTimeoutSeconds: env.METRON_ARTIFACT_STORE_TIMEOUT,
    drainTimeoutSeconds: env.METRON_DRAIN_TIMEOUT,
    auth: {
      enabled: env.METRON_AUTH,
      adminUsername: env.METRON_ADMIN_USERNAME,
      adminPassword: env.METRON_ADMIN_PASSWORD,
      defaultPermission: env.METRON_AUTH_DEFAULT_PERMISSION,
    },
    quotas: {
      maxRunsPerExperiment: env.METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT,
      maxParamsPerRun: env.METRON_QUOTA_MAX_PARAMS_PER_RUN,
      maxTagsPerRun: env.METRON_QUOTA_MAX_TAGS_PER_RUN,
      maxMetricStepsPerRun: env.METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN,
      maxArtifactBytesPerExperiment: env.METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT,
      requestsPerMinutePerToken: env.METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN,
    },
  };
}

function toPattern(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, "u");
  } catch (err) {
    throw new Error(`Invalid configuration: MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: ${(err as Error).message}`);
  }
}

/** A plain path (relative to the working directory) or file:// URI becomes file:///abs; s3:// stays. */
function toDestinationUri(destination: string): string {
  if (/^(s3|wasbs|wasb|abfss|abfs|gs|sftp):\/\//i.test(destination)) return stripTrailingSlash(destination);
  if (/^file:/i.test(destination)) return stripTrailingSlash(destination);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(destination)) {
    throw new Error(`Invalid configuration: unsupported artifacts destination '${destination}' (use a folder, file://, s3://, wasbs://, gs:// or sftp://)`);
  }
  return stripTrailingSlash(pathToFileURL(path.resolve(destination)).href);
}

function stripTrailingSlash(uri: string): string {
  // Keep "scheme:/" and "file:///" intact, drop a trailing slash anywhere else.
  return /^[a-z0-9+.-]+:\/+$/i.test(uri) ? uri : uri.replace(/\/+$/, "");
}
