import type { CpuMeter } from "./cpu";

export const WARMUP = 10;
export const REPETITIONS = 60;

export interface Timing {
  label: string;
  samples: number[];
  /** CPU ms of the server and its PostgreSQL backends over all timed requests (see cpu.ts). */
  cpuMs: number;
  /** Items (runs or experiments) and bytes of one answer. */
  items: number;
  bytes: number;
}

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
  min: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentiles: p95 of 60 samples is the 57th smallest.
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: rank(50), p95: rank(95), mean: samples.reduce((a, b) => a + b, 0) / samples.length, min: sorted[0] };
}

export interface Answer {
  ms: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  bytes: number;
}

/** One POST, timed from the request to the last byte of the answer (JSON parsing not included). */
export async function timedPost(url: string, body: unknown): Promise<Answer> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/**
 * Times several requests in round-robin (a, b, c, a, b, c …) after WARMUP rounds, so that the
 * machine's background load falls on all of them alike and their ratios stay meaningful.
 */
export async function timeInterleaved(
  cases: { label: string; url: string; body: unknown; count: (body: any) => number }[], // eslint-disable-line @typescript-eslint/no-explicit-any
  meter: CpuMeter,
  repetitions = REPETITIONS,
): Promise<Timing[]> {
  const timings = cases.map((c) => ({ label: c.label, samples: [] as number[], cpuMs: 0, items: 0, bytes: 0 }));
  for (let round = 0; round < WARMUP + repetitions; round++) {
    meter.refresh();
    for (const [i, c] of cases.entries()) {
      const cpuBefore = meter.read();
      const answer = await timedPost(c.url, c.body);
      if (round < WARMUP) continue;
      timings[i].cpuMs += meter.read() - cpuBefore;
      timings[i].samples.push(answer.ms);
      timings[i].items = c.count(answer.body);
      timings[i].bytes = answer.bytes;
    }
  }
  return timings;
}

const ms = (v: number) => v.toFixed(1).padStart(7);

/** The results table: one line per case, its target and whether it is met. */
export function printTable(rows: { id: string; timing: Timing; target: string; verdict: string }[], meter: CpuMeter): void {
  const header = `${"case".padEnd(84)} ${"items".padStart(6)} ${"KiB".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"mean".padStart(7)} ${"cpu".padStart(6)}   target`;
  console.log(header);
  console.log("-".repeat(header.length + 24));
  for (const { id, timing, target, verdict } of rows) {
    const s = stats(timing.samples);
    console.log(
      `${`${id} ${timing.label}`.padEnd(84)} ${String(timing.items).padStart(6)} ${(timing.bytes / 1024).toFixed(0).padStart(7)} ` +
        `${ms(s.p50)} ${ms(s.p95)} ${ms(s.mean)} ${meter.available ? (timing.cpuMs / timing.samples.length).toFixed(1).padStart(6) : "n/a".padStart(6)}   ` +
        `${target}${verdict ? `  ${verdict}` : ""}`,
    );
  }
  console.log(`(ms; ${REPETITIONS} timed requests per case after ${WARMUP} warm-up, cases interleaved round-robin;`);
  console.log(" cpu = mean CPU ms per request of the server process and its PostgreSQL backends, 10 ms ticks averaged)");
}
