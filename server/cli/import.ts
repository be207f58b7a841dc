// `metron import SOURCE` (started by metron.mjs under tsx): copies an MLflow store into the
// configured Metron database and artifact destination, which metron.mjs has set from the flags.
// With embedded PGlite, the server must be stopped first (one process per data folder).
import { closeServices, getServiceContext } from "../services/context";
import { ImportError } from "../import/import-error";
import { MlflowError } from "../mlflow-error";
import { importStore } from "../import/import-store";
import { openSource } from "../import/open-source";
import { createProgress } from "../import/progress";
import { formatVerification } from "../import/verification-table";

const options = JSON.parse(process.argv[2] ?? "{}") as {
  source: string;
  cwd: string;
  experiments?: string[];
  dryRun?: boolean;
  artifactsFrom?: string;
  trustSchema?: boolean;
  skipArtifacts?: boolean;
};

let exitCode = 1;
try {
  const ctx = await getServiceContext();
  const source = await openSource(options.source, { artifactsFrom: options.artifactsFrom, trustSchema: options.trustSchema, s3: ctx.config.s3 }, options.cwd);
  try {
    console.error(`metron import: from ${source.label}${options.dryRun ? " (dry run: nothing is written)" : ""}`);
    const summary = await importStore(ctx, source, options, createProgress());
    const table = formatVerification(summary);
    console.log(table.text);
    if (options.dryRun) exitCode = 0;
    else if (table.ok) {
      console.log("metron import: done, every count matches");
      exitCode = 0;
    } else console.log("metron import: counts differ (see MISMATCH); run the import again to copy what is missing");
  } finally {
    await source.close();
  }
} catch (err) {
  // Our own errors say what to do; others (database unreachable …) by their message, stack on request.
  const verbose = process.env.METRON_LOG_LEVEL === "debug" && !(err instanceof ImportError);
  const message = err instanceof Error ? (verbose ? (err.stack ?? err.message) : err.message) : String(err);
  // A quota stops the import as it stops an API write; what was imported before it stays, and a re-run resumes.
  const quota = err instanceof MlflowError && err.code === "RESOURCE_EXHAUSTED";
  console.error(`metron import: ${quota ? `RESOURCE_EXHAUSTED: ${message} What was imported before it stays; raise the quota and run the import again to continue.` : message}`);
} finally {
  await closeServices().catch(() => {}); // a database that never opened has nothing to close
}
process.exit(exitCode);
