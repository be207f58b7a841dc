import { expect, test } from "@playwright/test";
import { createExperiment, createRun, getJson } from "./seed";

const NOTE = [
  "# Findings",
  "",
  "The **warm-up** helped.",
  "",
  "<script>window.__pwned = 'script'</script>",
  "",
  '<img src="/nowhere.png" onerror="window.__pwned = \'img\'">',
  "",
  "[run it](javascript:window.__pwned='link')",
  "",
].join("\n");

const tagsOf = async (request: Parameters<typeof getJson>[0], runId: string) =>
  (await getJson(request, `runs/get?run_id=${runId}`)).run.data.tags as { key: string; value: string }[];

test("notes are edited in place, kept across reloads, and render markup from them inertly", async ({ page, request }) => {
  const run = await createRun(request, await createExperiment(request), { run_name: "noted" });
  await page.goto(`${run.url}?tab=notes`);
  await expect(page.getByText("No notes yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add notes" }).click();
  await page.getByLabel("Notes (markdown)").fill(NOTE);
  await page.getByRole("button", { name: "Save notes" }).click();

  const view = page.getByTestId("note-view");
  await expect(view.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  await expect(view.locator("strong")).toHaveText("warm-up");
  expect(await tagsOf(request, run.runId)).toContainEqual({ key: "mlflow.note.content", value: NOTE });

  await page.reload();
  await expect(view.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  // Raw HTML is dropped: no script or img element exists, and the javascript: link lost its target.
  await expect(view.locator("script, img, iframe")).toHaveCount(0);
  const link = view.getByText("run it");
  expect(await link.getAttribute("href")).not.toMatch(/javascript/i);
  await link.click();
  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
  await page.screenshot({ path: "e2e/output/run-notes.png", fullPage: true });

  // Editing starts from the stored text; Cancel keeps it.
  await page.getByRole("button", { name: "Edit notes" }).click();
  await expect(page.getByLabel("Notes (markdown)")).toHaveValue(NOTE);
  await page.getByLabel("Notes (markdown)").fill("changed");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(view.getByRole("heading", { name: "Findings" })).toBeVisible();
});

test("tags are added, edited and deleted; MLflow's own tags are shown apart and read-only", async ({ page, request }) => {
  const run = await createRun(request, await createExperiment(request), {
    run_name: "tagged",
    tags: [{ key: "mlflow.source.name", value: "train.py" }],
  });
  await page.goto(`${run.url}?tab=tags`);
  await expect(page.getByText("No tags yet.")).toBeVisible();
  const system = page.getByRole("table", { name: "System tags" });
  await expect(system.getByRole("row").filter({ hasText: "mlflow.source.name" }).getByRole("cell")).toHaveText(["mlflow.source.name", "train.py"]);
  await expect(system.getByRole("button")).toHaveCount(0);

  await page.getByLabel("Tag key").fill("team");
  await page.getByLabel("Tag value").fill("vision");
  await page.getByRole("button", { name: "Add tag" }).click();
  const tags = page.getByRole("table", { name: "Tags" });
  await expect(tags.getByTestId("tag-row").getByRole("cell").nth(1)).toHaveText("vision");
  await expect(page.getByRole("tab", { name: "Tags (1)" })).toBeVisible();
  expect(await tagsOf(request, run.runId)).toContainEqual({ key: "team", value: "vision" });

  // Reserved keys are refused before they reach the server.
  await page.getByLabel("Tag key").fill("mlflow.user");
  await expect(page.getByText("Keys starting with “mlflow.” are reserved for MLflow.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add tag" })).toBeDisabled();
  await page.getByLabel("Tag key").fill("");

  await tags.getByRole("button", { name: "Edit team" }).click();
  await tags.getByLabel("New value for team").fill("speech");
  await tags.getByRole("button", { name: "Save" }).click();
  await expect(tags.getByTestId("tag-row").getByRole("cell").nth(1)).toHaveText("speech");
  expect(await tagsOf(request, run.runId)).toContainEqual({ key: "team", value: "speech" });
  await page.screenshot({ path: "e2e/output/run-tags.png", fullPage: true });

  await tags.getByRole("button", { name: "Delete team" }).click();
  await expect(page.getByText("No tags yet.")).toBeVisible();
  expect((await tagsOf(request, run.runId)).map((t) => t.key)).not.toContain("team");
});
