import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./parse-command-line.js";

const HOME = { HOME: "/home/ana" };
const DEFAULTS = {
  trackingUri: "http://127.0.0.1:5000",
  credentials: { token: undefined, username: undefined, password: undefined },
  intervalMs: 10_000,
  samplesBeforeLogging: 1,
  nodeId: undefined,
  allGpus: false,
  cudaVisibleDevices: undefined,
  spoolDir: "/home/ana/.local/state/metron-collector/spool",
};

describe("parseCommandLine: attach mode", () => {
  it("uses MLflow's defaults: every 10 s, one sample per point, a local server", () => {
    expect(parseCommandLine(["--run-id", "abc123"], HOME)).toEqual({ kind: "attach", config: { ...DEFAULTS, runId: "abc123" } });
  });

  it("reads MLflow's environment variables", () => {
    const env = {
      ...HOME,
      MLFLOW_RUN_ID: "r1",
      MLFLOW_TRACKING_URI: "http://metron:5000",
      MLFLOW_TRACKING_TOKEN: "t0k",
      MLFLOW_TRACKING_USERNAME: "ana",
      MLFLOW_TRACKING_PASSWORD: "pw",
      MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL: "2.5",
      MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING: "4",
      MLFLOW_SYSTEM_METRICS_NODE_ID: "node-1",
      CUDA_VISIBLE_DEVICES: "0,2",
      XDG_STATE_HOME: "/state",
    };
    expect(parseCommandLine([], env)).toEqual({
      kind: "attach",
      config: {
        trackingUri: "http://metron:5000",
        credentials: { token: "t0k", username: "ana", password: "pw" },
        intervalMs: 2500,
        samplesBeforeLogging: 4,
        nodeId: "node-1",
        allGpus: false,
        cudaVisibleDevices: "0,2",
        spoolDir: "/state/metron-collector/spool",
        runId: "r1",
      },
    });
  });

  it("lets flags win over the environment", () => {
    const env = { ...HOME, MLFLOW_RUN_ID: "from-env", MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL: "30", METRON_COLLECTOR_SPOOL_DIR: "/env-spool" };
    const argv = ["--run-id", "from-flag", "--interval", "0.5", "--samples-before-logging", "3", "--node-id", "n2", "--all-gpus"];
    const parsed = parseCommandLine([...argv, "--tracking-uri", "http://x:1", "--spool-dir", "relative/spool"], env);
    expect(parsed).toEqual({
      kind: "attach",
      config: {
        ...DEFAULTS,
        trackingUri: "http://x:1",
        intervalMs: 500,
        samplesBeforeLogging: 3,
        nodeId: "n2",
        allGpus: true,
        spoolDir: path.resolve("relative/spool"),
        runId: "from-flag",
      },
    });
  });

  it("refuses bad values with exit code 2 and one line saying what is wrong", () => {
    const usage = (argv: string[], env = {}) => parseCommandLine(argv, { ...HOME, ...env });
    expect(usage([])).toEqual({
      kind: "exit",
      exitCode: 2,
      output: "metron-collector: give the run to monitor with --run-id or MLFLOW_RUN_ID, or wrap a command: metron-collector run -- <command>\n",
    });
    expect(usage(["--run-id", "r", "--interval", "0"])).toEqual({
      kind: "exit",
      exitCode: 2,
      output: "metron-collector: --interval must be a number of seconds above 0 (got '0')\n",
    });
    expect(usage(["--run-id", "r"], { MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING: "1.5" })).toEqual({
      kind: "exit",
      exitCode: 2,
      output: "metron-collector: --samples-before-logging must be a whole number from 1 (got '1.5')\n",
    });
    expect(usage(["--run-id", "r", "--node-id", "a/b"])).toEqual({
      kind: "exit",
      exitCode: 2,
      output: "metron-collector: --node-id must be letters, digits and _ . - : only, as it becomes part of metric names (got 'a/b')\n",
    });
    expect(usage(["--run-id", "r", "--bogus"])).toEqual({ kind: "exit", exitCode: 2, output: "error: unknown option '--bogus'\n" });
  });

  it("prints help with examples and the exit codes, exit code 0", () => {
    const help = parseCommandLine(["--help"], HOME);
    expect(help).toMatchObject({ kind: "exit", exitCode: 0 });
    const output = (help as { output: string }).output;
    expect(output).toContain("metron-collector run --experiment-name resnet -- python train.py --lr 0.1");
    expect(output).toContain("MLFLOW_TRACKING_URI=http://metron:5000 metron-collector --run-id");
    expect(output).toContain("3 bad tracking URI or server unreachable; 4 unknown run or experiment; 5 credentials rejected.");
  });
});

describe("parseCommandLine: wrap mode", () => {
  it("takes the command after --, with its own options untouched", () => {
    const parsed = parseCommandLine(["run", "--experiment-name", "resnet", "--", "python", "train.py", "--interval", "7"], HOME);
    expect(parsed).toEqual({
      kind: "wrap",
      config: { ...DEFAULTS, experimentName: "resnet", experimentId: undefined, runName: undefined, command: ["python", "train.py", "--interval", "7"] },
    });
  });

  it("takes the command without -- too, stopping at its first word", () => {
    const parsed = parseCommandLine(["run", "--run-name", "r1", "torchrun", "--nproc-per-node", "8", "train.py"], HOME);
    expect(parsed).toMatchObject({ kind: "wrap", config: { runName: "r1", command: ["torchrun", "--nproc-per-node", "8", "train.py"] } });
  });

  it("merges options given before and after `run`; the experiment may come from the environment", () => {
    const env = { ...HOME, MLFLOW_EXPERIMENT_ID: "7", MLFLOW_EXPERIMENT_NAME: "named" };
    const parsed = parseCommandLine(["--interval", "2", "run", "--node-id", "n1", "--", "sleep", "1"], env);
    expect(parsed).toEqual({
      kind: "wrap",
      config: { ...DEFAULTS, intervalMs: 2000, nodeId: "n1", experimentName: "named", experimentId: "7", runName: undefined, command: ["sleep", "1"] },
    });
  });

  it("needs a command", () => {
    expect(parseCommandLine(["run"], HOME)).toEqual({ kind: "exit", exitCode: 2, output: "error: missing required argument 'command'\n" });
  });
});
