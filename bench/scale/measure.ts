import { stats } from "../search/measure";

export interface Probe {
  label: string;
  target?: { stat: "p50" | "p95" | "mean"; ms: number };
  /** One request; answers the number of items it returned (checked to be > 0 where expected). */
  run: () => Promise<number>;
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
      items[i] = await probe.run();
      const ms = performance.now() - started;
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
