import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// Issue #21 item 2: an artifact store whose disk fills mid-upload answers 507 INSUFFICIENT_STORAGE (not a
// 500 MLflow's clients would retry for minutes) and keeps no partial file. The disk is a 1 MiB tmpfs,
// which needs root: elsewhere the test is skipped.

// Mounted at import so that runIf can tell whether the test can run at all.
const isPostgres = inject("driver") === "postgres";
const mountPoint = isPostgres ? fs.mkdtempSync(path.join(os.tmpdir(), "metron-full-disk-")) : "";
const canMount = isPostgres && mountSmallDisk(mountPoint);

function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return false;
  }
}

/** Every file under `dir`, relative, staging folder included. */
const filesUnder = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe.runIf(canMount)("artifact store on a full disk", { timeout: 60_000 }, () => {
  const databaseUrl = testDatabaseUrl("diskfull");
  let server: TestServer;
  const put = (artifactPath: string, body: Buffer) =>
    fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${artifactPath}`, { method: "PUT", body: new Uint8Array(body) });

  beforeAll(async () => {
    server = await startTestServer("postgres", { databaseUrl, env: { METRON_ARTIFACTS_DIR: mountPoint } });
  });

  afterAll(async () => {
    await server?.stop();
    await dropDatabase(databaseUrl);
    execFileSync("umount", [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  });

  it("answers 507 with MLflow-style JSON and leaves no partial file; serves again once there is room", async () => {
    const res = await put("full/model.bin", Buffer.alloc(2 * 1024 * 1024, 1));
    const text = await res.text();
    expect([res.status, text ? JSON.parse(text) : text]).toEqual([
      507,
      { error_code: "INSUFFICIENT_STORAGE", message: "Cannot store 'full/model.bin': the artifact store's disk is full (nothing was kept)." },
    ]);
    expect(filesUnder(mountPoint)).toEqual([]);

    const small = await put("full/small.txt", Buffer.from("fits"));
    expect(small.status).toBe(200);
    expect(filesUnder(mountPoint)).toEqual(["small.txt"]);
    expect(await (await fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/full/small.txt`)).text()).toBe("fits");
  });
});
