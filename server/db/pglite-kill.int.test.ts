import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ingestMetric, newIngestLog, sleep, tallyPoints } from "../testing/retrying-ingest";
import { startTestServer, type TestServer } from "../testing/test-server";

// Issue #21 item 2: the embedded data folder survives kill -9 at any moment. Loggers write without pause
// (retrying as MLflow's client does) while the server is killed at random moments and started again on
// the same folder; at the end every acknowledged point is there, once. The suite kills 3 times;
// `npm run bench:pglite-kill` (METRON_PGLITE_KILLS=20) does 20.

const KILLS = Number(process.env.METRON_PGLITE_KILLS ?? 3);
const LOGGERS = 3;

describe.runIf(inject("driver") === "pglite")("embedded data folder under kill -9", { timeout: 30_000 + KILLS * 15_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-pglite-kill-"));
  const artifactsDir = path.join(dir, "artifacts");
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (port = 0) => startTestServer("pglite", { pgliteDir: path.join(dir, "db"), port, env: { METRON_ARTIFACTS_DIR: artifactsDir } });

  it(`keeps every acknowledged point across ${KILLS} kills`, async () => {
    server = await start();
    const { baseUrl } = server;
    const port = Number(new URL(baseUrl).port);
    const created = await fetch(`${baseUrl}/api/2.0/mlflow/runs/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ experiment_id: "0" }) });
    const runId: string = (await created.json()).run.info.run_id;

    const log = newIngestLog();
    let stopping = false;
    const loggers = Array.from({ length: LOGGERS }, (_, i) =>
      ingestMetric(() => baseUrl, runId, `loss_${i}`, { batches: 100_000, pointsPerBatch: 50, log, shouldStop: () => stopping }),
    );
    const delays: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const delay = 100 + Math.floor(Math.random() * 1400); // any moment: mid-batch, mid-checkpoint, idle
      delays.push(delay);
      await sleep(delay);
      const exited = new Promise((resolve) => server!.process.once("exit", resolve));
      server.process.kill("SIGKILL");
      await exited;
      server = await start(port);
    }
    await sleep(300); // some batches against the last start too
    stopping = true;
    await Promise.all(loggers);

    const tally = await tallyPoints(baseUrl, runId, log);
    console.log(`PGlite kill -9 ×${KILLS} (after ${delays.join(", ")} ms): ${JSON.stringify(tally)}, answers ${JSON.stringify(Object.fromEntries(log.statuses))}`);
    expect(tally.acknowledged).toBeGreaterThan(0);
    // A batch the killed server committed without answering is retried until acknowledged: stored = acknowledged.
    expect(tally).toEqual({ lost: 0, duplicated: 0, stored: tally.acknowledged, acknowledged: tally.acknowledged });
  });
});
