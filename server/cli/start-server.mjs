import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import v8 from "node:v8";
import { isOlderThanSources } from "./build-staleness.mjs";
import { loadRestEdge } from "./rest-edge.mjs";

const SOURCE_DIRS = ["app", "server", "drizzle"];
const SOURCE_FILES = ["package.json", "package-lock.json", "next.config.mjs", "tsconfig.json"];

/**
 * Serves the built app (building it if stale), opens the database before saying it listens, and closes it
 * on SIGTERM/SIGINT so the embedded database is left unlocked. Bulk REST endpoints take a fast path past
 * Next's router (rest-edge.mjs); the same handlers also serve them as Next routes.
 */
export async function startServer({ projectRoot, host, port }) {
  const started = performance.now();
  limitHeapGrowth();
  process.chdir(projectRoot);
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.NODE_ENV = "production";
  process.env.HOST = host; // the listening address belongs to the default --allowed-hosts
  if (process.env.METRON_SKIP_BUILD_CHECK !== "1" && isBuildStale(projectRoot)) await buildApp(projectRoot);

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: projectRoot, hostname: host, port });
  // Next prepares while the database opens (both take a second or more): the fast path and /health
  // need only the REST bundle; anything for Next waits for it.
  const prepared = app.prepare().then(() => app.getRequestHandler());
  prepared.catch(() => {}); // awaited below, after the database check; until then a failure is not "unhandled"
  const rest = await loadRestEdge(projectRoot);
  const logAccess = accessLogOf(rest);
  let handle;
  // The Host check (--allowed-hosts) comes first, for every request whichever handler serves it.
  // 64 KiB of headers: a shared /compare?runs=… link of 500 run ids is about 17 KB (Node's default is 16).
  const server = http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    rest.observeRequest(req, res);
    logAccess?.(req, res);
    if (rest.rejectForeignHost(req, res) || rest.handleRestRequest(req, res)) return;
    if (handle) return handle(req, rest.withExactLength(res));
    prepared.then((h) => h(req, rest.withExactLength(res)), (err) => res.destroy(err));
  });
  server.on("clientError", rest.answerClientError);
  // MLflow clients keep connections alive between calls; outlive their idle pools.
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve, reject) => server.once("error", (err) => reject(listenError(err, host, port))).listen(port, host, resolve));
  const { port: actualPort } = server.address();

  // Open and migrate the database before saying "listening" (until then /health answers 503); a
  // database that cannot be opened (PostgreSQL unreachable, data folder locked) stops the server.
  const databaseStarted = performance.now();
  console.log(`Metron: opening ${describeDatabase()}…`);
  const health = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${actualPort}/health`)
    .then(async (res) => (res.ok ? "" : await res.text()))
    .catch((err) => err.message);
  if (health) {
    // One line for the operator (a configuration error lists its issues with "; ", never a stack).
    console.error(`metron: ${health.trim().split("\n")[0]}`);
    server.close();
    process.exit(1);
  }
  handle = await prepared;
  console.log(`Metron: database ready, migrations applied (${seconds(databaseStarted)})`);
  const driver = process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite";
  console.log(`Metron listening on http://${host}:${actualPort} (${driver}; started in ${seconds(started)})`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`Metron stopping (${signal})`);
    // Drain: refuse new connections, let requests in flight (a long batch, a slow upload) finish, then
    // close; past the bound the rest are cut (clients retry them) so a stop never hangs.
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections?.();
    const idleSweep = setInterval(() => server.closeIdleConnections?.(), 100); // keep-alive ones as they go idle
    // The configuration was valid at start (else the health check above stopped it), so this cannot throw.
    const bound = new Promise((resolve) => setTimeout(resolve, rest.drainTimeoutMs()).unref());
    await Promise.race([drained, bound]);
    clearInterval(idleSweep);
    server.closeAllConnections?.();
    await rest.closeServices().catch(() => {}); // a database that never opened has nothing to close
    process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * V8 lets the old generation grow ~4× past the last full collection: under log-batch streams RSS peaked
 * near 250 MiB. Doubling keeps it near 175 MiB at the same CPU (halving cost 2× CPU on 2 GiB transfers).
 * Read at each collection, so unlike heap sizes it can be set at run time.
 */
function limitHeapGrowth() {
  if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) v8.setFlagsFromString("--heap-growing-percent=100");
}

/** True when .next is missing or older than a source file (exported for bench/ingest). */
export function isBuildStale(root) {
  return isOlderThanSources(path.join(root, ".next", "BUILD_ID"), [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => path.join(root, p)));
}

/** The access log hook; none when the configuration is invalid (the /health check then reports why). */
function accessLogOf(rest) {
  try {
    return rest.createAccessLog();
  } catch {
    return undefined;
  }
}

/** Why the server cannot listen, in the operator's words (metron.mjs prints it as one line). */
function listenError(err, host, port) {
  const reasons = {
    EADDRINUSE: `port ${port} on ${host} is already in use: stop the other server or choose another --port`,
    EACCES: `not allowed to listen on ${host}:${port}: ports below 1024 need privileges; choose another --port`,
    EADDRNOTAVAIL: `cannot listen on ${host}: no network interface of this machine has that address (--host)`,
  };
  return new Error(reasons[err.code] ?? `cannot listen on ${host}:${port}: ${err.message}`);
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** What the database step opens, and why it may take a while the first time. */
function describeDatabase() {
  if (/^(true|1)$/i.test(process.env.MLFLOW_ARTIFACTS_ONLY ?? "")) return "nothing: artifact proxy only, no database";
  const url = process.env.DATABASE_URL;
  if (url) {
    // WHATWG URLs refuse a failover list (h1:p1,h2:p2), which PostgreSQL URLs allow.
    const match = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^@/?#]+)(?=[/?#]|$)(?:\/([^?#]*))?/.exec(url);
    try {
      if (match) return `PostgreSQL database ${decodeURIComponent(match[2] ?? "")} on ${match[1]} and applying migrations`;
    } catch {
      // a malformed %-escape: the health check reports it
    }
    return "PostgreSQL"; // the health check reports the invalid URL, in the configuration's words
  }
  const dir = path.resolve(process.env.METRON_DATA_DIR ?? "metron-data");
  const isNew = !fs.existsSync(path.join(dir, "PG_VERSION"));
  return `the embedded database in ${dir}${isNew ? " (creating it: about 10 s)" : ""}`;
}

/**
 * A user's first start (or the first after an update) builds the app. It skips the type check
 * (CI's job: `npm test` and `npm run build` type-check) and Turbopack's persistent build cache
 * (written for faster rebuilds a user never does): together about half of the build's time.
 */
async function buildApp(root) {
  const started = performance.now();
  console.log("Metron: building the web app (first start or sources changed; about 30-60 s on 2 cores, later starts skip it)…");
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", METRON_QUICK_BUILD: "1" },
  });
  const closed = new Promise((resolve) => child.once("close", resolve));
  for await (const line of readline.createInterface({ input: child.stdout })) {
    if (!isQuickBuildNotice(line)) console.log(line);
  }
  if ((await closed) !== 0) throw new Error("next build failed");
  console.log(`Metron: web app built (${seconds(started)})`);
}

/** Next lists non-default experimental settings as "use with caution"; ours only turns its build cache off. */
function isQuickBuildNotice(line) {
  const text = line.replace(/\x1b\[[0-9;]*m/g, "").trim();
  return text === "- Experiments (use with caution):" || /^\S+ turbopackFileSystemCacheForBuild$/.test(text);
}
