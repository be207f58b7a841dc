import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

// `metron server` that cannot start says why in one line on stderr and exits non-zero, without a stack:
// an operator (or systemd, or Kubernetes) reads that line and nothing else.

const CLI = path.resolve(import.meta.dirname, "metron.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-start-errors-"));

function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, METRON_SKIP_BUILD_CHECK: "1", METRON_LOG_LEVEL: "silent", ...extraEnv };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [CLI, "server", "--port", "0", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  // A server that did start would never exit: the test's timeout then reports it.
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}

function expectOneCleanLine(result: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Spawned servers of their own: once, in the PGlite project.
describe.runIf(inject("driver") === "pglite")("metron server start-up errors", () => {
  it("a DATABASE_URL that is not a PostgreSQL URL", async () => {
    expectOneCleanLine(await runCli([], { DATABASE_URL: "mysql://db/mlflow" }), /^metron: .*DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
  }, 60_000);

  it("a PostgreSQL URL that cannot be parsed", async () => {
    expectOneCleanLine(await runCli(["--backend-store-uri", "postgresql://user@db:notaport/mlflow"]), /^metron: .*(invalid|Invalid).*URL/);
  }, 60_000);

  it("a drain timeout that is not a number of seconds", async () => {
    expectOneCleanLine(await runCli([], { METRON_DRAIN_TIMEOUT: "ten" }), /^metron: .*Invalid configuration: METRON_DRAIN_TIMEOUT: expected a number of seconds$/);
  }, 60_000);

  it("an unreachable database", async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    expectOneCleanLine(await runCli(["--backend-store-uri", "postgresql://postgres@127.0.0.1:1/metron"]), /^metron: .*database unreachable.*127\.0\.0\.1:1/);
  }, 60_000);

  it("a data folder that cannot be written", async () => {
    // Below a regular file: not even root can create it (a read-only mode would not stop root).
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "");
    expectOneCleanLine(await runCli(["--backend-store-uri", path.join(file, "db")]), /^metron: .*cannot (create|write).*a-file/);
  }, 60_000);

  it("a port in use", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      expectOneCleanLine(await runCli(["--port", String(port), "--backend-store-uri", path.join(dir, "db")]), new RegExp(`^metron: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      taken.close();
    }
  }, 60_000);
});
