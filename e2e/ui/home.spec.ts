import { expect, test, type APIRequestContext } from "@playwright/test";

const api = (path: string) => `/api/2.0/mlflow/${path}`;

async function postJson(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(api(path), { data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test("home page lists experiments with their runs, read through tRPC", async ({ page, request }) => {
  const name = `e2e-${Date.now()}`;
  const { experiment_id: experimentId } = await postJson(request, "experiments/create", { name });
  const { run } = await postJson(request, "runs/create", { experiment_id: experimentId, run_name: "baseline-run" });
  await postJson(request, "runs/log-batch", {
    run_id: run.info.run_id,
    metrics: [
      { key: "loss", value: 0.25, timestamp: Date.now(), step: 3 },
      { key: "accuracy", value: 0.875, timestamp: Date.now(), step: 3 },
    ],
  });
  await postJson(request, "runs/update", { run_id: run.info.run_id, status: "FINISHED", end_time: Date.now() });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Metron" })).toBeVisible();

  const experiment = page.getByTestId("experiment").filter({ has: page.getByRole("heading", { name: new RegExp(name) }) });
  await expect(experiment).toHaveCount(1);
  await expect(experiment.getByRole("heading")).toHaveText(`${name} #${experimentId}`);
  const row = experiment.getByTestId("run");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(0)).toHaveText("baseline-run");
  await expect(row.getByRole("cell").nth(1)).toHaveText("FINISHED");
  await expect(row.getByRole("cell").nth(3)).toHaveText("accuracy=0.8750  loss=0.2500");

  // The default experiment is always there, and shows that it has no runs.
  const defaultExperiment = page.getByTestId("experiment").filter({ has: page.getByRole("heading", { name: "Default #0" }) });
  await expect(defaultExperiment.getByText("No runs yet.")).toBeVisible();

  await page.screenshot({ path: "e2e/output/home.png", fullPage: true });
});
