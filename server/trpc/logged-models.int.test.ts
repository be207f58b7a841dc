import { describe, expect, inject, it } from "vitest";
import { createExperiment, post } from "../testing/api";

async function trpcQuery(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  return { status: res.status, body: await res.json() };
}

describe("tRPC loggedModels", () => {
  it("searches and gets models through the same verbs as REST (domain shape, camelCase)", async () => {
    const experimentId = await createExperiment();
    const created = await post("logged-models", { experiment_id: experimentId, name: "ckpt", tags: [{ key: "k", value: "v" }] });
    const modelId = created.body.model.info.model_id;

    const searched = await trpcQuery("loggedModels.search", { experimentIds: [experimentId], orderBy: [{ fieldName: "name" }] });
    expect(searched.status).toBe(200);
    expect(searched.body.result.data.models.map((m: { info: { modelId: string; name: string; tags: unknown } }) => [m.info.modelId, m.info.name, m.info.tags])).toEqual([
      [modelId, "ckpt", [{ key: "k", value: "v" }]],
    ]);
    const got = await trpcQuery("loggedModels.get", { modelId });
    expect(got.body.result.data.model.info).toEqual(searched.body.result.data.models[0].info);
  });

  it("maps a missing model to NOT_FOUND with MLflow's message", async () => {
    const res = await trpcQuery("loggedModels.get", { modelId: "m-44444444444444444444444444444444" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Logged model with ID 'm-44444444444444444444444444444444' not found.");
  });
});
