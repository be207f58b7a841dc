// What the charts UI benchmark and its profiler run inside the page (or drive it with): charts drawn,
// a drag zoom timed from mouse-up until every chart redrew its finer data.
import type { Page } from "@playwright/test";

/** In the page: ms from navigation start until every chart is drawn, then until a queued task runs. */
export function waitForChartsDrawn(count: number): Promise<{ drawn: number; answering: number }> {
  return new Promise((resolve) => {
    const check = () => {
      const cards = [...document.querySelectorAll('[data-testid="metric-chart"]')];
      const ready = cards.filter((c) => c.getAttribute("data-state") === "ready" && c.querySelector("[data-rendered]"));
      if (ready.length >= count) {
        const drawn = performance.now();
        // The page answers input once the main thread is free: a message posted now runs then.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ drawn, answering: performance.now() });
        channel.port2.postMessage(0);
        return;
      }
      requestAnimationFrame(check);
    };
    check();
  });
}

/** Drags across the first chart; ms from mouse-up until every chart has redrawn its zoomed data. */
export async function dragZoom(page: Page, from: number): Promise<number> {
  const canvas = page.locator('[data-testid="metric-chart"] canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.evaluate(installZoomProbe);
  await page.mouse.move(box.x + box.width * from, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * (from + 0.06), box.y + box.height * 0.55, { steps: 5 });
  await page.evaluate(() => ((window as unknown as { __zoomStart: number }).__zoomStart = performance.now()));
  await page.mouse.up();
  return page.evaluate(() => (window as unknown as { __zoomDone: Promise<number> }).__zoomDone);
}

/** In the page: ms from mouse-up until the zoom's chart request left and until its answer was in. */
export function zoomRequestTiming(): { sent: number; answered: number } {
  const start = (window as unknown as { __zoomStart: number }).__zoomStart;
  const requests = performance.getEntriesByType("resource").filter((e) => e.name.includes("charts.series") && e.startTime >= start) as PerformanceResourceTiming[];
  return { sent: Math.min(...requests.map((r) => r.startTime)) - start, answered: Math.max(...requests.map((r) => r.responseEnd)) - start };
}

/** Resolves once every chart went through "refining" and drew again after becoming "ready". */
function installZoomProbe(): void {
  const w = window as unknown as { __zoomDone: Promise<number>; __zoomStart: number };
  const cards = [...document.querySelectorAll('[data-testid="metric-chart"]')];
  const pending = new Set(cards);
  const refined = new Set<Element>();
  w.__zoomDone = new Promise((resolve) => {
    const observer = new MutationObserver((mutations) => {
      for (const m of mutations) {
        const card = (m.target as Element).closest('[data-testid="metric-chart"]');
        if (!card || !pending.has(card)) continue;
        if (card.getAttribute("data-state") === "refining") refined.add(card);
        else if (refined.has(card) && card.getAttribute("data-state") === "ready" && m.attributeName === "data-rendered") pending.delete(card);
      }
      if (pending.size === 0) {
        observer.disconnect();
        resolve(performance.now() - w.__zoomStart);
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state", "data-rendered"] });
  });
}
