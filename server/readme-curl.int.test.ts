import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { get, post, uniqueName } from "./testing/api";

// The README's "Logging with curl" block, run as a reader would paste it (against the test server).
const README = fs.readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");

function curlExample(): string {
  const section = README.slice(README.indexOf("## Logging with curl"));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("no bash block under 'Logging with curl'");
  return block[1];
}

describe.runIf(inject("driver") === "postgres")("README: logging with curl", () => {
  it("creates a run that ends after it starts, with its param and metric", async () => {
    const name = uniqueName("readme-curl");
    const script = curlExample().replaceAll("http://127.0.0.1:5000", inject("baseUrl")).replace('"curl-demo"', `"${name}"`);
    execFileSync("bash", ["-c", script], { encoding: "utf8" });

    const experiment = await get("experiments/get-by-name", { experiment_name: name });
    const search = await post("runs/search", { experiment_ids: [experiment.body.experiment.experiment_id] });
    const [run] = search.body.runs;
    expect(run.info.status).toBe("FINISHED");
    expect(Number(run.info.end_time)).toBeGreaterThanOrEqual(Number(run.info.start_time));
    expect(run.data.params).toEqual([{ key: "lr", value: "0.01" }]);
    expect(run.data.metrics).toMatchObject([{ key: "loss", value: 0.5, step: 1 }]);
  });
});
