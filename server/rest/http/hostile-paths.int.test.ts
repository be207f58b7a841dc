import { describe, expect, inject, it } from "vitest";
import net from "node:net";
import { rawRequest } from "../../testing/artifacts";

// Issue #12 item 5: requests no route can serve were answered 500 text/plain, an HTML 404 or an
// empty 405. API paths must answer MLflow's JSON error with a 4xx; pages a 4xx page.

const MALFORMED = "Invalid path: it holds a malformed %-escape or one that does not decode to UTF-8 text.";
const DOTTED = "Invalid path: '.' and '..' segments and backslashes are not allowed in API paths.";
const TRACE_REFUSED = "Method TRACE is not allowed; use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.";

describe("hostile request lines", () => {
  const baseUrl = () => inject("baseUrl");

  it.each([
    ["GET", "/api/2.0/mlflow/runs/%ff", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["GET", "/ajax-api/2.0/mlflow/runs/%c0%ae%c0%ae/x", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/a%c0%af", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/a%zz", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["GET", "/api/ui/experiments/%ff/runs.csv", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["GET", "/api/trpc/%ff", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["GET", "/api/%ff", 400, "INVALID_PARAMETER_VALUE", MALFORMED],
    ["POST", "/api/2.0/mlflow/%2e%2e/%2e%2e/%2e%2e/runs/set-tag", 400, "INVALID_PARAMETER_VALUE", DOTTED],
    ["PATCH", "/api/2.0/mlflow/%2e%2e/%2e%2e/%2e%2e/x", 400, "INVALID_PARAMETER_VALUE", DOTTED],
    ["POST", "/api/2.0/mlflow/experiments/%2e%2e/%2e%2e/%2e%2e/%2e%2e/health", 400, "INVALID_PARAMETER_VALUE", DOTTED],
    ["DELETE", "/api/2.0/mlflow/%2e%2e/%2e%2e/%2e%2e/experiments/0", 400, "INVALID_PARAMETER_VALUE", DOTTED],
    ["GET", "/api/2.0/mlflow/../../../experiments/0", 400, "INVALID_PARAMETER_VALUE", DOTTED],
    ["TRACE", "/api/2.0/mlflow/experiments/get", 405, "ENDPOINT_NOT_FOUND", TRACE_REFUSED],
    ["TRACE", "/api/2.0/mlflow-artifacts/artifacts/x", 405, "ENDPOINT_NOT_FOUND", TRACE_REFUSED],
    ["TRACE", "/get-artifact", 405, "ENDPOINT_NOT_FOUND", TRACE_REFUSED],
    ["TRACE", "/health", 405, "ENDPOINT_NOT_FOUND", TRACE_REFUSED],
  ])("%s %s is a JSON %i", async (method, path, status, errorCode, message) => {
    const body = { headers: { "content-type": "application/json", "content-length": "2" }, body: "{}" };
    const reply = await rawRequest(baseUrl(), method, path, method === "GET" || method === "TRACE" ? {} : body);
    expect([reply.status, reply.headers["content-type"], reply.json]).toEqual([status, "application/json", { error_code: errorCode, message }]);
  });

  it.each([
    ["POST", "/get-artifact?run_id=x&path=a", "GET, HEAD"],
    ["DELETE", "/model-versions/get-artifact?name=m&version=1&path=a", "GET, HEAD"],
    ["POST", "/api/ui/experiments/0/runs.csv", "GET, HEAD"],
    ["DELETE", "/api/trpc/runs.search", "GET, POST"],
    ["POST", "/health", "GET, HEAD"],
  ])("%s %s (a method its route file does not serve) is a JSON 405, not Next's empty one", async (method, path, allowed) => {
    // Node's client sends a DELETE body without a length unless told: the server would read it as the next request.
    const reply = await rawRequest(baseUrl(), method, path, { headers: { "content-type": "application/json", "content-length": "2" }, body: "{}" });
    expect([reply.status, reply.headers.allow, reply.json]).toEqual([
      405,
      allowed,
      { error_code: "ENDPOINT_NOT_FOUND", message: `Method ${method} is not allowed; use one of ${allowed}.` },
    ]);
  });

  it("tRPC's own errors are labelled JSON (its 415 for a body that is not JSON was text/plain)", async () => {
    const reply = await rawRequest(baseUrl(), "POST", "/api/trpc/runs.search", { headers: { "content-type": "text/plain", "content-length": "1" }, body: "x" });
    expect([reply.status, reply.headers["content-type"], reply.json.error.data.code]).toEqual([415, "application/json", "UNSUPPORTED_MEDIA_TYPE"]);
  });

  it.each(["/get-artifact/x", "/model-versions/get-artifact/a/b", "/health/x", "/version/x"])("GET %s (below an endpoint) is a JSON 404, not Next's HTML page", async (path) => {
    const reply = await rawRequest(baseUrl(), "GET", path);
    expect([reply.status, reply.json]).toEqual([404, { error_code: "ENDPOINT_NOT_FOUND", message: `No API endpoint found for GET ${path}` }]);
  });

  it("pages with undecodable addresses get the 404 page; TRACE on a page is a 405", async () => {
    for (const path of ["/experiments/%ff", "/experiments/0/runs/%c0%af", "/%ff"]) {
      const page = await rawRequest(baseUrl(), "GET", path);
      expect([path, page.status, page.headers["content-type"]]).toEqual([path, 404, "text/html; charset=utf-8"]);
      expect(page.text).toContain("There is no page at this address on this Metron server.");
    }
    const trace = await rawRequest(baseUrl(), "TRACE", "/experiments/0");
    expect([trace.status, trace.headers.allow, trace.text]).toEqual([405, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", TRACE_REFUSED]);
  });

  it("a request line Node's parser refuses is a JSON 400, not an empty one", async () => {
    const url = new URL(baseUrl());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write("FOO /api/2.0/mlflow/experiments/get HTTP/1.1\r\nHost: x\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(answer.split("\r\n\r\n")[1])).toEqual({ error_code: "BAD_REQUEST", message: "Malformed HTTP request: Bad Request." });
  });

  it("the server is healthy after all of it", async () => {
    const health = await rawRequest(baseUrl(), "GET", "/health");
    expect([health.status, health.text]).toEqual([200, "OK"]);
  });
});
