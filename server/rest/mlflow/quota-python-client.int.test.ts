import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server";

// The official MLflow Python client against a crossed quota: its user reads our message at once (no
// retries). Runs only with METRON_MLFLOW_CLIENTS (see ../shared/reference/real-clients.md).

const ROOT = process.env.METRON_MLFLOW_CLIENTS;
const CLIENTS = ROOT && fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, "mlflow", "__init__.py"))) : [];
const SCRIPT = path.join(import.meta.dirname, "../../testing/mlflow-clients/quota.py");
let server: TestServer;

describe.skipIf(CLIENTS.length === 0 || inject("driver") !== "pglite")("the official Python client and a quota", () => {
  beforeAll(async () => {
    server = await startTestServer("pglite", { env: { METRON_QUOTA_MAX_PARAMS_PER_RUN: "2" } });
  }, 90_000);
  afterAll(async () => server?.stop());

  it.each(CLIENTS)("MLflow %s shows RESOURCE_EXHAUSTED with the message, without retrying", (client) => {
    const dir = path.join(ROOT!, client);
    const result = spawnSync(process.env.METRON_MLFLOW_PYTHON ?? "/usr/bin/python3", [SCRIPT], {
      // Default retry settings on purpose: a 429 would be retried for minutes (the test would time out).
      env: { ...process.env, PYTHONPATH: [dir, path.join(dir, "deps")].join(path.delimiter), MLFLOW_TRACKING_URI: server.baseUrl, PYTHONWARNINGS: "ignore" },
      encoding: "utf8",
      timeout: 60_000,
    });
    const fields = Object.fromEntries(result.stdout.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    expect(fields, result.stderr).toEqual({
      run: expect.stringMatching(/^[0-9a-f]{32}$/),
      error_code: "RESOURCE_EXHAUSTED",
      message: `RESOURCE_EXHAUSTED: Quota exceeded: run ${fields.run} may have at most 2 params; this request would make it 3. Nothing was written.`,
      seconds: "0",
    });
  }, 90_000);
});
