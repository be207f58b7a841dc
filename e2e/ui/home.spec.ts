import { expect, test, type Page } from "@playwright/test";
import { createExperiment, createRun, getJson, postJson, uniqueName } from "./seed";

const rowOf = (page: Page, experimentId: string) => page.locator(`[data-testid="experiment"][data-experiment-id="${experimentId}"]`);

test("lists experiments with their run counts, linking each to its page", async ({ page, request }) => {
  const name = uniqueName("listed");
  const experimentId = await createExperiment(request, name);
  await createRun(request, experimentId, { run_name: "kept" });
  const gone = await createRun(request, experimentId, { run_name: "gone" });
  await postJson(request, "runs/delete", { run_id: gone.runId });

  await page.goto("/");
  await expect(page.getByRole("link", { name: "Metron: all experiments" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Experiments" })).toBeVisible();
  const row = rowOf(page, experimentId);
  await expect(row.getByRole("link", { name })).toHaveAttribute("href", `/experiments/${experimentId}`);
  await expect(row.getByTestId("run-count")).toHaveText("1 (+1 deleted)");
  // The default experiment is always there and cannot be deleted.
  await expect(rowOf(page, "0").getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await page.screenshot({ path: "e2e/output/home.png", fullPage: true });
});

test("creates, renames, searches, deletes and restores an experiment", async ({ page, request }) => {
  const name = uniqueName("made-in-ui");
  await page.goto("/");
  await page.getByRole("button", { name: "New experiment" }).click();
  await page.getByLabel("New experiment name").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created experiment “${name}”.` })).toBeVisible();
  const id: string = (await getJson(request, `experiments/get-by-name?experiment_name=${name}`)).experiment.experiment_id;
  const row = rowOf(page, id);
  await expect(row.getByRole("link", { name })).toBeVisible();

  // A taken name is refused with the server's message, in place.
  await page.getByRole("button", { name: "New experiment" }).click();
  await page.getByLabel("New experiment name").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(`Experiment(name=${name}) already exists.`);
  await page.getByRole("button", { name: "Cancel" }).click();

  const renamed = `${name}-renamed`;
  await row.getByRole("button", { name: `Rename ${name}` }).click();
  await row.getByLabel(`New name for ${name}`).fill(renamed);
  await row.getByLabel(`New name for ${name}`).press("Enter");
  await expect(row.getByRole("link", { name: renamed })).toBeVisible();
  expect((await getJson(request, `experiments/get?experiment_id=${id}`)).experiment.name).toBe(renamed);

  // Plain text searches names; the search lives in the URL.
  await page.getByLabel("Search experiments").fill(renamed);
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(renamed)}`));
  await expect(page.getByTestId("experiment")).toHaveCount(1);
  await expect(row).toBeVisible();
  // The search grammar is accepted as typed.
  await page.getByLabel("Search experiments").fill(`name = '${renamed}'`);
  await expect(page.getByTestId("experiment")).toHaveCount(1);
  await page.getByLabel("Search experiments").fill("name >> 'x'");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid filter");
  await page.getByLabel("Search experiments").fill(renamed);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(page.getByText("No experiment matches")).toBeVisible();
  expect((await getJson(request, `experiments/get?experiment_id=${id}`)).experiment.lifecycle_stage).toBe("deleted");

  await page.getByLabel("Show deleted").check();
  await expect(page).toHaveURL(/deleted=1/);
  await expect(row.getByText("deleted", { exact: true })).toBeVisible();
  await page.screenshot({ path: "e2e/output/home-deleted.png", fullPage: true });
  await row.getByRole("button", { name: `Restore ${renamed}` }).click();
  await expect(row.getByRole("link", { name: renamed })).toBeVisible();
  expect((await getJson(request, `experiments/get?experiment_id=${id}`)).experiment.lifecycle_stage).toBe("active");

  // A reload keeps the search and the toggle: both are in the URL.
  await page.reload();
  await expect(page.getByLabel("Search experiments")).toHaveValue(renamed);
  await expect(page.getByLabel("Show deleted")).toBeChecked();
});

test("says what to do next: an empty search offers to clear it; the help shows this server's URL", async ({ page, baseURL }) => {
  await page.goto(`/?q=${uniqueName("nothing-like-this")}`);
  await expect(page.getByText(/No experiment matches/)).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page.getByLabel("Search experiments")).toHaveValue("");
  await expect(rowOf(page, "0")).toBeVisible();

  await page.getByRole("button", { name: "How to log runs" }).click();
  await expect(page.getByTestId("tracking-uri-snippet")).toHaveText(`export MLFLOW_TRACKING_URI=${baseURL}`);
  await page.screenshot({ path: "e2e/output/home-help.png", fullPage: true });
});
