import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { mlflowClient } from "./seed";

// Seeding through the public REST API, as a client would, and reading the runs grid back.

export const T0 = 1_700_000_000_000;

export async function mlflow(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/2.0/mlflow/${path}`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

export async function createExperiment(request: APIRequestContext, prefix: string): Promise<string> {
  return mlflowClient(request).createExperiment(`${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`);
}

export interface SeedRun {
  name: string;
  start: number;
  status?: "RUNNING" | "FINISHED" | "FAILED" | "KILLED";
  params?: Record<string, string>;
  metrics?: Record<string, number>;
  tags?: Record<string, string>;
}

export async function createRun(request: APIRequestContext, experimentId: string, run: SeedRun): Promise<string> {
  const { run_id: runId } = await mlflowClient(request).createRun(experimentId, {
    run_name: run.name,
    start_time: run.start,
    tags: Object.entries(run.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  await mlflow(request, "runs/log-batch", {
    run_id: runId,
    params: Object.entries(run.params ?? {}).map(([key, value]) => ({ key, value })),
    metrics: Object.entries(run.metrics ?? {}).map(([key, value]) => ({ key, value, timestamp: run.start, step: 0 })),
  });
  if (run.status !== "RUNNING") await mlflow(request, "runs/update", { run_id: runId, status: run.status ?? "FINISHED", end_time: run.start + 90_000 });
  return runId;
}

export const grid = (page: Page) => page.getByTestId("runs-grid");

/** Opens a view whose grid has rows and waits until React has hydrated it (the rows come server-rendered). */
export async function openTable(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(grid(page)).toHaveAttribute("data-ready", "true");
}
export const bodyRows = (page: Page) => grid(page).locator('[role="rowgroup"]').nth(1).locator('[role="row"][data-run-id]');

/** The run names of the rendered rows, top to bottom (the row order is the translateY order). */
export async function runNames(page: Page): Promise<string[]> {
  return bodyRows(page).evaluateAll((rows) =>
    rows
      .map((r) => ({ y: new DOMMatrix(getComputedStyle(r).transform).m42, name: r.querySelector("a")?.textContent ?? "" }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.name),
  );
}

export async function headerLabels(page: Page): Promise<string[]> {
  return grid(page).locator('[role="columnheader"][data-column]').evaluateAll((hs) => hs.map((h) => h.getAttribute("data-column") ?? ""));
}
