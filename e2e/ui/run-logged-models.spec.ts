import { expect, test } from "@playwright/test";
import { createExperiment, createRun, postJson, uploadArtifact } from "./seed";

test.use({ timezoneId: "UTC" });

// The body MLflow 2.14's Python log_model sends to runs/log-model (Model.to_json() as a string).
const modelJson = (runId: string, artifactPath: string, created: string, flavors: Record<string, unknown>) =>
  JSON.stringify({ run_id: runId, artifact_path: artifactPath, utc_time_created: created, flavors, model_uuid: "756af2a91d664358977c0169060a25db", mlflow_version: "2.14.3.dev0" });

test("models recorded through runs/log-model are listed on the run's overview, each linking to its artifacts", async ({ page, request }) => {
  const run = await createRun(request, await createExperiment(request), { run_name: "with-models" });
  await uploadArtifact(request, run, "model/MLmodel", "artifact_path: model\nflavors:\n  sklearn: {}\n");
  await uploadArtifact(request, run, "checkpoints/best/MLmodel", "artifact_path: checkpoints/best\n");
  await postJson(request, "runs/log-model", {
    run_id: run.runId,
    model_json: modelJson(run.runId, "model", "2026-12-07 00:17:15.791767", {
      python_function: { loader_module: "mlflow.sklearn", env: { conda: "conda.yaml" } },
      sklearn: { pickled_model: "model.pkl", sklearn_version: "1.2.1" },
    }),
  });
  await postJson(request, "runs/log-model", {
    run_id: run.runId,
    model_json: modelJson(run.runId, "checkpoints/best", "2026-12-07 00:18:02.000001", { pytorch: { model_data: "data" } }),
  });

  await page.goto(run.url);
  const models = page.getByRole("region", { name: "Logged models" });
  await expect(models.getByRole("listitem")).toHaveText([
    "model (python_function, sklearn) 2026-12-07 00:17:15.791767",
    "checkpoints/best (pytorch) 2026-12-07 00:18:02.000001",
  ]);
  await models.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/output/run-logged-models.png", fullPage: true });

  await models.getByRole("link", { name: "checkpoints/best" }).click();
  await expect(page).toHaveURL(`${run.url}?tab=artifacts&artifact=checkpoints%2Fbest`);
  await expect(page.getByRole("tab", { name: /^Artifacts/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("list", { name: "Artifacts" }).getByRole("button", { name: /^MLmodel/ })).toBeVisible();
  await page.screenshot({ path: "e2e/output/run-logged-model-artifacts.png", fullPage: true });
});
