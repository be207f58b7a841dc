#!/usr/bin/env -S node --max-semi-space-size=32
// --max-semi-space-size=32: a 1000-run runs/search allocates ~10 MB of short-lived strings; a doubled young
// generation saves ~4 ms CPU per request (bench/search). V8 reads it only at start, so every launcher passes it.
// `metron server …`: `mlflow server`'s flags as Metron's env vars; plain JavaScript to run with Node alone.
import { Command, InvalidArgumentError } from "commander";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./start-server.mjs";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const program = new Command("metron").description("Metron: an ML experiment tracker that speaks the MLflow API");

program
  .command("server")
  .description("Start the tracking server (embedded PGlite unless a PostgreSQL backend is given)")
  .option("--backend-store-uri <uri>", "postgresql://… URL, or a folder for the embedded database", process.env.MLFLOW_BACKEND_STORE_URI)
  .option("--default-artifact-root <uri>", "artifact root for new experiments", process.env.MLFLOW_DEFAULT_ARTIFACT_ROOT)
  .option("--artifacts-destination <uri>", "where proxied artifacts are stored: a folder or s3://bucket/prefix", process.env.MLFLOW_ARTIFACTS_DESTINATION)
  .option("--serve-artifacts", "serve the artifact proxy /api/2.0/mlflow-artifacts (default)")
  .option("--no-serve-artifacts", "turn the artifact proxy off: runs get the destination's own URI, clients reach storage themselves")
  .option("--artifacts-only", "serve only the artifact proxy; tracking endpoints answer 503")
  .option("--auth", "require sign-in: users, API tokens and permissions (METRON_AUTH=true); the first admin comes from METRON_ADMIN_USERNAME / METRON_ADMIN_PASSWORD")
  .option("--no-access-log", "do not log a line per request (METRON_ACCESS_LOG=false)")
  .option("--search-timeout-ms <ms>", "stop a search statement running longer than this; the client gets 503 (default 15000)", parseTimeout, process.env.METRON_SEARCH_TIMEOUT_MS)
  .option("-h, --host <host>", "address to listen on", process.env.HOST ?? process.env.MLFLOW_HOST ?? "127.0.0.1")
  .option("-p, --port <port>", "port to listen on", parsePort, parsePort(process.env.PORT ?? process.env.MLFLOW_PORT ?? "5000"))
  .option(
    "--allowed-hosts <hosts>",
    "Host headers to answer (DNS rebinding protection): comma-separated names or addresses, * wildcards, optional :port; '*' for any " +
      "(default: localhost, loopback and private addresses, this machine's addresses)",
    process.env.MLFLOW_SERVER_ALLOWED_HOSTS,
  )
  .helpOption("--help", "display help for command")
  .action(async (options) => {
    try {
      applyOptionsToEnv(options, process.cwd());
      if (options.allowedHosts) process.env.MLFLOW_SERVER_ALLOWED_HOSTS = options.allowedHosts;
      await startServer({ projectRoot: PROJECT_ROOT, host: options.host, port: options.port });
    } catch (err) {
      console.error(`metron: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    }
  });

program
  .command("gc")
  .description("Permanently delete runs and experiments in the deleted stage, with their artifacts (as `mlflow gc`)")
  .option("--older-than <duration>", "only those deleted longer ago than this: #d#h#m#s, e.g. 30d, 1d2h3m4s, 1.5h (default: all)")
  .option("--dry-run", "print what would be deleted and delete nothing")
  .option("--backend-store-uri <uri>", "postgresql://… URL, or the embedded database's folder (stop its server first)", process.env.MLFLOW_BACKEND_STORE_URI)
  .option("--artifacts-destination <uri>", "the server's artifact destination, to find mlflow-artifacts:/ files", process.env.MLFLOW_ARTIFACTS_DESTINATION)
  .helpOption("--help", "display help for command")
  .action((options) => {
    try {
      applyOptionsToEnv(options, process.cwd());
    } catch (err) {
      console.error(`metron: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    }
    // The services are TypeScript: run them under tsx. The react-server condition turns the
    // "server-only" guard into the no-op it is inside the Next server.
    const gc = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "server/cli/gc.ts", JSON.stringify({ olderThan: options.olderThan, dryRun: options.dryRun })],
      { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, METRON_LOG_LEVEL: process.env.METRON_LOG_LEVEL ?? "warn" } },
    );
    process.exit(gc.status ?? 1);
  });

program
  .command("import")
  .description("Copy an MLflow store (tracking server, SQLite file or ./mlruns folder) into Metron; run again to resume")
  .argument("<source>", "http(s)://mlflow-server, sqlite:///path/mlflow.db, or a file store folder (./mlruns)")
  .option("--experiments <names...>", "only these experiments (by name)")
  .option("--dry-run", "read and count everything, write nothing")
  .option("--artifacts-from <dir|s3://…>", "where the old MLflow proxy stored mlflow-artifacts:/ files (its --artifacts-destination)")
  .option("--skip-artifacts", "copy tracking data only")
  .option("--trust-schema", "read a SQLite schema revision this Metron does not know")
  .option("--backend-store-uri <uri>", "Metron's database: postgresql://… URL, or the embedded database's folder (stop its server first)", process.env.MLFLOW_BACKEND_STORE_URI)
  .option("--default-artifact-root <uri>", "artifact root for imported experiments", process.env.MLFLOW_DEFAULT_ARTIFACT_ROOT)
  .option("--artifacts-destination <uri>", "Metron's artifact destination: a folder or s3://bucket/prefix", process.env.MLFLOW_ARTIFACTS_DESTINATION)
  .helpOption("--help", "display help for command")
  .action((source, options) => {
    try {
      applyOptionsToEnv(options, process.cwd());
    } catch (err) {
      console.error(`metron: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    }
    const args = { ...options, source, cwd: process.cwd() };
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "server/cli/import.ts", JSON.stringify(args)],
      { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, METRON_LOG_LEVEL: process.env.METRON_LOG_LEVEL ?? "warn" } },
    );
    process.exit(run.status ?? 1);
  });

await program.parseAsync();

function parseTimeout(value) {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 2_147_483_647) throw new InvalidArgumentError(`invalid timeout '${value}' (milliseconds)`);
  return ms;
}

function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`invalid port '${value}'`);
  return port;
}

/** Flags win over the environment; relative paths are taken from where the command was run. */
function applyOptionsToEnv(options, cwd) {
  const store = options.backendStoreUri;
  if (store) {
    if (/^postgres(ql)?(\+\w+)?:\/\//.test(store)) {
      process.env.DATABASE_URL = store.replace(/^postgres(ql)?\+\w+:/, "postgresql:");
    } else if (isMlflowStore(store, cwd)) {
      throw new Error(importInstead(store, options, cwd));
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store) && !store.startsWith("file://")) {
      throw new Error(`unsupported backend store '${store}': use a postgresql:// URL or a folder for the embedded database`);
    } else {
      delete process.env.DATABASE_URL;
      process.env.METRON_DATA_DIR = path.resolve(cwd, store.replace(/^file:\/\//, ""));
    }
  }
  if (options.defaultArtifactRoot) process.env.METRON_DEFAULT_ARTIFACT_ROOT = options.defaultArtifactRoot;
  if (options.artifactsDestination) process.env.MLFLOW_ARTIFACTS_DESTINATION = options.artifactsDestination;
  if (options.serveArtifacts !== undefined) process.env.MLFLOW_SERVE_ARTIFACTS = String(options.serveArtifacts);
  if (options.artifactsOnly) process.env.MLFLOW_ARTIFACTS_ONLY = "true";
  if (options.accessLog === false) process.env.METRON_ACCESS_LOG = "false";
  if (options.auth) process.env.METRON_AUTH = "true";
  if (options.searchTimeoutMs !== undefined) process.env.METRON_SEARCH_TIMEOUT_MS = String(options.searchTimeoutMs);
  // Checked again (with the env twins) in server/env.ts; here it fails before the server starts.
  if (options.artifactsOnly && options.serveArtifacts === false) {
    throw new Error("--artifacts-only cannot be combined with --no-serve-artifacts");
  }
  for (const name of ["METRON_DATA_DIR", "METRON_ARTIFACTS_DIR", "MLFLOW_ARTIFACTS_DESTINATION"]) {
    const value = process.env[name];
    // Folders only: URIs (s3://…, file://…) are absolute already.
    if (value && !/^[a-z][a-z0-9+.-]*:/i.test(value)) process.env[name] = path.resolve(cwd, value);
  }
}

/** An MLflow SQLite URI, or a folder laid out as MLflow's file store (experiments with meta.yaml). */
function isMlflowStore(store, cwd) {
  if (/^sqlite:\/\//i.test(store)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store) && !store.startsWith("file://")) return false;
  const dir = path.resolve(cwd, store.replace(/^file:\/\//, ""));
  try {
    return fs.readdirSync(dir).some((name) => /^\d+$/.test(name) && fs.existsSync(path.join(dir, name, "meta.yaml")));
  } catch {
    return false;
  }
}

/** What `metron server --backend-store-uri <an MLflow store>` answers: the command that moves it in. */
function importInstead(store, options, cwd) {
  const source = /^sqlite:/i.test(store)
    ? `sqlite:///${path.resolve(cwd, store.replace(/^sqlite:\/\/\//i, ""))}`
    : path.resolve(cwd, store.replace(/^file:\/\//, ""));
  const flags = [
    options.defaultArtifactRoot ? ` --default-artifact-root ${quote(options.defaultArtifactRoot)}` : "",
    options.artifactsDestination ? ` --artifacts-destination ${quote(options.artifactsDestination)}` : "",
  ].join("");
  return (
    `'${store}' is an MLflow ${/^sqlite:/i.test(store) ? "SQLite database" : "file store"}: Metron keeps its data in PostgreSQL or its embedded database. ` +
    `Copy it in once (run it again to resume or pick up new runs):\n\n  npx metron import ${quote(source)}${flags}\n\n` +
    `then start the server without --backend-store-uri:\n\n  npx metron server${flags}\n`
  );
}

function quote(value) {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
