import { describe, expect, it } from "vitest";
import { createExperiment, errorOf, get, post, uniqueName } from "../../testing/api";

const tagsOf = async (id: string) => (await get("experiments/get", { experiment_id: id })).body.experiment.tags;

describe("experiments/set-experiment-tag and delete-experiment-tag", () => {
  it("upserts a tag", async () => {
    const id = await createExperiment();
    const first = await post("experiments/set-experiment-tag", { experiment_id: Number(id), key: "stage", value: "draft" });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    expect(await tagsOf(id)).toEqual([{ key: "stage", value: "draft" }]);

    await post("experiments/set-experiment-tag", { experiment_id: id, key: "stage", value: "final" });
    await post("experiments/set-experiment-tag", { experiment_id: id, key: "note", value: "x".repeat(5000) });
    expect(await tagsOf(id)).toEqual([
      { key: "note", value: "x".repeat(5000) },
      { key: "stage", value: "final" },
    ]);
  });

  it("rejects values over 5000 characters and invalid keys", async () => {
    const id = await createExperiment();
    expect(errorOf(await post("experiments/set-experiment-tag", { experiment_id: id, key: "long", value: "x".repeat(5001) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Experiment tag value for key 'long' exceeds the maximum length of 5000 characters.",
    });
    expect(errorOf(await post("experiments/set-experiment-tag", { experiment_id: id, key: "bad!key", value: "v" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        "Invalid tag name: 'bad!key'. Names may only contain alphanumerics, underscores (_), dashes (-), " +
        "periods (.), spaces ( ), colon(:) and slashes (/).",
    });
    expect(await tagsOf(id)).toBeUndefined();
  });

  it("rejects tagging or untagging a deleted experiment, and an unknown one", async () => {
    const id = await createExperiment();
    await post("experiments/delete", { experiment_id: id });
    expect(errorOf(await post("experiments/set-experiment-tag", { experiment_id: id, key: "k", value: "v" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
    });
    expect(errorOf(await post("experiments/delete-experiment-tag", { experiment_id: id, key: "k" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
    });
    expect(errorOf(await post("experiments/set-experiment-tag", { experiment_id: "987654321", key: "k", value: "v" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=987654321 exists",
    });
  });

  it("deletes a tag; a missing tag is RESOURCE_DOES_NOT_EXIST", async () => {
    const id = await createExperiment(uniqueName("untag"), { tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }] });
    const res = await post("experiments/delete-experiment-tag", { experiment_id: Number(id), key: "a" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await tagsOf(id)).toEqual([{ key: "b", value: "2" }]);

    expect(errorOf(await post("experiments/delete-experiment-tag", { experiment_id: id, key: "a" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No tag with name: a in experiment with id ${id}`,
    });
  });
});
