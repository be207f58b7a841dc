// npm run test:mlflow-client: the official MLflow Python clients (installed as real-clients.md says,
// METRON_MLFLOW_CLIENTS=<folder>) run train.py against the built server on a fresh database each.
// Optional, not part of npm test: without clients it says so and exits 0; any failure exits 1.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnMetronServer } from "../test-server";

const CLIENTS = process.env.METRON_MLFLOW_CLIENTS;
const PYTHON = process.env.METRON_MLFLOW_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.join(import.meta.dirname, "train.py");

function installedClients(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, "mlflow", "__init__.py")))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((name) => path.join(root, name));
}

async function runClient(clientDir: string): Promise<boolean> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-mlflow-client-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    METRON_DATA_DIR: path.join(scratch, "db"),
    METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"),
    METRON_LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.NODE_OPTIONS; // tsx's loader must not leak into the server
  const server = await spawnMetronServer(env, ["--port", "0"]);
  try {
    const code = await new Promise<number | null>((resolve) => {
      const python = spawn(PYTHON, [SCRIPT], {
        env: {
          ...process.env,
          PYTHONPATH: [clientDir, path.join(clientDir, "deps")].join(path.delimiter),
          MLFLOW_TRACKING_URI: server.baseUrl,
          // A 5xx would otherwise be retried for minutes; the script should fail at once.
          MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0",
          PYTHONWARNINGS: "ignore",
        },
        stdio: ["ignore", "inherit", "inherit"],
        cwd: scratch,
      });
      python.once("exit", resolve);
    });
    return code === 0;
  } finally {
    if (server.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once("exit", resolve));
      server.child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const clients = CLIENTS ? installedClients(CLIENTS) : [];
  if (clients.length === 0) {
    console.log(
      CLIENTS
        ? `SKIPPED: no MLflow client (a folder with mlflow/__init__.py) in METRON_MLFLOW_CLIENTS=${CLIENTS}.`
        : "SKIPPED: set METRON_MLFLOW_CLIENTS to the folder of installed MLflow clients (see ../shared/reference/real-clients.md).",
    );
    return 0;
  }
  const results: [string, boolean][] = [];
  for (const dir of clients) {
    console.log(`\n=== MLflow client ${path.basename(dir)} (${dir})`);
    results.push([path.basename(dir), await runClient(dir)]);
  }
  console.log(`\n${results.map(([name, ok]) => `MLflow ${name}: ${ok ? "passed" : "FAILED"}`).join("; ")}`);
  const failed = results.filter(([, ok]) => !ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

void main().then((code) => (process.exitCode = code));
