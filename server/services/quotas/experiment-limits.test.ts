import { describe, expect, it } from "vitest";
import { readConfig } from "../../env";
import { errorReply } from "../../rest/http/error-reply";
import { mergeLimits } from "./experiment-limits";
import { quotaExceeded, RateLimitExceeded } from "./quota-errors";

describe("quota settings", () => {
  it("reads METRON_QUOTA_* as whole numbers, unset or empty meaning no limit", () => {
    const { quotas } = readConfig({
      METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: "100",
      METRON_QUOTA_MAX_PARAMS_PER_RUN: "0",
      METRON_QUOTA_MAX_TAGS_PER_RUN: "",
      METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN: "1000000",
      METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: "1073741824",
      METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: "600",
    });
    expect(quotas).toEqual({
      maxRunsPerExperiment: 100,
      maxParamsPerRun: 0,
      maxTagsPerRun: undefined,
      maxMetricStepsPerRun: 1_000_000,
      maxArtifactBytesPerExperiment: 1_073_741_824,
      requestsPerMinutePerToken: 600,
    });
  });

  it.each(["-1", "1.5", "ten"])("refuses %s as a quota", (value) => {
    expect(() => readConfig({ METRON_QUOTA_MAX_PARAMS_PER_RUN: value })).toThrow(/^Invalid configuration: METRON_QUOTA_MAX_PARAMS_PER_RUN: /);
  });

  it("lets an experiment's own limits replace the server's one by one", () => {
    const server = readConfig({ METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: "10", METRON_QUOTA_MAX_PARAMS_PER_RUN: "50" }).quotas;
    const own = { experimentId: 1, maxRuns: 500, maxParamsPerRun: null, maxTagsPerRun: 0, maxMetricStepsPerRun: null, maxArtifactBytes: null };
    expect(mergeLimits(server, own)).toEqual({ maxRuns: 500, maxParamsPerRun: 50, maxTagsPerRun: 0, maxMetricStepsPerRun: undefined, maxArtifactBytes: undefined });
    expect(mergeLimits(server, null)).toEqual({ maxRuns: 10, maxParamsPerRun: 50, maxTagsPerRun: undefined, maxMetricStepsPerRun: undefined, maxArtifactBytes: undefined });
  });
});

describe("quota replies", () => {
  it("answers a crossed quota 400 RESOURCE_EXHAUSTED (clients show it at once), a rate limit 429 with Retry-After", () => {
    const quota = errorReply(quotaExceeded("params", 3, 4, "run r1"));
    expect([quota.status, quota.headers["retry-after"], quota.body]).toEqual([
      400,
      undefined,
      '{"error_code":"RESOURCE_EXHAUSTED","message":"Quota exceeded: run r1 may have at most 3 params; this request would make it 4. Nothing was written."}',
    ]);
    const rate = errorReply(new RateLimitExceeded(60, 2));
    expect([rate.status, rate.headers["retry-after"]]).toEqual([429, "2"]);
  });
});
