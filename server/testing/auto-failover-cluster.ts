import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { freePort } from "./free-port";
import { sleep } from "./retrying-ingest";
import { asPostgresCommand, isRoot, makeClusterRoot } from "./temp-cluster";

// A pg_auto_failover formation for tests (Debian packages postgresql-NN-auto-failover and
// pg-auto-failover-cli): a monitor and two PostgreSQL nodes on free ports in a temporary folder, with
// trust authentication on 127.0.0.1. PostgreSQL refuses to run as root, so under root (CI) every
// pg_autoctl command runs as the `postgres` user in a folder that user owns.

const run = promisify(execFile);

/** The pg_ctl of the PostgreSQL version pg_auto_failover's extension is installed for, or undefined. */
export function findAutoFailoverPgCtl(): string | undefined {
  if (!fs.existsSync("/usr/bin/pg_autoctl") || !fs.existsSync("/usr/lib/postgresql")) return undefined;
  const versions = fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
  const version = versions.find((v) => fs.existsSync(`/usr/share/postgresql/${v}/extension/pgautofailover.control`));
  return version && `/usr/lib/postgresql/${version}/bin/pg_ctl`;
}

export interface ClusterNode {
  name: string;
  port: number;
  pgdata: string;
}

export interface AutoFailoverCluster {
  /** What `pg_autoctl show uri --formation default` prints: both nodes, target_session_attrs=read-write. */
  uri: string;
  nodes: [ClusterNode, ClusterNode];
  /** Each node's state as the monitor last heard it, by name. */
  states(): Promise<Record<string, { reported: string; assigned: string }>>;
  /** Resolves once `check` accepts the states (polling), or rejects after `timeoutMs`. */
  waitForStates(check: (states: Record<string, { reported: string; assigned: string }>) => boolean, timeoutMs: number): Promise<void>;
  /** `pg_autoctl stop` on a node: its keeper and PostgreSQL stop (fast shutdown). */
  stopNode(node: ClusterNode): Promise<void>;
  /** A superuser connection straight to one node (no failover). */
  connectTo(node: ClusterNode): postgres.Sql;
  /** Stops every node and the monitor and removes the folder. */
  close(): Promise<void>;
}

/** Creates the formation, tuned to notice a failed node within seconds, and waits for primary + secondary. */
export async function startAutoFailoverCluster(pgctl: string): Promise<AutoFailoverCluster> {
  const dir = makeClusterRoot("metron-autofailover-");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(pgctl)}:/usr/bin:/bin:/usr/sbin:/sbin`,
    TMPDIR: dir,
    // pg_autoctl keeps its configuration, state and pid files under these: all inside `dir`.
    XDG_CONFIG_HOME: path.join(dir, "config"),
    XDG_DATA_HOME: path.join(dir, "data"),
    XDG_RUNTIME_DIR: path.join(dir, "run"),
  };
  for (const sub of ["config", "data", "run"]) fs.mkdirSync(path.join(dir, sub));
  if (isRoot()) await run("chown", ["-R", "postgres:", dir]);
  const command = (args: string[]) => asPostgresCommand("pg_autoctl", args);
  const services: ChildProcess[] = [];
  const output: string[] = [];
  const startService = (args: string[]) => {
    const [file, argv] = command(args);
    const child = spawn(file, argv, { env, cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => output.push(String(chunk)));
    child.on("error", (err) => output.push(`${args.slice(0, 2).join(" ")}: ${err.message}\n`));
    services.push(child);
  };
  const autoctl = async (args: string[]) => (await run(...command(args), { env, cwd: dir, timeout: 60_000 })).stdout;

  const [monitorPort, port1, port2] = [await freePort(), await freePort(), await freePort()];
  const monitorData = path.join(dir, "monitor");
  const nodes: [ClusterNode, ClusterNode] = [
    { name: "node1", port: port1, pgdata: path.join(dir, "node1") },
    { name: "node2", port: port2, pgdata: path.join(dir, "node2") },
  ];
  const superuser = (port: number, db: string) => postgres(`postgres://postgres@127.0.0.1:${port}/${db}`, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const monitor = superuser(monitorPort, "pg_auto_failover");

  const close = async () => {
    await monitor.end({ timeout: 1 }).catch(() => undefined);
    for (const pgdata of [...nodes.map((n) => n.pgdata), monitorData]) {
      if (fs.existsSync(pgdata)) await autoctl(["stop", "--pgdata", pgdata]).catch(() => undefined);
    }
    // The services remove their pid files as they exit: wait for them, so the folder goes last.
    await Promise.all(services.map((child) => exited(child, 10_000)));
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const common = ["--pgctl", pgctl, "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl"];
    startService(["create", "monitor", "--pgdata", monitorData, "--pgport", String(monitorPort), ...common, "--run"]);
    await retryUntil(() => monitor`select 1`, 60_000, "the monitor did not start");
    // Test-only timings (defaults: 5 s checks, 20 s until unhealthy, 30 s demote timeout): a stopped
    // primary is noticed and its standby promoted within seconds instead of a minute.
    for (const [name, value] of Object.entries(FAST_FAILOVER_SETTINGS)) await monitor.unsafe(`alter system set pgautofailover.${name} = ${value}`);
    await monitor`select pg_reload_conf()`;

    const monitorUri = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
    const createNode = (node: ClusterNode) =>
      startService(["create", "postgres", "--pgdata", node.pgdata, "--pgport", String(node.port), "--listen", "127.0.0.1", "--name", node.name, "--dbname", "metron", "--monitor", monitorUri, ...common, "--run"]);
    const states = async () => {
      const rows = await monitor<{ name: string; reported: string; assigned: string }[]>`
        select nodename as name, reportedstate::text as reported, goalstate::text as assigned from pgautofailover.node`;
      return Object.fromEntries(rows.map((r) => [r.name, { reported: r.reported, assigned: r.assigned }]));
    };
    const waitForStates: AutoFailoverCluster["waitForStates"] = (check, timeoutMs) =>
      retryUntil(async () => {
        const now = await states();
        if (!check(now)) throw new Error(`states ${JSON.stringify(now)}`);
      }, timeoutMs, "the formation did not reach the expected states");

    createNode(nodes[0]);
    await waitForStates((s) => s.node1?.reported === "single", 60_000);
    createNode(nodes[1]);
    // The standby's base backup waits for a checkpoint on the primary, by default a spread one (a minute
    // and more): asking for immediate checkpoints meanwhile cuts that to a second.
    const primary = superuser(nodes[0].port, "postgres");
    let joined = false;
    const hurry = (async () => {
      while (!joined) await primary`checkpoint`.then(() => sleep(1000), () => sleep(1000));
    })();
    try {
      await waitForStates((s) => s.node1?.reported === "primary" && s.node2?.reported === "secondary", 90_000);
    } finally {
      joined = true;
      await hurry;
      await primary.end({ timeout: 1 });
    }
    const uri = (await autoctl(["show", "uri", "--formation", "default", "--pgdata", monitorData])).trim();
    return { uri, nodes, states, waitForStates, stopNode: async (node) => void (await autoctl(["stop", "--pgdata", node.pgdata])), connectTo: (node) => superuser(node.port, "metron"), close };
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\npg_autoctl output:\n${output.join("").slice(-4000)}`, { cause: err });
  }
}

const FAST_FAILOVER_SETTINGS = {
  health_check_period: 1000,
  health_check_timeout: 1000,
  health_check_max_retries: 1,
  health_check_retry_delay: 500,
  node_considered_unhealthy_timeout: 2000,
  primary_demote_timeout: 3000,
};

/** Resolves once `child` has exited; after `timeoutMs` its whole process group is killed. */
async function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exit = new Promise((resolve) => child.once("exit", resolve));
  const kill = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutMs);
  await exit;
  clearTimeout(kill);
}

async function retryUntil(attempt: () => Promise<unknown>, timeoutMs: number, message: string): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      if (Date.now() > giveUpAt) throw new Error(`${message}: ${(err as Error).message}`);
      await sleep(250);
    }
  }
}
