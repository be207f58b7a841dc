import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { postJson } from "./seed";

export const T0 = 1_700_000_000_000;

/** Logs `values[i]` at step i (timestamp T0 + i seconds) in batches of 1000, as a client would. */
export async function logSeries(request: APIRequestContext, runId: string, key: string, values: number[], firstStep = 0) {
  for (let start = 0; start < values.length; start += 1000) {
    const metrics = values.slice(start, start + 1000).map((value, i) => {
      const step = firstStep + start + i;
      return { key, value, step, timestamp: T0 + step * 1000 };
    });
    await postJson(request, "runs/log-batch", { run_id: runId, metrics });
  }
}

/** A training-like loss curve with a little noise (deterministic) and one spike. */
export function lossCurve(n: number, seed = 1, spikeAt = -1): number[] {
  let s = seed;
  const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.08;
  return Array.from({ length: n }, (_, i) => (i === spikeAt ? 5 : 2 * Math.exp(-i / (n / 4)) + 0.1 + noise()));
}

export const chart = (page: Page, key: string) => page.locator(`[data-testid="metric-chart"][data-metric-key="${key}"]`);

/** Waits until the chart has its data and echarts has drawn it. */
export async function expectDrawn(page: Page, key: string) {
  const card = chart(page, key);
  // Generous: on a loaded machine the first charts wait behind the page's other first requests.
  await expect(card).toHaveAttribute("data-state", "ready", { timeout: 20_000 });
  await expect(card.locator("[data-rendered]")).toBeVisible();
  return card;
}

export const numberAttr = async (page: Page, key: string, name: string) => Number(await chart(page, key).getAttribute(name));
