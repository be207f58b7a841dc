import { beforeAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";

// Sends 10,000 random and mutated filter strings (and some order_by clauses) to runs/search and
// experiments/search. Each must answer 200 or a 400 INVALID_PARAMETER_VALUE: never a 5xx, never
// a leaked SQL error. The generator is seeded, so a failure names a reproducible input.

const CORPUS = [
  "metrics.acc > 0.5",
  "metrics.`val loss` <= 1e-3 and params.lr = '0.01'",
  'params."batch size" != "32"',
  "tags.`mlflow.runName` LIKE 'run-%'",
  "tag.team ILIKE '%VISION%'",
  "attributes.status = 'FINISHED'",
  "attr.run_name = 'baseline'",
  "run_id IN ('a', 'b')",
  "attributes.run_id NOT IN ('x')",
  "start_time > 1700000000000 AND end_time < 1800000000000",
  "created >= 0",
  "params.opt IS NULL",
  "tags.note IS NOT NULL",
  "metric.loss < -2.5 AND param.model = 'resnet'",
  "datasets.name = 'mnist' and datasets.context = 'training'",
  "dataset.digest IN ('d1','d2')",
  "(metrics.a > 1 OR metrics.b < 2) AND NOT params.c = 'x'",
  "user_id = 'alice' and artifact_uri LIKE 's3://%'",
  "`Run name` = 'x'",
];
const EXPERIMENT_CORPUS = ["name = 'x'", "name LIKE 'exp-%'", "tags.team = 'a'", "creation_time > 5", "tags.k IS NULL"];
const PIECES = [" ", "'", '"', "`", "(", ")", "=", "!=", "<", ">=", "%", "_", ",", ".", ";", "-", "\\", "é", "\u0000", "0", "1e309",
  " AND ", " OR ", " NOT ", " IN ", " LIKE ", " IS ", " NULL ", "metrics.", "params.", "tags.", "attributes.", "datasets.",
  "--", "/*", "*/", "$1", "::text", "'; drop table runs; --", "\u202e", "🙂"];

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(random: () => number, corpus: string[]): string {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const at = (s: string) => Math.floor(random() * (s.length + 1));
  let text = pick(corpus);
  const rounds = 1 + Math.floor(random() * 3);
  for (let r = 0; r < rounds; r++) {
    const i = at(text);
    switch (Math.floor(random() * 7)) {
      case 0: text = text.slice(0, i) + text.slice(i + 1); break; // delete a character
      case 1: text = text.slice(0, i) + pick(PIECES) + text.slice(i); break; // insert a piece
      case 2: text = text.slice(0, i) + pick(PIECES) + text.slice(i + 1); break; // replace a character
      case 3: text = text.slice(0, i); break; // truncate
      case 4: text = text.slice(0, i) + pick(corpus).slice(at(text) % 20); break; // splice two filters
      case 5: text = text + text.slice(i); break; // duplicate a tail
      default: text = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(PIECES)).join(""); // noise
    }
  }
  return text;
}

const SEED = 20261122;
const TOTAL = 10_000;
const CONCURRENCY = 8;

// One database is enough: the SQL is the same on both drivers, and 10,000 requests take a while.
describe.runIf(inject("driver") === "postgres")("filter fuzzing", () => {
  let experimentId: string;
  beforeAll(async () => {
    experimentId = await createExperiment(uniqueName("fuzz"));
    const runId = await createRun(experimentId, { run_name: "baseline" });
    await post("runs/log-batch", {
      run_id: runId,
      metrics: [{ key: "acc", value: 0.9, timestamp: 1, step: 0 }],
      params: [{ key: "lr", value: "0.01" }],
    });
  });

  it("answers every corpus filter with 200", async () => {
    for (const filter of CORPUS) {
      const res = await post("runs/search", { experiment_ids: [experimentId], filter });
      expect(res.status, `${filter}: ${res.text}`).toBe(200);
    }
    for (const filter of EXPERIMENT_CORPUS) {
      const res = await post("experiments/search", { filter });
      expect(res.status, `${filter}: ${res.text}`).toBe(200);
    }
  });

  it(`answers ${TOTAL} mutated filters with 200 or 400 INVALID_PARAMETER_VALUE, never anything else`, async () => {
    const random = prng(SEED);
    const requests = Array.from({ length: TOTAL }, (_, n) => {
      const onExperiments = n % 10 === 9;
      const onOrderBy = n % 10 === 8;
      const text = mutate(random, onExperiments ? EXPERIMENT_CORPUS : CORPUS);
      if (onExperiments) return { path: "experiments/search", body: { filter: text } };
      if (onOrderBy) return { path: "runs/search", body: { experiment_ids: [experimentId], order_by: [text.slice(0, 40)] } };
      return { path: "runs/search", body: { experiment_ids: [experimentId], filter: text } };
    });
    const outcomes = { ok: 0, invalid: 0 };
    const unexpected: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          const res = await post(request.path, request.body);
          if (res.status === 200) outcomes.ok++;
          else if (res.status === 400 && res.body?.error_code === "INVALID_PARAMETER_VALUE" && typeof res.body.message === "string") {
            outcomes.invalid++;
            if (/syntax error|relation|column|operator does not exist/i.test(res.body.message)) {
              unexpected.push(`SQL leaked for ${JSON.stringify(request.body)}: ${res.text}`);
            }
          } else unexpected.push(`${res.status} for ${JSON.stringify(request.body)}: ${res.text}`);
        }
      }),
    );
    expect(unexpected.slice(0, 5)).toEqual([]);
    expect(outcomes.ok + outcomes.invalid).toBe(TOTAL);
    // The mutations must exercise both paths, or the test proves little.
    expect(outcomes.ok).toBeGreaterThan(500);
    expect(outcomes.invalid).toBeGreaterThan(2000);
  }, 240_000);
});
