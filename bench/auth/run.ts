// What authentication and the permission gate cost (issue #15: at most 5 % of throughput). Two servers on
// one PostgreSQL database — auth off, and METRON_AUTH=true called with the API token (Bearer) of a non-admin
// user holding EDIT on the experiments — take turns, A/B then B/A, for ROUNDS rounds of ROUND_SECONDS per
// workload, CLIENTS keep-alive clients each: runs/log-batch of 10 points, runs/log-metric of one, and
// runs/search with a filter. Prints medians and on/off ratios, then the gate's own CPU per request measured
// in process (gate-cost.ts), steadier on a shared machine.
//
//   npm run build      # assumed done (the servers refuse a stale build)
//   npm run bench:auth
//
// PostgreSQL: METRON_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/metron_bench_auth
// (dropped and recreated). BENCH_ROUNDS (8), BENCH_ROUND_SECONDS (2), BENCH_WORKLOADS (all: log-batch,log-metric,search),
// BENCH_TOKEN_RATE_LIMIT (unset: none; a limit far above the rate reached prices the limiter). Compare the columns of one run.
import { newSecret, secretHash } from "../../server/auth/secrets";
import { openDatabase } from "../../server/db/client";
import { apiTokens } from "../../server/db/schema";
import { insertUser } from "../../server/repositories/users-repository";
import type { BenchServer } from "../ingest/server-process";
import { comparisonLine, loadAverage, startServerPair, timedRound, type Round } from "../server-pair";
import { measureGateCost } from "./gate-cost";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_auth";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 2);
const CLIENTS = 4;
const SEARCH_RUNS = 1000;
const ADMIN = { username: "admin", password: "bench-admin" };

type Mode = "off" | "on";
const ALL_WORKLOADS = ["log-batch", "log-metric", "search"] as const;
type Workload = (typeof ALL_WORKLOADS)[number];
const WORKLOADS = ALL_WORKLOADS.filter((w) => (process.env.BENCH_WORKLOADS ?? ALL_WORKLOADS.join(",")).split(",").includes(w));
const TOKEN_RATE_LIMIT = process.env.BENCH_TOKEN_RATE_LIMIT;

/** One server and the credentials its calls carry. */
interface Client {
  server: BenchServer;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  let token = "";
  const pair = await startServerPair<Mode>(
    DATABASE_URL,
    {
      off: {},
      on: {
        METRON_AUTH: "true",
        METRON_ADMIN_USERNAME: ADMIN.username,
        METRON_ADMIN_PASSWORD: ADMIN.password,
        METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS",
        ...(TOKEN_RATE_LIMIT ? { METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: TOKEN_RATE_LIMIT } : {}),
      },
    },
    async (url) => void (token = await seedBenchUser(url)),
  );
  try {
    const clients: Record<Mode, Client> = {
      off: { server: pair.servers.off, headers: {} },
      on: { server: pair.servers.on, headers: { authorization: `Bearer ${token}` } },
    };
    const admin: Client = { server: pair.servers.on, headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}` } };
    const ingestExperiment = await experimentEditableByBench(admin, "auth-ingest");
    const searchExperiment = await experimentEditableByBench(admin, "auth-search");
    await seedSearchRuns(clients.off, searchExperiment);

    console.log(`Auth cost — load average ${loadAverage()}`);
    if (TOKEN_RATE_LIMIT) console.log(`auth on: the token limited to ${TOKEN_RATE_LIMIT} requests per minute`);
    console.log(`${ROUNDS} rounds × ${WORKLOADS.length} workloads × (off, on) turns of ${ROUND_SECONDS} s, ${CLIENTS} clients; search: ${SEARCH_RUNS} runs, pages of 100, filter on a param\n`);
    const results = Object.fromEntries(WORKLOADS.map((w) => [w, { off: [] as Round[], on: [] as Round[] }])) as Record<Workload, Record<Mode, Round[]>>;
    for (let round = 1; round <= ROUNDS; round++) {
      const order: Mode[] = round % 2 ? ["off", "on"] : ["on", "off"];
      const line: string[] = [];
      for (const workload of WORKLOADS) {
        for (const mode of order) {
          const result = await measure(clients[mode], workload, workload === "search" ? searchExperiment : ingestExperiment);
          results[workload][mode].push(result);
        }
        line.push(`${workload} off ${Math.round(results[workload].off.at(-1)!.perSecond)}/s on ${Math.round(results[workload].on.at(-1)!.perSecond)}/s`);
      }
      console.log(`round ${round} (${order.join(" then ")}): ${line.join(" · ")}`);
    }
    console.log("");
    for (const workload of WORKLOADS) console.log(comparisonLine(workload, { label: "on", rounds: results[workload].on }, { label: "off", rounds: results[workload].off }));

    const gate = await measureGateCost(`${DATABASE_URL}_gate`);
    console.log(
      `\nin process, CPU per request: authenticate (token) ${gate.lookupUs.toFixed(0)} µs looked up, ${gate.cachedUs.toFixed(0)} µs cached; ` +
        `authorize (a run's experiment) ${gate.queryUs.toFixed(0)} µs queried, ${gate.cachedDecisionUs.toFixed(0)} µs cached`,
    );
    console.log(`load average at the end ${loadAverage()}`);
  } finally {
    await pair.stop();
  }
}

/** A non-admin user with an API token, written before the servers start. */
async function seedBenchUser(databaseUrl: string): Promise<string> {
  const handle = await openDatabase({ databaseUrl, dataDir: "", searchTimeoutMs: 60_000 });
  try {
    const user = await insertUser(handle.db, { username: "bench", passwordHash: "unused", isAdmin: false, creationTime: Date.now() });
    const token = newSecret("mtk");
    await handle.db.insert(apiTokens).values({ userId: user!.id, name: "bench", secretHash: secretHash(token), displayPrefix: token.slice(0, 8), creationTime: Date.now() });
    return token;
  } finally {
    await handle.close();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(client: Client, endpoint: string, body: unknown): Promise<any> {
  const res = await fetch(`${client.server.baseUrl}/api/2.0/mlflow/${endpoint}`, {
    method: "POST",
    headers: { ...client.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** Created by the admin; the bench user holds EDIT on it (not MANAGE: not its creator). */
async function experimentEditableByBench(admin: Client, name: string): Promise<string> {
  const { experiment_id } = await call(admin, "experiments/create", { name });
  await call(admin, "experiments/permissions/create", { experiment_id, username: "bench", permission: "EDIT" });
  return experiment_id;
}

async function seedSearchRuns(client: Client, experimentId: string): Promise<void> {
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; i < SEARCH_RUNS; i += CLIENTS) {
        const { run } = await call(client, "runs/create", { experiment_id: experimentId, start_time: i });
        await call(client, "runs/log-batch", { run_id: run.info.run_id, metrics: [{ key: "loss", value: i, timestamp: i, step: 0 }], params: [{ key: "lr", value: String(i % 7) }] });
      }
    }),
  );
}

/** One turn: ingest into fresh runs (one per client), or search the seeded experiment. */
async function measure(client: Client, workload: Workload, experimentId: string): Promise<Round> {
  if (workload === "search") {
    return timedRound(client.server, CLIENTS, ROUND_SECONDS, (_, i) =>
      call(client, "runs/search", { experiment_ids: [experimentId], max_results: 100, filter: `params.lr = '${i % 7}'` }),
    );
  }
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await call(client, "runs/create", { experiment_id: experimentId })).run.info.run_id);
  const now = Date.now();
  if (workload === "log-metric") {
    return timedRound(client.server, CLIENTS, ROUND_SECONDS, (c, i) => call(client, "runs/log-metric", { run_id: runIds[c], key: "loss", value: 1 / (i + 1), timestamp: now + i, step: i }));
  }
  return timedRound(client.server, CLIENTS, ROUND_SECONDS, (c, i) =>
    call(client, "runs/log-batch", { run_id: runIds[c], metrics: Array.from({ length: 10 }, (_, k) => ({ key: `m${k}`, value: Math.random(), timestamp: now + i, step: i })) }),
  );
}

await main();
