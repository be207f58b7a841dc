import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import { isOlderThanSources, loadRestEdge } from "./rest-edge.mjs";

const SOURCE_DIRS = ["app", "server", "drizzle"];
const SOURCE_FILES = ["package.json", "package-lock.json", "next.config.mjs", "tsconfig.json"];

/**
 * Serves the built Next.js app from this process (Next's custom-server API), builds it first when
 * the build is missing or older than the sources, opens the database right after listening, and
 * shuts down cleanly on SIGTERM/SIGINT so the embedded database is closed and unlocked. The REST
 * endpoints clients call in bulk (tracking API, artifact proxy, /get-artifact, /health) take a
 * fast path past Next's router (rest-edge.mjs); the same handlers serve them as Next routes.
 */
export async function startServer({ projectRoot, host, port }) {
  limitHeapGrowth();
  process.chdir(projectRoot);
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.NODE_ENV = "production";
  if (process.env.METRON_SKIP_BUILD_CHECK !== "1" && isBuildStale(projectRoot)) buildApp(projectRoot);

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: projectRoot, hostname: host, port });
  const [rest] = await Promise.all([loadRestEdge(projectRoot), app.prepare()]);
  const handle = app.getRequestHandler();
  // 64 KiB of headers: a shared /compare?runs=… link of 500 run ids is about 17 KB (Node's default is 16).
  const server = http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => rest.handleRestRequest(req, res) || handle(req, withExactLength(res)));
  // MLflow clients keep connections alive between calls; outlive their idle pools.
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  const { port: actualPort } = server.address();
  console.log(`Metron listening on http://${host}:${actualPort} (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"})`);

  // Open and migrate the database now rather than on the first client call; a database that cannot
  // be opened (PostgreSQL unreachable, data folder locked by another process) stops the server.
  const health = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${actualPort}/health`)
    .then(async (res) => (res.ok ? "" : await res.text()))
    .catch((err) => err.message);
  if (health) {
    console.error(`metron: ${health}`);
    server.close();
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`Metron stopping (${signal})`);
    server.close();
    server.closeAllConnections?.();
    try {
      const db = await globalThis.__metronDb;
      await db?.close();
    } catch {
      // the database never opened
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * V8 lets the old generation grow to about four times what survived the last full collection
 * before collecting again. Under a stream of log-batch requests (each promotes its parsed batch)
 * that made the heap swing between ~40 and ~160 MB and the server's RSS peak reach ~250 MiB.
 * Doubling instead keeps the ingest peak near 175 MiB at the same CPU; growing by only half kept
 * it near 155 MiB but doubled the CPU of 2 GiB artifact transfers (their buffers drive the same
 * limit). The flag is read at each collection, so setting it at run time works, unlike heap sizes.
 */
function limitHeapGrowth() {
  if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) v8.setFlagsFromString("--heap-growing-percent=100");
}

/**
 * Next drops Content-Length from route-handler responses (it cannot tell whether a body was
 * re-encoded). Artifact downloads know their exact length and announce it under EXACT_LENGTH_HEADER
 * (server/rest/http/web-edge.ts); it becomes Content-Length here, so clients get sizes and
 * progress, and HEAD tells the size.
 */
const EXACT_LENGTH_HEADER = "x-metron-content-length";

function withExactLength(res) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    name.toLowerCase() === EXACT_LENGTH_HEADER ? setHeader("content-length", [value].flat()[0]) : setHeader(name, value);
  return res;
}

/** True when .next is missing or older than a source file (exported for bench/ingest). */
export function isBuildStale(root) {
  return isOlderThanSources(root, path.join(root, ".next", "BUILD_ID"), [...SOURCE_DIRS, ...SOURCE_FILES]);
}

function buildApp(root) {
  console.log("Metron: building the web app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}
