import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

const CLI = path.resolve(import.meta.dirname, "metron.mjs");
const children: ReturnType<typeof spawn>[] = [];

/** Runs `metron server` and resolves with its URL once listening and healthy, or its exit output. */
function startCli(args: string[]): Promise<{ url?: string; code?: number | null; output: string; pid?: number; healthAtListening?: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, METRON_SKIP_BUILD_CHECK: "1", METRON_LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [CLI, "server", "--port", "0", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  let healthAtListening: number | undefined;
  return new Promise((resolve) => {
    child.stderr!.on("data", (d) => (output += d));
    child.stdout!.on("data", async (d) => {
      output += d;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      const health = await fetch(`${match[1]}/health`).catch(() => undefined);
      healthAtListening ??= health?.status;
      if (health?.ok) resolve({ url: match[1], output, pid: child.pid, healthAtListening });
    });
    child.once("exit", (code) => resolve({ code, output }));
  });
}

async function stop(pid: number) {
  const child = children.find((c) => c.pid === pid)!;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

afterAll(() => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")));

// These start their own servers, so they run once (in the PGlite project) rather than per driver.
describe.runIf(inject("driver") === "pglite")("metron server (embedded PGlite)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-cli-"));
  const store = path.join(dir, "db");

  it("refuses a second process on the same data folder, and keeps data across restarts", async () => {
    const first = await startCli(["--backend-store-uri", store]);
    expect(first.url).toBeDefined();
    // "listening" only once the database is open and migrated, after saying what it is doing.
    expect(first.healthAtListening).toBe(200);
    expect(first.output).toMatch(
      new RegExp(
        `Metron: opening the embedded database in ${store} \\(creating it: about 10 s\\)…\n` +
          "Metron: database ready, migrations applied \\(\\d+\\.\\d s\\)\n" +
          "Metron listening on http://127\\.0\\.0\\.1:\\d+ \\(embedded PGlite; started in \\d+\\.\\d s\\)\n",
      ),
    );
    const created = await fetch(`${first.url}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "survives-restart" }),
    });
    expect(await created.json()).toEqual({ experiment_id: "1" });

    const second = await startCli(["--backend-store-uri", store]);
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `The data folder ${store} is in use by another Metron process (pid ${first.pid}). Stop it, or point METRON_DATA_DIR at another folder.`,
    );

    await stop(first.pid!);
    expect(fs.existsSync(`${store}.lock`)).toBe(false);

    const again = await startCli(["--backend-store-uri", `file://${store}`]);
    expect(again.output).toContain(`Metron: opening the embedded database in ${store}…\n`);
    const res = await fetch(`${again.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=survives-restart`);
    expect((await res.json()).experiment).toMatchObject({ experiment_id: "1", name: "survives-restart" });
    await stop(again.pid!);
  }, 120_000); // three PGlite opens, the first an initdb: slow on a busy 2-core machine

  it("rejects a backend store it cannot serve with a clear message; an MLflow store gets the import command", async () => {
    const result = await startCli(["--backend-store-uri", "mysql://db/mlflow"]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      "metron: unsupported backend store 'mysql://db/mlflow': use a postgresql:// URL or a folder for the embedded database",
    );
    const sqlite = await startCli(["--backend-store-uri", "sqlite:///mlflow.db"]);
    expect(sqlite.code).toBe(1);
    expect(sqlite.output).toContain("metron: 'sqlite:///mlflow.db' is an MLflow SQLite database");
    expect(sqlite.output).toMatch(/\n {2}npx metron import sqlite:\/{4}\S+\/mlflow\.db\n/);
  });
});
