import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { quoteCommandLine } from "./posix-shell";
import { killLeftoverCollectors, startCollector, waitFor } from "./testing/collector-process";
import { getRun, history, tags } from "./testing/tracking";

const baseUrl = () => inject("baseUrl");
/** The first test runs against both databases; the others test only the collector, so they run once. */
const once = it.runIf(inject("driver") === "pglite");

afterAll(killLeftoverCollectors);

/**
 * A training script stand-in (Node, so no Python is needed): it prints the MLFLOW_RUN_ID it got,
 * logs a metric into that run through MLFLOW_TRACKING_URI like an MLflow client would, works for
 * 1.2 s and exits with the code given as its argument. On SIGTERM it says so and dies of it.
 */
const TRAINING_SCRIPT = `
process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.removeAllListeners("SIGTERM"); process.kill(process.pid, "SIGTERM"); });
(async () => {
  const runId = process.env.MLFLOW_RUN_ID;
  console.log("child sees MLFLOW_RUN_ID=" + runId);
  await fetch(process.env.MLFLOW_TRACKING_URI + "/api/2.0/mlflow/runs/log-batch", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ run_id: runId, metrics: [{ key: "loss", value: 0.25, timestamp: Date.now(), step: 1 }] }),
  });
  console.log("child logged loss");
  setTimeout(() => process.exit(Number(process.argv[1])), Number(process.argv[2] ?? 1200));
})();
`;

function wrap(exitCode: number, options: { flags?: string[]; workMs?: number } = {}) {
  const command = [process.execPath, "-e", TRAINING_SCRIPT, String(exitCode), String(options.workMs ?? 1200)];
  const collector = startCollector(["run", "--interval", "0.5", ...(options.flags ?? []), "--", ...command], { MLFLOW_TRACKING_URI: baseUrl() });
  const runIdSeenByChild = () => /child sees MLFLOW_RUN_ID=([0-9a-f]{32})/.exec(collector.stdout())?.[1];
  return { collector, command, runIdSeenByChild };
}

describe.concurrent("wrap mode", () => {
  it("exit 0: the command logs into the new run through MLFLOW_RUN_ID, the run ends FINISHED with command line and exit code", async () => {
    const experimentName = `wrapped-${randomUUID().slice(0, 8)}`;
    const { collector, command, runIdSeenByChild } = wrap(0, { flags: ["--experiment-name", experimentName, "--run-name", "first-try"] });
    const exit = await collector.exited;
    expect(exit.code).toBe(0);

    const runId = runIdSeenByChild()!;
    expect(collector.messages()[0]).toMatch(new RegExp(`^run ${runId} \\(${baseUrl()}/experiments/\\d+/runs/${runId}\\) · sampling every 0.5 s`));
    expect(collector.stdout()).toContain("child logged loss\n"); // the command's output streams through
    const run = await getRun(baseUrl(), runId);
    const experiment = await (await fetch(`${baseUrl()}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${experimentName}`)).json();
    expect(run.info).toMatchObject({ status: "FINISHED", run_name: "first-try", experiment_id: experiment.experiment.experiment_id });
    expect(run.info.end_time).toBeGreaterThanOrEqual(run.info.start_time + 1200);
    expect(run.info.end_time).toBeLessThanOrEqual(exit.at);
    const runTags = await tags(baseUrl(), runId);
    expect(runTags).toMatchObject({
      "metron.command": quoteCommandLine(command),
      "metron.exit_code": "0",
      "mlflow.source.name": quoteCommandLine(command),
      "mlflow.source.type": "LOCAL",
      "mlflow.runName": "first-try",
    });
    expect((await history(baseUrl(), runId, "loss")).map((m) => m.value)).toEqual([0.25]);
    expect((await history(baseUrl(), runId, "system/cpu_utilization_percentage")).length).toBeGreaterThanOrEqual(2);
  });

  once("a non-zero exit: the run ends FAILED and the collector exits with the command's code", async () => {
    const { collector, runIdSeenByChild } = wrap(3);
    expect((await collector.exited).code).toBe(3);
    const runId = runIdSeenByChild()!;
    expect((await getRun(baseUrl(), runId)).info.status).toBe("FAILED");
    expect((await tags(baseUrl(), runId))["metron.exit_code"]).toBe("3");
    expect(collector.messages().at(-1)).toMatch(new RegExp(`^stopped \\(the command exited with code 3\\): \\d+ points? logged to run ${runId}$`));
  });

  once("SIGTERM: passed on to the command, the run ends KILLED, exit code 143", async () => {
    const { collector, runIdSeenByChild } = wrap(0, { workMs: 60_000 });
    await waitFor(() => runIdSeenByChild() !== undefined, 20_000, collector.stderr); // its SIGTERM handler is set
    collector.child.kill("SIGTERM");
    expect((await collector.exited).code).toBe(143);
    expect(collector.stdout()).toContain("child got SIGTERM\n");
    const runId = runIdSeenByChild()!;
    expect((await getRun(baseUrl(), runId)).info.status).toBe("KILLED");
    expect((await tags(baseUrl(), runId))["metron.exit_code"]).toBe("143");
  });

  once("a command that does not exist: exit 127, the run ends FAILED", async () => {
    const collector = startCollector(["run", "--", "/no/such/command", "--flag"], { MLFLOW_TRACKING_URI: baseUrl() });
    expect((await collector.exited).code).toBe(127);
    const runId = /^run ([0-9a-f]{32}) /.exec(collector.messages()[0])![1];
    expect(collector.messages()[1]).toBe("cannot run '/no/such/command': command not found");
    expect((await getRun(baseUrl(), runId)).info.status).toBe("FAILED");
    expect((await tags(baseUrl(), runId))["metron.exit_code"]).toBe("127");
  });
});
