import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { bodyRows, createExperiment, createRun, grid, headerLabels, mlflow, openTable, runNames, T0 } from "./runs-table-helpers";

const shot = (name: string) => ({ path: `e2e/output/runs-table-${name}.png`, fullPage: true });

test.describe("experiment page: runs table", () => {
  test("lists runs, sorts on the server, filters with inline errors", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "table");
    await createRun(request, experimentId, { name: "alpha", start: T0, params: { lr: "0.1" }, metrics: { loss: 0.5 } });
    await createRun(request, experimentId, { name: "beta", start: T0 + 1000, status: "FAILED", params: { lr: "0.01" }, metrics: { loss: 0.2 } });
    await createRun(request, experimentId, { name: "gamma", start: T0 + 2000, params: { lr: "0.2" }, metrics: { loss: 0.9 } });

    await openTable(page, `/experiments/${experimentId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["gamma", "beta", "alpha"]);
    expect(await headerLabels(page)).toEqual(["a.name", "a.status", "a.start", "a.duration", "a.user", "a.source", "m.loss", "p.lr"]);
    const beta = bodyRows(page).filter({ hasText: "beta" });
    await expect(beta.getByRole("cell").nth(2)).toHaveText("FAILED");
    await expect(beta.getByRole("cell").nth(4)).toHaveText("1m 30s");
    await expect(beta.getByRole("cell").nth(7)).toHaveText("0.2");
    await expect(beta.getByRole("link", { name: "beta" })).toHaveAttribute("href", /\/experiments\/\d+\/runs\/[0-9a-f]{32}$/);
    await page.screenshot(shot("list"));

    // Duration sorts on the server too (order_by attributes.duration); equal durations fall back to newest first.
    await page.getByRole("button", { name: "Sort by Duration" }).click();
    await expect(page.getByRole("columnheader", { name: /Duration/ })).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(() => runNames(page)).toEqual(["gamma", "beta", "alpha"]);
    await page.getByRole("button", { name: "Sort by loss" }).click();
    await expect.poll(() => runNames(page)).toEqual(["beta", "alpha", "gamma"]);
    await expect(page.getByRole("columnheader", { name: /loss/ })).toHaveAttribute("aria-sort", "ascending");
    await page.getByRole("button", { name: "Sort by loss" }).click();
    await expect.poll(() => runNames(page)).toEqual(["gamma", "alpha", "beta"]);
    await page.screenshot(shot("sorted"));

    const filter = page.getByRole("combobox", { name: "Filter runs" });
    await filter.fill("metrics.loss < 0.6 OR params.lr = '0.2'");
    await filter.press("Enter");
    await expect.poll(() => runNames(page)).toEqual(["gamma", "alpha", "beta"]);
    await filter.fill("metrics.loss < 0.6 AND (params.lr = '0.1' OR attributes.status = 'FAILED')");
    await filter.press("Enter");
    await expect.poll(() => runNames(page)).toEqual(["alpha", "beta"]);
    expect(new URL(page.url()).searchParams.get("f")).toBe("metrics.loss < 0.6 AND (params.lr = '0.1' OR attributes.status = 'FAILED')");
    await page.screenshot(shot("filtered"));

    await filter.fill("metrics.loss >> 1");
    await filter.press("Enter");
    await expect(page.getByTestId("filter-error")).toHaveText(
      "Invalid filter 'metrics.loss >> 1': expected a number or a quoted string after '>', found '>' at position 14",
    );
    await expect(filter).toHaveAttribute("aria-invalid", "true");
    await page.screenshot(shot("filter-error"));

    // Status facet: only the FAILED run.
    await filter.fill("");
    await filter.press("Enter");
    await page.getByRole("button", { name: "failed", exact: true }).click();
    await expect.poll(() => runNames(page)).toEqual(["beta"]);
  });

  test("filter box suggests keys and known values", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "suggest");
    await createRun(request, experimentId, { name: "a", start: T0, params: { optimizer: "adam" }, metrics: { val_loss: 1 } });
    await createRun(request, experimentId, { name: "b", start: T0 + 1, params: { optimizer: "sgd" } });
    await openTable(page, `/experiments/${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["b", "a"]);
    const filter = page.getByRole("combobox", { name: "Filter runs" });
    await filter.click();
    await filter.pressSequentially("params.opt");
    await expect(page.getByRole("listbox", { name: "Suggestions" }).getByRole("option")).toHaveText(["optimizerparams"]);
    await filter.press("Tab");
    await expect(filter).toHaveValue("params.optimizer ");
    await filter.pressSequentially("= 's");
    await expect(page.getByRole("listbox", { name: "Suggestions" }).getByRole("option")).toHaveText(["sgd"]);
    await filter.press("ArrowDown");
    await filter.press("Enter");
    await expect(filter).toHaveValue("params.optimizer = 'sgd'");
    await page.screenshot(shot("suggestions"));
    await filter.press("Enter");
    await expect.poll(() => runNames(page)).toEqual(["b"]);
  });

  test("column chooser searches thousands of keys; columns hide, pin and resize", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "columns");
    const runId = await createRun(request, experimentId, { name: "wide", start: T0, tags: { team: "vision" } });
    for (let batch = 0; batch < 3; batch++) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: `m${String(batch * 1000 + i).padStart(4, "0")}`, value: i, timestamp: T0, step: 0 }));
      await mlflow(request, "runs/log-batch", { run_id: runId, metrics });
    }
    await openTable(page, `/experiments/${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["wide"]);
    await page.getByRole("button", { name: /^Columns/ }).click();
    const list = page.getByTestId("column-chooser-list");
    await expect(list).toContainText("Metrics (3000)");
    // Virtualized: a screenful of the 3,000 + attribute + tag entries is in the DOM.
    expect(await list.getByRole("checkbox").count()).toBeLessThan(40);
    await page.getByRole("searchbox", { name: "Search columns" }).fill("m2345");
    await list.getByRole("checkbox").first().check();
    await page.getByRole("searchbox", { name: "Search columns" }).fill("team");
    await list.getByRole("checkbox").first().check();
    await page.keyboard.press("Escape");
    await expect.poll(() => headerLabels(page)).toEqual([
      "a.name", "a.status", "a.start", "a.duration", "a.user", "a.source", "m.m0000", "m.m0001", "m.m0002", "m.m0003", "m.m0004", "m.m2345", "t.team",
    ]);
    await expect(bodyRows(page).getByRole("cell").last()).toHaveText("vision");
    await page.screenshot(shot("columns"));

    await page.getByRole("button", { name: "Column options for m0001" }).click();
    await page.getByRole("menuitem", { name: "Hide column" }).click();
    await page.getByRole("button", { name: "Column options for m2345" }).click();
    await page.getByRole("menuitemradio", { name: /Maximum/ }).click();
    await page.getByRole("button", { name: "Column options for team" }).click();
    await page.getByRole("menuitem", { name: "Pin column" }).click();
    // The run name is pinned by default; team joins it. The name column starts as wide as its content.
    const nameHeader = page.getByRole("columnheader", { name: /Run/ }).first();
    const autoWidth = Math.round((await nameHeader.boundingBox())!.width);
    const resize = page.getByRole("separator", { name: "Resize Run" });
    await resize.focus();
    await resize.press("ArrowRight");
    await expect.poll(() => headerLabels(page)).toEqual([
      "a.name", "t.team", "a.status", "a.start", "a.duration", "a.user", "a.source", "m.m0000", "m.m0002", "m.m0003", "m.m0004", "m.m2345@max",
    ]);
    await expect(nameHeader).toHaveCSS("width", `${autoWidth + 20}px`);
    await expect(bodyRows(page).getByRole("cell").last()).toHaveText("345");
    const url = new URL(page.url());
    expect(url.searchParams.getAll("pin")).toEqual(["a.name", "t.team"]);
    expect(url.searchParams.getAll("w")).toEqual([`${autoWidth + 20}~a.name`]);

    // Unpinned, the name stays unpinned across a reload (an empty pin= in the URL).
    await page.getByRole("button", { name: "Column options for Run" }).click();
    await page.getByRole("menuitem", { name: "Unpin column" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll("pin")).toEqual(["t.team"]);
    await page.getByRole("button", { name: "Column options for team" }).click();
    await page.getByRole("menuitem", { name: "Unpin column" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll("pin")).toEqual([""]);
    await page.reload();
    await expect(grid(page)).toHaveAttribute("data-ready", "true");
    await expect(nameHeader).not.toHaveCSS("position", "sticky");
  });

  test("child runs nest under expandable parents", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "nested");
    const parent = await createRun(request, experimentId, { name: "sweep", start: T0 });
    await createRun(request, experimentId, { name: "solo", start: T0 + 10 });
    await createRun(request, experimentId, { name: "trial-1", start: T0 + 1, tags: { "mlflow.parentRunId": parent } });
    await createRun(request, experimentId, { name: "trial-2", start: T0 + 2, tags: { "mlflow.parentRunId": parent } });

    await openTable(page, `/experiments/${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["solo", "sweep"]);
    await page.getByRole("button", { name: "Expand 2 child runs of sweep" }).click();
    await expect.poll(() => runNames(page)).toEqual(["solo", "sweep", "trial-2", "trial-1"]);
    await expect(bodyRows(page).filter({ hasText: "trial-1" })).toHaveAttribute("data-depth", "1");
    expect(new URL(page.url()).searchParams.getAll("open")).toEqual([parent]);
    await page.screenshot(shot("nested"));
    await page.getByRole("button", { name: "Collapse 2 child runs of sweep" }).click();
    await expect.poll(() => runNames(page)).toEqual(["solo", "sweep"]);
    await page.getByRole("checkbox", { name: "Nest child runs" }).uncheck();
    await expect.poll(() => runNames(page)).toEqual(["solo", "trial-2", "trial-1", "sweep"]);
  });

  test("bulk delete, restore and set tag", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "bulk");
    for (const [i, name] of ["r1", "r2", "r3"].entries()) await createRun(request, experimentId, { name, start: T0 + i });
    await openTable(page, `/experiments/${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["r3", "r2", "r1"]);

    await page.getByRole("checkbox", { name: "Select r1" }).check();
    await page.getByRole("checkbox", { name: "Select r3" }).check();
    await expect(page.getByRole("toolbar", { name: "Selected runs" })).toContainText("2 runs selected");
    await expect(page.getByRole("link", { name: "Compare" })).toHaveAttribute("href", /^\/compare\?runs=[0-9a-f]{32},[0-9a-f]{32}$/);
    await page.screenshot(shot("selection"));
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(() => runNames(page)).toEqual(["r2"]);

    await page.getByRole("combobox", { name: "Lifecycle" }).selectOption("DELETED_ONLY");
    await expect.poll(() => runNames(page)).toEqual(["r3", "r1"]);
    await page.getByRole("checkbox", { name: "Select all loaded runs" }).check();
    await page.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByTestId("no-matches")).toBeVisible();
    await page.getByRole("combobox", { name: "Lifecycle" }).selectOption("ACTIVE_ONLY");
    await expect.poll(() => runNames(page)).toEqual(["r3", "r2", "r1"]);

    await page.getByRole("checkbox", { name: "Select r2" }).check();
    await page.getByRole("button", { name: "Set tag…" }).click();
    await page.getByRole("textbox", { name: "Tag key" }).fill("reviewed");
    await page.getByRole("textbox", { name: "Tag value" }).fill("yes");
    await page.getByRole("button", { name: "Set tag", exact: true }).click();
    await page.getByRole("combobox", { name: "Filter runs" }).fill("tags.reviewed = 'yes'");
    await page.getByRole("combobox", { name: "Filter runs" }).press("Enter");
    await expect.poll(() => runNames(page)).toEqual(["r2"]);
  });

  test("CSV download holds every run matching the filter", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "csv");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createRun(request, experimentId, { name: `run-${i}`, start: T0 + i * 1000, params: { i: String(i) }, metrics: { acc: i / 10 } }));
    await openTable(page, `/experiments/${experimentId}?f=${encodeURIComponent("metrics.acc >= 0.2")}&sort=asc~m.acc`);
    await expect.poll(() => runNames(page)).toEqual(["run-2", "run-3", "run-4"]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const text = fs.readFileSync(await download.path(), "utf8");
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(text).toBe(
      "run_id,name,status,user,start_time,end_time,duration_s,source,git_commit,parent_run_id,params.i,metrics.acc,tags.mlflow.runName\r\n" +
        [2, 3, 4].map((i) => `${ids[i]},run-${i},FINISHED,,${iso(T0 + i * 1000)},${iso(T0 + i * 1000 + 90_000)},90,,,,${i},${i / 10},run-${i}\r\n`).join(""),
    );
  });

  test("a copied link reopens exactly the same view", async ({ page, request, browser }) => {
    const experimentId = await createExperiment(request, "share");
    for (const [i, name] of ["a", "b", "c", "d"].entries()) {
      await createRun(request, experimentId, { name, start: T0 + i, params: { p: String(i % 2) }, metrics: { score: [3, 1, 4, 1][i] } });
    }
    await openTable(page, `/experiments/${experimentId}`);
    await expect.poll(() => runNames(page)).toEqual(["d", "c", "b", "a"]);
    await page.getByRole("button", { name: "Sort by score" }).click();
    await page.getByRole("button", { name: "Sort by score" }).click();
    await page.getByRole("combobox", { name: "Filter runs" }).fill("params.p = '0'");
    await page.getByRole("combobox", { name: "Filter runs" }).press("Enter");
    await expect.poll(() => runNames(page)).toEqual(["c", "a"]);
    await page.getByRole("button", { name: "Column options for User" }).click();
    await page.getByRole("menuitem", { name: "Hide column" }).click();
    await page.getByRole("button", { name: "Column options for score" }).click();
    await page.getByRole("menuitem", { name: "Move left" }).click();
    await page.getByRole("checkbox", { name: "Select a", exact: true }).check();
    const expectedHeaders = ["a.name", "a.status", "a.start", "a.duration", "m.score", "a.source", "p.p"];
    await expect.poll(() => headerLabels(page)).toEqual(expectedHeaders);
    await page.getByRole("button", { name: "Copy link" }).click();
    const link = await page.getByTestId("share-link").inputValue();

    const other = await browser.newPage();
    await openTable(other, link);
    await expect.poll(() => runNames(other)).toEqual(["c", "a"]);
    expect(await headerLabels(other)).toEqual(expectedHeaders);
    await expect(other.getByRole("combobox", { name: "Filter runs" })).toHaveValue("params.p = '0'");
    await expect(other.getByRole("checkbox", { name: "Select a", exact: true })).toBeChecked();
    await expect(other.getByRole("columnheader", { name: /score/ })).toHaveAttribute("aria-sort", "descending");
    await other.screenshot(shot("shared-link"));
    await other.close();
  });

  test("an empty experiment shows how to log the first run; running runs refresh live", async ({ page, request, baseURL }) => {
    const experimentId = await createExperiment(request, "empty");
    await page.goto(`/experiments/${experimentId}`);
    await expect(page.getByTestId("tracking-snippet")).toHaveText(`MLFLOW_TRACKING_URI=${baseURL} python train.py`);
    await page.screenshot(shot("empty"));

    const runId = await createRun(request, experimentId, { name: "live", start: Date.now(), status: "RUNNING" });
    await openTable(page, `/experiments/${experimentId}`);
    await expect(bodyRows(page).getByRole("cell").nth(2)).toHaveText("RUNNING");
    await expect(page.getByText("● Live")).toBeVisible();
    await mlflow(request, "runs/update", { run_id: runId, status: "FINISHED", end_time: Date.now() });
    // No reload: the poll picks the change up.
    await expect(bodyRows(page).getByRole("cell").nth(2)).toHaveText("FINISHED", { timeout: 12_000 });
  });

  test("dark theme colours the table through the theme variables", async ({ page, request }) => {
    const experimentId = await createExperiment(request, "dark");
    const parent = await createRun(request, experimentId, { name: "parent", start: T0, metrics: { loss: 0.3 }, params: { lr: "0.1" } });
    await createRun(request, experimentId, { name: "child", start: T0 + 1, status: "FAILED", tags: { "mlflow.parentRunId": parent } });
    await createRun(request, experimentId, { name: "other", start: T0 + 2, status: "RUNNING", metrics: { loss: 0.7 } });
    await page.emulateMedia({ colorScheme: "dark" });
    await openTable(page, `/experiments/${experimentId}?open=${parent}`);
    await expect.poll(() => runNames(page)).toEqual(["other", "parent", "child"]);
    await expect(page.locator("body")).toHaveCSS("background-color", "rgb(15, 18, 22)");
    await expect(grid(page)).toHaveCSS("background-color", "rgb(23, 27, 33)");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCSS("color", "rgb(230, 233, 237)");
    await page.screenshot(shot("dark"));
  });
});
