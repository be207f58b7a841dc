import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import { promisify } from "node:util";

// Throwaway PostgreSQL clusters for tests that need a server of their own (streaming replication, a
// stopped standby): started in a temp folder on free loopback ports, never touching the shared cluster.
// PostgreSQL refuses to run as root, so under root every command runs as the `postgres` user.

const run = promisify(execFile);

/** Where Debian puts initdb, pg_ctl and pg_basebackup: its newest PostgreSQL (METRON_PG_BIN overrides). */
export const PG_BIN = process.env.METRON_PG_BIN ?? newestDebianPostgres() ?? "/usr/lib/postgresql/15/bin";

function newestDebianPostgres(): string | undefined {
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && path.join("/usr/lib/postgresql", newest, "bin");
}

/** Why temp clusters cannot run here (binaries or the postgres user missing), or undefined when they can. */
export function tempClusterUnavailable(): string | undefined {
  for (const tool of ["initdb", "pg_ctl", "pg_basebackup", "postgres"]) {
    if (!fs.existsSync(path.join(PG_BIN, tool))) return `${path.join(PG_BIN, tool)} is missing (install postgresql-15)`;
  }
  if (isRoot() && postgresUser() === undefined) return "running as root and there is no `postgres` user to run PostgreSQL as";
  return undefined;
}

export interface TempCluster {
  readonly port: number;
  readonly dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication on loopback). */
  url(database?: string): string;
  start(): Promise<void>;
  /** Fast shutdown (clients are disconnected); the data folder stays for start(). */
  stop(): Promise<void>;
  /** The server's log so far (for failure messages). */
  log(): string;
}

/** A folder for clusters, owned by the user PostgreSQL runs as; remove it with removeClusterRoot. */
export function makeClusterRoot(prefix = "metron-pg-"): string {
  // Not under the test runner's TMPDIR when root: that folder is root's own (0700) and `postgres` could not enter it.
  const root = fs.mkdtempSync(path.join(isRoot() ? "/tmp" : os.tmpdir(), prefix));
  const owner = isRoot() ? postgresUser() : undefined;
  if (owner) fs.chownSync(root, owner.uid, owner.gid);
  return root;
}

export function removeClusterRoot(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** initdb + start: a primary with wal_level=replica that lets loopback clients connect and replicate. */
export async function startPrimaryCluster(root: string, name = "primary"): Promise<TempCluster> {
  const dataDir = path.join(root, name);
  await asPostgres(path.join(PG_BIN, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"]);
  const cluster = clusterAt(dataDir, await freePort());
  await cluster.start();
  return cluster;
}

/** pg_basebackup -R of `primary`, started as its hot standby (streaming replication). */
export async function startStandbyCluster(root: string, primary: TempCluster, name = "standby"): Promise<TempCluster> {
  const dataDir = path.join(root, name);
  await asPostgres(path.join(PG_BIN, "pg_basebackup"), ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"]);
  const cluster = clusterAt(dataDir, await freePort());
  await cluster.start();
  return cluster;
}

function clusterAt(dataDir: string, port: number): TempCluster {
  const logFile = `${dataDir}.log`;
  // Settings for a short-lived test server: small, no durability (fsync off), no unix socket to clash with another.
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    "-c unix_socket_directories=''",
    "-c wal_level=replica",
    "-c hot_standby=on",
    "-c fsync=off",
    "-c shared_buffers=16MB",
    "-c max_connections=40",
  ].join(" ");
  const pgCtl = (args: string[]) => asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", dataDir, "-w", "-t", "30", ...args]);
  return {
    port,
    dataDir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => pgCtl(["-l", logFile, "-o", options, "start"]),
    stop: () => pgCtl(["-m", "fast", "stop"]),
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : ""),
  };
}

/** `command args` as the user PostgreSQL runs as: itself, or through runuser when we are root. */
export function asPostgresCommand(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function asPostgres(command: string, args: string[]): Promise<void> {
  const [file, argv] = asPostgresCommand(command, args);
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed: ${stderr || stdout || (err as Error).message}`);
  }
}

export const isRoot = () => process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | undefined {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}
