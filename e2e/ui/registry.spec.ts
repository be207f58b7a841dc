import { expect, test } from "@playwright/test";
import { createExperiment, createRun, uniqueName } from "./seed";

test.use({ timezoneId: "UTC", viewport: { width: 1280, height: 900 } });

test("register a model from a run, then set an alias, move its stage and describe it in place", async ({ page, request }) => {
  const run = await createRun(request, await createExperiment(request), { run_name: "to-register" });
  const name = uniqueName("classifier");

  await page.goto(run.url);
  await page.getByRole("button", { name: "Register model" }).click();
  const dialog = page.getByRole("dialog", { name: "Register model" });
  await dialog.getByLabel("Model name").fill(name);
  await expect(dialog.getByLabel("Artifact path")).toHaveValue("model");
  await page.screenshot({ path: "e2e/output/registry-register-dialog.png" });
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.getByRole("status")).toHaveText(`Registered ${name} version 1 (a new model).`);
  await dialog.getByRole("link", { name: `${name} version 1` }).click();

  await expect(page).toHaveURL(`/models/${name}#v1`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const versions = page.getByRole("table", { name: "Model versions" });
  await expect(versions.getByRole("row")).toHaveCount(2);
  await expect(versions.getByRole("link", { name: run.runId.slice(0, 12) })).toHaveAttribute("href", `/runs/${run.runId}`);
  await expect(versions).toContainText(`${run.artifactUri}/model`);

  // Alias
  await versions.getByLabel("New alias for version 1").fill("champion");
  await versions.getByRole("button", { name: "Set alias on version 1" }).click();
  await expect(versions.getByText("@champion")).toBeVisible();
  // Stage
  await versions.getByLabel("Stage of version 1").selectOption("Staging");
  await expect(versions.getByLabel("Stage of version 1")).toHaveValue("Staging");
  // Descriptions, edited in place
  await page.getByRole("button", { name: "Edit model description" }).click();
  await page.getByRole("textbox", { name: "model description" }).fill("Classifies the things.\nSecond line.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("region", { name: "Description" })).toContainText("Classifies the things.\nSecond line.");
  await versions.getByRole("button", { name: "Edit description of version 1" }).click();
  await versions.getByRole("textbox", { name: "description of version 1" }).fill("first good run");
  await versions.getByRole("button", { name: "Save" }).click();
  await expect(versions).toContainText("first good run");
  // A model tag
  await page.getByLabel("Tag key for the model").fill("team");
  await page.getByLabel("Tag value for the model").fill("vision");
  await page.getByRole("button", { name: "Add tag to the model" }).click();
  await expect(page.getByRole("region", { name: "Model tags" })).toContainText("team: vision");
  await page.screenshot({ path: "e2e/output/registry-model-page.png", fullPage: true });

  // After a reload everything is still there: it went to the server.
  await page.reload();
  await expect(versions.getByLabel("Stage of version 1")).toHaveValue("Staging");
  await expect(versions.getByText("@champion")).toBeVisible();
  await expect(versions).toContainText("first good run");
  // The source run's link finds the run's experiment.
  await versions.getByRole("link", { name: run.runId.slice(0, 12) }).click();
  await expect(page).toHaveURL(run.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("to-register");

  // The list shows the alias, the stage and the tag; the search finds the model by a fragment.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await page.getByRole("searchbox", { name: "Search models" }).fill(name.slice(0, -2).toUpperCase());
  const list = page.getByRole("table", { name: "Registered models" });
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list.getByRole("row").nth(1)).toContainText(`${name}v1 Staging@champion → v1team: vision`);
  await page.screenshot({ path: "e2e/output/registry-models-list.png", fullPage: true });

  // Remove the alias again.
  await list.getByRole("link", { name }).click();
  await versions.getByRole("button", { name: "Remove alias champion" }).click();
  await expect(versions.getByText("@champion")).toHaveCount(0);

  // A second registration of the same name adds version 2.
  await page.goto(run.url);
  await page.getByRole("button", { name: "Register model" }).click();
  await dialog.getByLabel("Model name").fill(name);
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.getByRole("status")).toHaveText(`Registered ${name} version 2.`);
});
