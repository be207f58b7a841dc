import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../../testing/api";
import { T0 } from "../../testing/runs";

const csvUrl = (experimentId: string, query: Record<string, string | string[]> = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
  return `${inject("baseUrl")}/api/ui/experiments/${experimentId}/runs.csv?${params}`;
};

async function seedRun(experimentId: string, name: string, start: number, extra: { lr?: string; loss?: number; note?: string }) {
  const runId = await createRun(experimentId, { run_name: name, start_time: start });
  await post("runs/log-batch", {
    run_id: runId,
    params: extra.lr === undefined ? [] : [{ key: "lr", value: extra.lr }],
    metrics: extra.loss === undefined ? [] : [{ key: "loss", value: extra.loss, timestamp: start, step: 0 }],
    tags: extra.note === undefined ? [] : [{ key: "note", value: extra.note }],
  });
  await post("runs/update", { run_id: runId, status: "FINISHED", end_time: start + 1500 });
  return runId;
}

describe("GET /api/ui/experiments/<id>/runs.csv", () => {
  it("streams every matching run with every key as a column, in the requested order", async () => {
    const experimentId = await createExperiment(uniqueName("csv"));
    const a = await seedRun(experimentId, "alpha", T0, { lr: "0.1", loss: 0.5, note: 'says "hi", twice' });
    const b = await seedRun(experimentId, "beta", T0 + 1000, { lr: "0.2", loss: 0.25 });
    await seedRun(experimentId, "gamma", T0 + 2000, { lr: "0.3" });

    const res = await fetch(csvUrl(experimentId, { filter: "params.lr != '0.3'", order_by: "metrics.loss ASC" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="experiment-${experimentId}-runs.csv"`);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(await res.text()).toBe(
      "run_id,name,status,user,start_time,end_time,duration_s,source,git_commit,parent_run_id,params.lr,metrics.loss,tags.mlflow.runName,tags.note\r\n" +
        `${b},beta,FINISHED,,${iso(T0 + 1000)},${iso(T0 + 2500)},1.5,,,,0.2,0.25,beta,\r\n` +
        `${a},alpha,FINISHED,,${iso(T0)},${iso(T0 + 1500)},1.5,,,,0.1,0.5,alpha,"says ""hi"", twice"\r\n`,
    );
  });

  it("pages through more runs than one search page holds", async () => {
    const experimentId = await createExperiment(uniqueName("csv-many"));
    const runs = Array.from({ length: 7 }, (_, i) => ({ run_name: `r${i}`, start_time: T0 + i }));
    for (const r of runs) await createRun(experimentId, r);

    // Pages of 2: four search pages, each streamed as it arrives.
    const text = await (await fetch(csvUrl(experimentId, { order_by: "attributes.start_time ASC", page_size: "2" }))).text();
    const lines = text.split("\r\n").slice(1, -1);
    expect(lines.map((l) => l.split(",")[1])).toEqual(runs.map((r) => r.run_name));
    const desc = await (await fetch(csvUrl(experimentId, { filter: "attributes.run_name != 'r3'", page_size: "3" }))).text();
    expect(desc.split("\r\n").slice(1, -1).map((l) => l.split(",")[1])).toEqual(["r6", "r5", "r4", "r2", "r1", "r0"]);
  });

  it("answers an invalid filter with MLflow's error body before streaming anything", async () => {
    const experimentId = await createExperiment(uniqueName("csv-bad"));
    const res = await fetch(csvUrl(experimentId, { filter: "metrics.m >> 1" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error_code: "INVALID_PARAMETER_VALUE",
      message: "Invalid filter 'metrics.m >> 1': expected a number or a quoted string after '>', found '>' at position 11",
    });
  });
});
