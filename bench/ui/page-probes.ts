// Functions evaluated INSIDE the page (serialized by Playwright): they time the runs grid from
// the browser's own clock, so the figures exclude the benchmark's round trips to the browser.

export const ROW_SELECTOR = '[data-testid="runs-grid"] [role="row"][data-run-id]';
export const READY_SELECTOR = '[data-testid="runs-grid"][data-ready="true"]';

/**
 * Records performance.now() (ms since navigation start) when the first run row is attached
 * (server-rendered rows count: they are painted) and when the grid is hydrated (interactive).
 */
export function installFirstRowProbe(selector: string): void {
  const w = window as unknown as { __firstRowAt?: number; __readyAt?: number };
  const check = () => {
    if (w.__firstRowAt === undefined && document.querySelector(selector)) w.__firstRowAt = performance.now();
    if (w.__readyAt === undefined && document.querySelector('[data-testid="runs-grid"][data-ready="true"]')) {
      w.__readyAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  // From the first parsed nodes on: server-rendered rows are attached while the HTML streams in.
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"] });
}

/**
 * Runs `act` (by name: click a header's sort button, or apply a filter) and resolves with the ms
 * until the grid shows the new view's rows: the URL has changed and the grid is no longer
 * aria-busy (showing the previous view's rows while the new ones load). Checked every frame.
 */
export async function timeRowChange(args: { selector: string; act: "sort" | "filter"; label?: string; filter?: string }): Promise<number> {
  const before = location.search;
  const start = performance.now();
  if (args.act === "sort") {
    (document.querySelector(`button[aria-label="Sort by ${args.label}"]`) as HTMLButtonElement).click();
  } else {
    const input = document.querySelector('input[aria-label="Filter runs"]') as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, args.filter);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  }
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const grid = document.querySelector('[data-testid="runs-grid"]');
    const isShown = grid?.getAttribute("aria-busy") === "false" && document.querySelector(args.selector) !== null;
    if (location.search !== before && isShown) return performance.now() - start;
    if (performance.now() - start > 30_000) throw new Error("rows did not change within 30 s");
  }
}

/** Scrolls to the end of the loaded rows until at least `target` rows are loaded; resolves with the count. */
export async function preloadRows(args: { selector: string; target: number }): Promise<number> {
  const scroller = document.querySelector('[data-testid="runs-grid"]') as HTMLElement;
  const loaded = () => Number(scroller.getAttribute("aria-rowcount")) - 2;
  const deadline = performance.now() + 120_000;
  while (loaded() < args.target && performance.now() < deadline) {
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((r) => setTimeout(r, 30));
  }
  scroller.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 200));
  return loaded();
}

/**
 * Scrolls the grid by `step` px every animation frame for `frames` frames and counts the frames
 * in which some row slot inside the viewport had no rendered run (blank, or the "loading more"
 * placeholder). Checked at the start of each frame, after the previous step's scroll event.
 */
export async function scrollAndCountBlankFrames(args: { frames: number; step: number; rowHeight: number }) {
  const scroller = document.querySelector('[data-testid="runs-grid"]') as HTMLElement;
  const header = scroller.querySelector('[role="rowgroup"]') as HTMLElement;
  let blank = 0;
  let checked = 0;
  let maxBlankRows = 0;
  for (let frame = 0; frame < args.frames; frame++) {
    await new Promise((r) => requestAnimationFrame(r));
    const rendered = new Set<number>();
    for (const row of scroller.querySelectorAll('[role="row"][data-run-id]')) rendered.add(Number(row.getAttribute("data-index")));
    const top = scroller.scrollTop;
    const bodyHeight = scroller.clientHeight - header.offsetHeight;
    const first = Math.floor(top / args.rowHeight);
    const last = Math.floor((top + bodyHeight - 1) / args.rowHeight);
    const count = Number(scroller.getAttribute("aria-rowcount")) - 1;
    let missing = 0;
    for (let i = first; i <= Math.min(last, count - 1); i++) if (!rendered.has(i)) missing++;
    checked++;
    if (missing > 0) blank++;
    maxBlankRows = Math.max(maxBlankRows, missing);
    scroller.scrollTop = top + args.step;
  }
  return { frames: checked, blankFrames: blank, maxBlankRows, endRow: Math.floor(scroller.scrollTop / args.rowHeight) };
}
