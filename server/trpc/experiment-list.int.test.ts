import { describe, expect, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";
import { trpcMutation, trpcQuery } from "../testing/trpc";

describe("tRPC experimentList.runCounts", () => {
  it("counts active and deleted runs and the newest start time per experiment, in request order", async () => {
    const busy = await createExperiment(uniqueName("counted"));
    const empty = await createExperiment(uniqueName("empty"));
    await createRun(busy, { start_time: T0 });
    await createRun(busy, { start_time: T0 + 5_000 });
    const deleted = await createRun(busy, { start_time: T0 + 9_000 });
    expect((await post("runs/delete", { run_id: deleted })).status).toBe(200);

    const res = await trpcQuery("experimentList.runCounts", { experimentIds: [empty, busy, "987654321"] });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toEqual({
      counts: [
        { experimentId: empty, activeRuns: 0, deletedRuns: 0 },
        { experimentId: busy, activeRuns: 2, deletedRuns: 1, lastRunStartTime: T0 + 9_000 },
        { experimentId: "987654321", activeRuns: 0, deletedRuns: 0 },
      ],
    });
  });

  it("follows a deleted experiment's runs into the deleted count and back on restore", async () => {
    const id = await createExperiment(uniqueName("cascade"));
    await createRun(id, { start_time: T0 });
    await createRun(id, { start_time: T0 + 1 });

    expect((await trpcMutation("experimentList.delete", { experimentId: id })).status).toBe(200);
    const afterDelete = await trpcQuery("experimentList.runCounts", { experimentIds: [id] });
    expect(afterDelete.body.result.data.counts).toEqual([{ experimentId: id, activeRuns: 0, deletedRuns: 2, lastRunStartTime: T0 + 1 }]);

    expect((await trpcMutation("experimentList.restore", { experimentId: id })).status).toBe(200);
    const afterRestore = await trpcQuery("experimentList.runCounts", { experimentIds: [id] });
    expect(afterRestore.body.result.data.counts).toEqual([{ experimentId: id, activeRuns: 2, deletedRuns: 0, lastRunStartTime: T0 + 1 }]);
  });

  it("refuses more than a page of ids", async () => {
    const res = await trpcQuery("experimentList.runCounts", { experimentIds: Array.from({ length: 1001 }, (_, i) => String(i)) });
    expect(res.status).toBe(400);
  });
});

describe("tRPC experimentList mutations", () => {
  it("creates, renames and finds an experiment by name through the search grammar", async () => {
    const name = uniqueName("ui-made");
    const created = await trpcMutation("experimentList.create", { name });
    expect(created.status).toBe(200);
    const { experimentId } = created.body.result.data;

    const renamed = `${name}-renamed`;
    expect((await trpcMutation("experimentList.rename", { experimentId, newName: renamed })).body.result.data).toEqual({});
    const found = await trpcQuery("experimentList.search", { filter: `name ILIKE '%${renamed.slice(8)}%'` });
    expect(found.body.result.data.experiments.map((e: { name: string }) => e.name)).toEqual([renamed]);
  });

  it("reports a taken name with MLflow's message", async () => {
    const name = uniqueName("taken");
    await createExperiment(name);
    const res = await trpcMutation("experimentList.create", { name });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`Experiment(name=${name}) already exists.`);
  });
});

describe("tRPC experimentList tags and description", () => {
  it("sets, overwrites and deletes tags and the mlflow.note.content description, as REST reads them back", async () => {
    const experimentId = await createExperiment(uniqueName("described"));
    const description = "# Sweep\n\nLearning rates **0.1** to 0.001.";
    for (const [key, value] of [["mlflow.note.content", description], ["team", "vision"], ["team", "nlp"], ["stage", "pilot"]]) {
      expect(await trpcMutation("experimentList.setTag", { experimentId, key, value })).toEqual({ status: 200, body: { result: { data: {} } } });
    }
    expect(await trpcMutation("experimentList.deleteTag", { experimentId, key: "stage" })).toEqual({ status: 200, body: { result: { data: {} } } });

    const res = await get("experiments/get", { experiment_id: experimentId });
    const tags = Object.fromEntries(res.body.experiment.tags.map((t: { key: string; value: string }) => [t.key, t.value]));
    expect(tags).toEqual({ "mlflow.note.content": description, team: "nlp" });
    const page = await trpcQuery("runsTable.experiment", { experimentId });
    expect(page.body.result.data.experiment.tags).toEqual(
      expect.arrayContaining([{ key: "mlflow.note.content", value: description }, { key: "team", value: "nlp" }]),
    );
  });

  it("answers MLflow's errors: an unknown tag, an unknown or deleted experiment", async () => {
    const experimentId = await createExperiment(uniqueName("tag-errors"));
    const missingTag = await trpcMutation("experimentList.deleteTag", { experimentId, key: "nope" });
    expect([missingTag.status, missingTag.body.error.message]).toEqual([404, `No tag with name: nope in experiment with id ${experimentId}`]);
    const missingExperiment = await trpcMutation("experimentList.setTag", { experimentId: "987654321", key: "k", value: "v" });
    expect(missingExperiment.status).toBe(404);
    expect((await post("experiments/delete", { experiment_id: experimentId })).status).toBe(200);
    const deleted = await trpcMutation("experimentList.setTag", { experimentId, key: "k", value: "v" });
    expect([deleted.status, deleted.body.error.message]).toEqual([400, `The experiment ${experimentId} must be in the 'active' state. Current state is deleted.`]);
  });
});
