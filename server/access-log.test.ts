import { describe, expect, it } from "vitest";
import { loggablePath } from "./access-log";

describe("loggablePath", () => {
  it.each([
    ["/api/2.0/mlflow/runs/log-metric", "/api/2.0/mlflow/runs/log-metric"],
    ["/api/2.0/mlflow/metrics/get-history?run_id=abc&metric_key=loss", "/api/2.0/mlflow/metrics/get-history?run_id=abc&metric_key=loss"],
    ["/get-artifact?path=a.txt&token=s3cr3t", "/get-artifact?path=a.txt&token=[redacted]"],
    ["/x?access_token=1&API-KEY=2&password=3&client_secret=4&sessionid=5", "/x?access_token=[redacted]&API-KEY=[redacted]&password=[redacted]&client_secret=[redacted]&sessionid=[redacted]"],
    [
      "/b/o?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=abcd&X-Amz-Security-Token=t",
      "/b/o?X-Amz-Algorithm=AWS4&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]",
    ],
    ["/x?%74oken=1&flag&=v", "/x?%74oken=[redacted]&flag&=v"],
    ["/x?%E0%A4%A=1", "/x?%E0%A4%A=1"],
  ])("%s → %s", (url, logged) => {
    expect(loggablePath(url)).toBe(logged);
  });
});
