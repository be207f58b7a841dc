// Where a chart zoom's (or first draw's) main-thread time goes: a Chromium CPU profile (DevTools
// protocol) of the experiment Charts view over the database bench:charts-ui seeded last, summed by
// function (self time) and by script. Run bench:charts-ui once first; then, with a fresh build:
//   node --import tsx bench/charts/profile-zoom.ts [zoom|load] [top]
// Writes the raw profile to /tmp/metron-charts-<what>.cpuprofile (opens in Chrome DevTools).
import fs from "node:fs";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { startServer } from "../search/server";
import { dragZoom, waitForChartsDrawn } from "./page-probes";

const DATABASE_URL = process.env.METRON_BENCH_CHARTS_UI_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_charts_ui";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const [what = "zoom", top = "40"] = process.argv.slice(2);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

async function main(): Promise<void> {
  const server = await startServer(DATABASE_URL);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=charts-bench`);
    const { experiment } = (await res.json()) as { experiment: { experiment_id: string } };
    const page = await browser.newPage({ viewport: { width: 1920, height: 1500 } });
    await page.addInitScript("window.__name = (fn) => fn;");
    const url = `${server.baseUrl}/experiments/${experiment.experiment_id}?display=charts`;
    // Warm the browser's cache and the server first.
    await page.goto(url);
    await page.evaluate(waitForChartsDrawn, 10);
    if (what === "trace") return void (await traceZoom(browser, page, url));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    let ms: number;
    if (what === "load") {
      await page.goto("about:blank");
      await cdp.send("Profiler.start");
      await page.goto(url);
      ms = (await page.evaluate(waitForChartsDrawn, 10)).answering;
    } else {
      await page.goto(url);
      await page.evaluate(waitForChartsDrawn, 10);
      await dragZoom(page, 0.3); // a first zoom warms the code paths, as a user's second zoom would be
      await page.goto(url);
      await page.evaluate(waitForChartsDrawn, 10);
      await cdp.send("Profiler.start");
      ms = await dragZoom(page, 0.4);
    }
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    if (process.env.TREE) printTree(profile, process.env.TREE, Number(process.env.TREE_MIN ?? 5));
    fs.writeFileSync(`/tmp/metron-charts-${what}.cpuprofile`, JSON.stringify(profile));
    console.log(`${what}: ${ms.toFixed(0)} ms measured in the page; profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms\n`);
    summarize(profile, Number(top));
    await detach(cdp);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The call tree under the first function whose name:line:col contains `root`, children over `minMs`. */
function printTree(profile: Profile, root: string, minMs: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const total = new Map<number, number>();
  const sum = (id: number): number => {
    const n = byId.get(id)!;
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + sum(c), 0);
    total.set(id, t);
    return t;
  };
  sum(profile.nodes[0].id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  // Merge every occurrence of the root (same function called from many places) by child label.
  type Merged = { ms: number; self: number; children: Map<string, Merged> };
  const merge = (ids: number[], into: Merged) => {
    for (const id of ids) {
      const n = byId.get(id)!;
      into.self += self.get(id) ?? 0;
      for (const c of n.children ?? []) {
        const key = label(byId.get(c)!);
        const child = into.children.get(key) ?? { ms: 0, self: 0, children: new Map() };
        child.ms += total.get(c)!;
        into.children.set(key, child);
        merge([c], child);
      }
    }
  };
  const roots: number[] = [];
  const find = (id: number) => {
    const n = byId.get(id)!;
    if (label(n).includes(root)) return void roots.push(id);
    for (const c of n.children ?? []) find(c);
  };
  find(profile.nodes[0].id);
  const top: Merged = { ms: roots.reduce((a, r) => a + total.get(r)!, 0), self: 0, children: new Map() };
  merge(roots, top);
  const print = (m: Merged, name: string, depth: number) => {
    console.log(`${"  ".repeat(depth)}${m.ms.toFixed(1)} ms (self ${m.self.toFixed(1)}) ${name}`);
    if (depth > 14) return;
    for (const [k, c] of [...m.children].sort((a, b) => b[1].ms - a[1].ms)) if (c.ms >= minMs) print(c, k, depth + 1);
  };
  print(top, root, 0);
  console.log("");
}

/** A Chromium trace of one zoom: the renderer main thread's time by event (self time), e.g. Paint, Layout. */
async function traceZoom(browser: Browser, page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(waitForChartsDrawn, 10);
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink", "cc", "gpu"] });
  const ms = await dragZoom(page, 0.4);
  const buffer = await browser.stopTracing();
  fs.writeFileSync("/tmp/metron-charts-zoom.trace.json", buffer);
  type Ev = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string } };
  const events = (JSON.parse(buffer.toString()) as { traceEvents: Ev[] }).traceEvents;
  const threads = new Map(events.filter((e) => e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? ""]));
  const byThread = new Map<string, Ev[]>();
  for (const e of events) if (e.ph === "X" && e.dur !== undefined) (byThread.get(`${e.pid}:${e.tid}`) ?? byThread.set(`${e.pid}:${e.tid}`, []).get(`${e.pid}:${e.tid}`)!).push(e);
  console.log(`zoom ${ms.toFixed(0)} ms`);
  for (const [thread, list] of byThread) {
    // Self time: an event's duration minus its children's (events nest by time on one thread).
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, number>();
    const stack: Ev[] = [];
    for (const e of list) {
      while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
      stack.push(e);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    if (total < 50) continue;
    console.log(`\n${threads.get(thread) ?? thread}: ${total.toFixed(0)} ms`);
    for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${t.toFixed(1).padStart(9)} ms  ${name}`);
  }
}

async function detach(cdp: CDPSession): Promise<void> {
  await cdp.detach().catch(() => {});
}

/** Self time by function and by script, and total (inclusive) time by function. */
function summarize(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  const selfByName = new Map<string, number>();
  const totalByName = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    selfByName.set(name(node), (selfByName.get(name(node)) ?? 0) + ms);
    byScript.set(node.callFrame.url.split("/").pop() || node.callFrame.functionName, (byScript.get(node.callFrame.url.split("/").pop() || node.callFrame.functionName) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      totalByName.set(key, (totalByName.get(key) ?? 0) + ms);
    }
  }
  const print = (title: string, m: Map<string, number>, n: number) => {
    console.log(title);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${v.toFixed(1).padStart(9)} ms  ${k}`);
    console.log("");
  };
  print("self time by script", byScript, 15);
  print("self time by function", selfByName, top);
  print("total time by function", totalByName, top);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
