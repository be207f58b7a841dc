import { afterAll, describe, expect, inject, it } from "vitest";
import { killLeftoverCollectors, startCollector, waitFor } from "./testing/collector-process";
import { createRun, history, HOST_METRICS, metricKeys, setRunStatus, tags } from "./testing/tracking";

const baseUrl = () => inject("baseUrl");

afterAll(killLeftoverCollectors);

// Runs once (in the PGlite project): naming does not depend on the server's database.
// Two machines of one multi-node run: one names itself with --node-id, the other through
// MLFLOW_SYSTEM_METRICS_NODE_ID. Each gets its own series and its own steps.
describe.runIf(inject("driver") === "pglite")("node id", () => {
  it("names each node's metrics system/<node_id>/… and its host tags metron.host.<node_id>.…", async () => {
    const runId = await createRun(baseUrl());
    const first = startCollector(["--run-id", runId, "--interval", "0.5", "--node-id", "node-0"], { MLFLOW_TRACKING_URI: baseUrl() });
    const second = startCollector(["--run-id", runId, "--interval", "0.5"], { MLFLOW_TRACKING_URI: baseUrl(), MLFLOW_SYSTEM_METRICS_NODE_ID: "node-1" });
    await waitFor(
      async () => (await history(baseUrl(), runId, "system/node-1/cpu_utilization_percentage")).length >= 2 &&
        (await history(baseUrl(), runId, "system/node-0/cpu_utilization_percentage")).length >= 2,
      20_000,
      () => "both nodes should have logged two points",
    );
    await setRunStatus(baseUrl(), runId, "FINISHED");
    expect([(await first.exited).code, (await second.exited).code]).toEqual([0, 0]);

    expect(await metricKeys(baseUrl(), runId)).toEqual([
      ...HOST_METRICS.map((name) => `system/node-0/${name}`),
      ...HOST_METRICS.map((name) => `system/node-1/${name}`),
    ]);
    for (const node of ["node-0", "node-1"]) {
      const steps = (await history(baseUrl(), runId, `system/${node}/disk_usage_megabytes`)).map((m) => m.step);
      expect(steps.slice(0, 2), node).toEqual([0, 1]);
    }
    const hostNames = Object.entries(await tags(baseUrl(), runId)).filter(([key]) => key.endsWith(".name") && key.startsWith("metron.host."));
    expect(hostNames.map(([key]) => key).sort()).toEqual(["metron.host.node-0.name", "metron.host.node-1.name"]);
  });
});
