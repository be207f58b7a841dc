import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server";

// The official MLflow Python clients (installed as ../shared/reference/real-clients.md says, in
// METRON_MLFLOW_CLIENTS) log to a server with --auth using a token and using HTTP Basic. Skipped
// without them; once, in the PGlite project.

const CLIENTS = process.env.METRON_MLFLOW_CLIENTS;
const PYTHON = process.env.METRON_MLFLOW_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.resolve(import.meta.dirname, "../../testing/mlflow-clients/log_with_credentials.py");
const ADMIN = { username: "admin", password: "admin password 1" };

const clientDirs = (CLIENTS && fs.existsSync(CLIENTS) ? fs.readdirSync(CLIENTS) : [])
  .map((name) => path.join(CLIENTS!, name))
  .filter((dir) => fs.existsSync(path.join(dir, "mlflow", "__init__.py")));

function runPython(clientDir: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PYTHONPATH: [clientDir, path.join(clientDir, "deps")].join(path.delimiter),
      MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0",
      PYTHONWARNINGS: "ignore",
    };
    // Only the credentials this case names reach the client.
    for (const name of ["MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"]) delete childEnv[name];
    const child: ChildProcess = spawn(PYTHON, [SCRIPT], { env: { ...childEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c));
    child.stderr!.on("data", (c: Buffer) => (out += c));
    child.once("exit", (code: number | null) => resolve({ code, out }));
  });
}

describe.runIf(inject("driver") === "pglite" && clientDirs.length > 0)("the official MLflow client with --auth", () => {
  let server: TestServer;
  let token = "";
  const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`;

  beforeAll(async () => {
    server = await startTestServer("pglite", { env: { METRON_ADMIN_USERNAME: ADMIN.username, METRON_ADMIN_PASSWORD: ADMIN.password }, args: ["--auth"] });
    const res = await fetch(`${server.baseUrl}/api/trpc/account.tokens.create`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json" },
      body: JSON.stringify({ name: "python" }),
    });
    token = (await res.json()).result.data.token;
  }, 120_000);

  afterAll(() => server?.stop());

  async function loggedRun(runId: string) {
    const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/runs/get?run_id=${runId}`, { headers: { authorization: `Bearer ${token}` } });
    const { run } = await res.json();
    return { name: run.info.run_name, params: run.data.params, losses: run.data.metrics.map((m: { key: string; value: number }) => [m.key, m.value]) };
  }

  for (const clientDir of clientDirs) {
    const version = path.basename(clientDir);
    it(`MLflow ${version} logs with MLFLOW_TRACKING_TOKEN and with MLFLOW_TRACKING_USERNAME/PASSWORD`, async () => {
      const common = { MLFLOW_TRACKING_URI: server.baseUrl, METRON_EXPERIMENT: `auth-${version}` };
      const withToken = await runPython(clientDir, { ...common, METRON_RUN_NAME: "token", MLFLOW_TRACKING_TOKEN: token });
      expect(withToken.code, withToken.out).toBe(0);
      const withBasic = await runPython(clientDir, { ...common, METRON_RUN_NAME: "basic", MLFLOW_TRACKING_USERNAME: ADMIN.username, MLFLOW_TRACKING_PASSWORD: ADMIN.password });
      expect(withBasic.code, withBasic.out).toBe(0);
      for (const [result, name] of [[withToken, "token"], [withBasic, "basic"]] as const) {
        const runId = result.out.trim().split("\n").at(-1)!;
        expect(await loggedRun(runId)).toEqual({ name, params: [{ key: "lr", value: "0.01" }], losses: [["loss", 1 / 3]] });
      }
    }, 120_000);

    it(`MLflow ${version} is refused with a wrong token, once the gate checks REST requests`, async (ctx) => {
      const probe = await fetch(`${server.baseUrl}/api/2.0/mlflow/experiments/search?max_results=1`, { headers: { authorization: "Bearer mtk_wrong" } });
      if (probe.status !== 401) ctx.skip(); // authperm's gate (server/auth) is not in this branch yet
      const refused = await runPython(clientDir, { MLFLOW_TRACKING_URI: server.baseUrl, METRON_EXPERIMENT: "refused", METRON_RUN_NAME: "x", MLFLOW_TRACKING_TOKEN: "mtk_wrong" });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain("Invalid or revoked API token");
    }, 120_000);
  }
});
