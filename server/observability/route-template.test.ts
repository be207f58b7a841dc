import { describe, expect, it } from "vitest";
import { routeTemplate } from "./route-template";

describe("routeTemplate", () => {
  it.each([
    ["POST", "/api/2.0/mlflow/runs/log-batch", "/api/2.0/mlflow/runs/log-batch"],
    ["GET", "/ajax-api/2.0/mlflow/runs/get?run_id=abc", "/ajax-api/2.0/mlflow/runs/get"],
    ["GET", "/api/2.0/mlflow/logged-models/m-123abc", "/api/2.0/mlflow/logged-models/:modelId"],
    ["DELETE", "/api/2.0/mlflow/logged-models/m-1/tags/a/b/c", "/api/2.0/mlflow/logged-models/:modelId/tags/:tagKey*"],
    ["PUT", "/api/2.0/mlflow/logged-models/m-1", "/api/2.0/mlflow/unknown"],
    ["POST", "/api/2.0/mlflow/no/such/endpoint", "/api/2.0/mlflow/unknown"],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model.pkl", "/api/2.0/mlflow-artifacts/*"],
    ["GET", "/api/trpc/runs.list,runs.get?batch=1", "/api/trpc/*"],
    ["GET", "/api/ui/experiments/42/runs.csv?filter=x", "/api/ui/experiments/:experimentId/runs.csv"],
    ["GET", "/s/eyJhbGciOi.secret", "/s/:token"],
    ["GET", "/health", "/health"],
    ["GET", "/ready", "/ready"],
    ["GET", "/metrics", "/metrics"],
    ["GET", "/get-artifact?path=a&run_uuid=b", "/get-artifact"],
    ["GET", "/_next/static/chunks/abc123.js", "/_next/*"],
    ["GET", "/api/whatever/7", "/api/unknown"],
    ["GET", "/experiments/7/runs/abc", "page"],
  ])("%s %s → %s", (method, url, template) => {
    expect(routeTemplate(method, url)).toBe(template);
  });
});
