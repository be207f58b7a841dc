import "server-only";
import path from "node:path";
import { z } from "zod";

// Configuration is read from the environment when first needed (never at build time) and
// validated once. `npx metron server` translates its MLflow-style flags into these variables.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  METRON_DATA_DIR: z.string().min(1).default("./metron-data"),
  METRON_ARTIFACTS_DIR: z.string().min(1).default("./mlartifacts"),
  METRON_DEFAULT_ARTIFACT_ROOT: z.string().min(1).optional(),
  MLFLOW_DEFAULT_ARTIFACT_ROOT: z.string().min(1).optional(),
  METRON_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface ServerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  artifactsDir: string;
  /** Root under which new experiments get `<root>/<experiment_id>` as artifact location. */
  defaultArtifactRoot: string;
  logLevel: z.infer<typeof envSchema>["METRON_LOG_LEVEL"];
}

const cache = globalThis as { __metronConfig?: ServerConfig };

export function getConfig(): ServerConfig {
  if (cache.__metronConfig) return cache.__metronConfig;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const env = parsed.data;
  cache.__metronConfig = {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.METRON_DATA_DIR),
    artifactsDir: path.resolve(env.METRON_ARTIFACTS_DIR),
    // As `mlflow server` with --serve-artifacts (its default): runs point at the artifact proxy.
    defaultArtifactRoot: stripTrailingSlash(
      env.METRON_DEFAULT_ARTIFACT_ROOT ?? env.MLFLOW_DEFAULT_ARTIFACT_ROOT ?? "mlflow-artifacts:/",
    ),
    logLevel: env.METRON_LOG_LEVEL,
  };
  return cache.__metronConfig;
}

function stripTrailingSlash(uri: string): string {
  // Keep "scheme:/" intact, drop a trailing slash anywhere else.
  return /^[a-z0-9+.-]+:\/$/i.test(uri) ? uri : uri.replace(/\/+$/, "");
}
