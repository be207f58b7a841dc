// A small team's week, with known answers, for the dashboard's integration and browser tests. It
// goes in through the public REST API (plain fetch, so vitest and Playwright can both use it).

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** 2023-11-15 (UTC), the first seeded day. */
export const SEED_DAY = 19_676;

export interface DashboardSeed {
  experimentId: string;
  experimentName: string;
  users: { alice: string; bob: string; carol: string };
}

async function call(apiRoot: string, path: string, body: unknown) {
  const res = await fetch(`${apiRoot}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} failed (${res.status}): ${text}`);
  return JSON.parse(text);
}

/**
 * Day 0: alice starts three runs (FINISHED, FINISHED, FAILED; loss 0.5, 0.3, 0.4), the first on two
 * GPUs sampled for 2 h (4 GPU-hours). Day 1: bob, one FINISHED run, loss 0.2, one GPU on node-a for
 * 30 min (0.5 GPU-hours). Day 2: carol, one RUNNING run without loss. User names are unique per call.
 */
export async function seedDashboard(apiRoot: string, tag: string): Promise<DashboardSeed> {
  const experimentName = `dashboard-${tag}`;
  const { experiment_id: experimentId } = await call(apiRoot, "experiments/create", { name: experimentName });
  const users = { alice: `alice-${tag}`, bob: `bob-${tag}`, carol: `carol-${tag}` };
  const day = (d: number, hour: number) => (SEED_DAY + d) * DAY_MS + hour * HOUR_MS;
  const runs: { user: string; start: number; status: string; loss?: number; gpus?: { key: string; hours: number }[] }[] = [
    {
      user: users.alice, start: day(0, 9), status: "FINISHED", loss: 0.5,
      gpus: [{ key: "system/gpu_0_utilization_percentage", hours: 2 }, { key: "system/gpu_1_utilization_percentage", hours: 2 }],
    },
    { user: users.alice, start: day(0, 12), status: "FINISHED", loss: 0.3 },
    { user: users.alice, start: day(0, 15), status: "FAILED", loss: 0.4 },
    { user: users.bob, start: day(1, 10), status: "FINISHED", loss: 0.2, gpus: [{ key: "system/node-a/gpu_0_utilization_percentage", hours: 0.5 }] },
    { user: users.carol, start: day(2, 8), status: "RUNNING" },
  ];
  for (const [i, spec] of runs.entries()) {
    const { run } = await call(apiRoot, "runs/create", { experiment_id: experimentId, user_id: spec.user, start_time: spec.start, run_name: `run-${i}` });
    const runId = run.info.run_id;
    const metrics: { key: string; value: number; timestamp: number; step: number }[] = [];
    if (spec.loss !== undefined) metrics.push({ key: "loss", value: spec.loss, timestamp: spec.start + 60_000, step: 1 });
    // CPU is a system metric too, but no GPU: it must not count towards GPU-hours.
    metrics.push({ key: "system/cpu_utilization_percentage", value: 50, timestamp: spec.start, step: 0 });
    for (const gpu of spec.gpus ?? []) {
      for (let step = 0; step <= 4; step++) metrics.push({ key: gpu.key, value: 90, timestamp: spec.start + (gpu.hours * HOUR_MS * step) / 4, step });
    }
    await call(apiRoot, "runs/log-batch", { run_id: runId, metrics });
    if (spec.status !== "RUNNING") await call(apiRoot, "runs/update", { run_id: runId, status: spec.status, end_time: spec.start + 3 * HOUR_MS });
  }
  return { experimentId, experimentName, users };
}
