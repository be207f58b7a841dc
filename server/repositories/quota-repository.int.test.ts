import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { insertMetricPoints } from "./metrics-repository";
import { addExperimentArtifactBytes, addRunMetricPoints, countActiveRunsUpTo, countParamsUpTo } from "./quota-repository";

// The counters and bounded counts quota checks read, on a real database.

let handle: DbHandle;
const RUN = "r".repeat(32);

beforeAll(async () => {
  handle = await openTestDatabase("quotas");
  await handle.db.execute(sql`insert into experiments (experiment_id, name, artifact_location, creation_time, last_update_time) values (1, 'q', '', 0, 0)`);
  await handle.db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri) values (${RUN}, 'r', 1, 'RUNNING', 0, '')`);
}, 120_000);
afterAll(async () => handle?.close());

describe("quota counters", () => {
  it("counts a run's history once when it has no counter yet (older than the counter, or imported), then adds", async () => {
    const points = Array.from({ length: 40 }, (_, step) => ({ key: "loss", value: step, isNan: false, timestamp: 0, step }));
    await insertMetricPoints(handle.db, RUN, points);
    expect(await addRunMetricPoints(handle.db, RUN, 3)).toBe(43);
    expect(await addRunMetricPoints(handle.db, RUN, 2)).toBe(45);
    expect(await addRunMetricPoints(handle.db, RUN, 0)).toBe(45);
  });

  it("stops counting at the bound it is given", async () => {
    await handle.db.execute(sql`insert into params (run_uuid, key, value, experiment_id) select ${RUN}, 'p' || i, 'v', 1 from generate_series(1, 30) i`);
    expect([await countParamsUpTo(handle.db, RUN, 10), await countParamsUpTo(handle.db, RUN, 100)]).toEqual([10, 30]);
    expect([await countActiveRunsUpTo(handle.db, 1, 5), await countActiveRunsUpTo(handle.db, 2, 5)]).toEqual([1, 0]);
  });

  it("adds artifact bytes up to the limit exactly and refuses a byte more, changing nothing", async () => {
    expect(await addExperimentArtifactBytes(handle.db, 1, 60, 100)).toBe(60);
    expect(await addExperimentArtifactBytes(handle.db, 1, 40, 100)).toBe(100);
    expect(await addExperimentArtifactBytes(handle.db, 1, 1, 100)).toBeNull();
    expect(await addExperimentArtifactBytes(handle.db, 1, 0, 100)).toBe(100);
    expect(await addExperimentArtifactBytes(handle.db, 1, 5, undefined)).toBe(105);
  });
});
