import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { apiRoot } from "../testing/api";
import { seedDashboard, SEED_DAY, type DashboardSeed } from "../testing/dashboard-seed";
import { trpcQuery } from "../testing/trpc";

const dashboard = async (input: Record<string, unknown>) => {
  const res = await trpcQuery("dashboard.get", input);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.result.data;
};

describe("tRPC dashboard.get (SQL aggregates)", () => {
  let seed: DashboardSeed;
  beforeAll(async () => {
    seed = await seedDashboard(apiRoot(), randomUUID().slice(0, 8));
  });

  it("counts an experiment's runs per day, user and status, GPU-hours per user and the metric per day", async () => {
    const { alice, bob, carol } = seed.users;
    const body = await dashboard({ experimentId: seed.experimentId, days: 0 });
    expect(body.experiment).toEqual({ experimentId: seed.experimentId, name: seed.experimentName });
    expect(body.totalRuns).toBe(5);
    expect(body.runsPerDay).toEqual([
      { day: SEED_DAY, runs: 3 },
      { day: SEED_DAY + 1, runs: 1 },
      { day: SEED_DAY + 2, runs: 1 },
    ]);
    expect(body.runsPerUser).toEqual([
      { user: alice, runs: 3 },
      { user: bob, runs: 1 },
      { user: carol, runs: 1 },
    ]);
    expect(body.statusMix).toEqual([
      { status: "FINISHED", runs: 3 },
      { status: "FAILED", runs: 1 },
      { status: "RUNNING", runs: 1 },
    ]);
    expect(body.runsPerExperiment).toEqual([{ experimentId: seed.experimentId, name: seed.experimentName, runs: 5 }]);
    expect(body.gpuHoursPerUser).toEqual([
      { user: alice, gpuHours: 4, runs: 1, gpus: 2 },
      { user: bob, gpuHours: 0.5, runs: 1, gpus: 1 },
    ]);
    expect(body.metricKeys).toEqual(["loss"]);
    expect(body.metric).toEqual({
      key: "loss",
      goal: "min",
      perDay: [
        { day: SEED_DAY, runs: 3, best: 0.3, last: 0.4 },
        { day: SEED_DAY + 1, runs: 1, best: 0.2, last: 0.2 },
      ],
    });
  });

  it("narrows every panel to one slice (user, status, day) and takes the metric's goal from the input", async () => {
    const { alice } = seed.users;
    const byUser = await dashboard({ experimentId: seed.experimentId, days: 0, user: alice, metricGoal: "max" });
    expect(byUser.totalRuns).toBe(3);
    expect(byUser.statusMix).toEqual([
      { status: "FINISHED", runs: 2 },
      { status: "FAILED", runs: 1 },
    ]);
    expect(byUser.metric.perDay).toEqual([{ day: SEED_DAY, runs: 3, best: 0.5, last: 0.4 }]);

    const failedOnDay0 = await dashboard({ experimentId: seed.experimentId, days: 0, status: "FAILED", day: SEED_DAY });
    expect(failedOnDay0.runsPerUser).toEqual([{ user: alice, runs: 1 }]);
    expect(failedOnDay0.gpuHoursPerUser).toEqual([]);
  });

  it("answers for the whole server, where a slice shows which experiments hold its runs", async () => {
    const body = await dashboard({ days: 0, user: seed.users.bob });
    expect(body.experiment).toBeUndefined();
    expect(body.totalRuns).toBe(1);
    expect(body.runsPerExperiment).toEqual([{ experimentId: seed.experimentId, name: seed.experimentName, runs: 1 }]);
    expect(body.gpuHoursPerUser).toEqual([{ user: seed.users.bob, gpuHours: 0.5, runs: 1, gpus: 1 }]);
  });

  it("counts only runs started within the last `days` days (the seeded week is years ago)", async () => {
    const body = await dashboard({ experimentId: seed.experimentId, days: 30 });
    expect(body.totalRuns).toBe(0);
    expect(body.runsPerDay).toEqual([]);
    expect(body.fromDay).toBe(Math.floor(Date.now() / 86_400_000) - 29);
  });

  it("maps an unknown experiment to NOT_FOUND and a bad status to BAD_REQUEST", async () => {
    const missing = await trpcQuery("dashboard.get", { experimentId: "987654321", days: 0 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("No Experiment with id=987654321 exists");
    const bad = await trpcQuery("dashboard.get", { days: 0, status: "DONE" });
    expect(bad.status).toBe(400);
  });
});
