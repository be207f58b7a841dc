import { describe, expect, it } from "vitest";
import { ApiError, isRetryable, parseTrackingUri, UnreachableError } from "./client.js";
import { CollectorExit } from "./exit-codes.js";

describe("parseTrackingUri", () => {
  it("keeps an http(s) URL with its path, without a trailing slash", () => {
    expect(parseTrackingUri("http://127.0.0.1:5000/")).toEqual({ baseUrl: "http://127.0.0.1:5000" });
    expect(parseTrackingUri("https://proxy.example.com/mlflow/")).toEqual({ baseUrl: "https://proxy.example.com/mlflow" });
  });

  it("takes credentials out of the URL, to be sent as Basic auth", () => {
    expect(parseTrackingUri("http://ana:s%40cret@host:5000")).toEqual({ baseUrl: "http://host:5000", username: "ana", password: "s@cret" });
  });

  it("refuses what is not an http(s) URL with exit code 3", () => {
    const attempt = (uri: string) => {
      try {
        parseTrackingUri(uri);
      } catch (err) {
        return { code: (err as CollectorExit).exitCode, message: (err as Error).message };
      }
    };
    expect(attempt("localhost:5000")).toEqual({
      code: 3,
      message: "the tracking URI 'localhost:5000' is not an http(s) URL; the collector logs to a tracking server, e.g. http://host:5000",
    });
    expect(attempt("not a url")).toEqual({ code: 3, message: "the tracking URI 'not a url' is not a URL; use http://host:port" });
    expect(attempt("sqlite:///mlflow.db")?.code).toBe(3);
  });
});

describe("isRetryable", () => {
  it("retries what MLflow's client retries: no answer, 408, 429 and 5xx; never other 4xx", () => {
    const statuses = [400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504];
    expect(statuses.filter((status) => isRetryable(new ApiError(status, undefined, "")))).toEqual([408, 429, 500, 502, 503, 504]);
    expect(isRetryable(new UnreachableError("ECONNREFUSED"))).toBe(true);
    expect(isRetryable(new Error("other"))).toBe(false);
  });
});
