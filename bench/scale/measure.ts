import { stats } from "../search/measure";

export interface Probe {
  label: string;
  target?: { stat: "p50" | "p95" | "mean"; ms: number };
  /**
   * One request; answers the number of items it returned, or those and the request's own time (timedFetch's:
   * sending to last byte), which then stands for the probe's instead of the call's (which includes the client's parsing).
   */
  run: () => Promise<number | { items: number; ms: number }>;
}

/** A request timed from sending to the last byte of its answer; anything but 200 throws. */
export async function timedFetch(url: string, init?: RequestInit): Promise<{ ms: number; text: string }> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, text };
}

/**
 * The probes in round-robin after `warmup` rounds (the machine's background load falls on all of
 * them alike), one line each: p50, p95, mean, items, target and verdict.
 */
export async function timeProbes(title: string, probes: Probe[], repetitions: number, warmup = 3): Promise<void> {
  const samples = probes.map(() => [] as number[]);
  const items = probes.map(() => 0);
  for (let round = 0; round < warmup + repetitions; round++) {
    for (const [i, probe] of probes.entries()) {
      const started = performance.now();
      const answer = await probe.run();
      const ms = typeof answer === "number" ? performance.now() - started : answer.ms;
      items[i] = typeof answer === "number" ? answer : answer.items;
      if (round >= warmup) samples[i].push(ms);
    }
  }
  console.log(`\n${title} (${repetitions} timed rounds after ${warmup} warm-up, round-robin; ms)`);
  console.log(`${"case".padEnd(78)} ${"items".padStart(6)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"mean".padStart(8)}   target`);
  for (const [i, probe] of probes.entries()) {
    const s = stats(samples[i]);
    const target = probe.target ? `${probe.target.stat} ≤ ${probe.target.ms} ms ${s[probe.target.stat] <= probe.target.ms ? "MET" : "MISSED"}` : "";
    const f = (v: number) => v.toFixed(1).padStart(8);
    console.log(`${probe.label.padEnd(78)} ${String(items[i]).padStart(6)} ${f(s.p50)} ${f(s.p95)} ${f(s.mean)}   ${target}`);
  }
}
