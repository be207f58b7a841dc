import { describe, expect, it } from "vitest";
import { malformedRequestResponse, screenRequest } from "./request-screen";

const MALFORMED = "Invalid path: it holds a malformed %-escape or one that does not decode to UTF-8 text.";
const DOTTED = "Invalid path: '.' and '..' segments and backslashes are not allowed in API paths.";

describe("screenRequest", () => {
  it.each([
    ["GET", "/api/2.0/mlflow/experiments/get?experiment_id=0"],
    ["POST", "/ajax-api/2.0/mlflow/runs/log-batch"],
    ["OPTIONS", "/api/2.0/mlflow/runs/log-batch"],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/a%20b/%2e%2e.txt"],
    ["GET", "/api/2.0/mlflow/runs/get?run_id=%ff"], // the query string decodes leniently (U+FFFD): the verb decides
    ["GET", "/experiments/0/runs/abc"],
    ["GET", "/experiments/x/../0"], // pages: Next resolves dot segments as browsers do
    ["GET", "/_next/static/chunks/a.js"],
  ])("%s %s passes", (method, url) => {
    expect(screenRequest(method, url)).toEqual({ verdict: "pass" });
  });

  it.each([
    ["GET", "/api/2.0/mlflow/runs/%ff", MALFORMED],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/a%c0%af", MALFORMED],
    ["GET", "/api/ui/experiments/%ff/runs.csv", MALFORMED],
    ["GET", "/api/trpc/%zz", MALFORMED],
    ["GET", "/ajax-api/2.0/mlflow/%e2%82", MALFORMED],
    ["GET", "/get-artifact/%", MALFORMED],
    ["GET", "/api/2.0/mlflow/x/../experiments/get", DOTTED],
    ["POST", "/api/2.0/mlflow/%2e%2e/%2E%2e/%2e%2e/runs/set-tag", DOTTED],
    ["DELETE", "/api/2.0/mlflow/experiments/%2e%2e/tags", DOTTED],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/./a.txt", DOTTED],
    ["GET", "/api/2.0/mlflow/..", DOTTED],
    ["GET", "/api/..", DOTTED],
    ["GET", "/api/2.0/mlflow/a\\..\\x", DOTTED],
  ])("%s %s is a JSON 400", (method, url, message) => {
    const screening = screenRequest(method, url);
    expect(screening.verdict).toBe("refuse");
    if (screening.verdict !== "refuse") return;
    expect(screening.reply).toEqual({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error_code: "INVALID_PARAMETER_VALUE", message }),
    });
  });

  it.each(["TRACE", "CONNECT", "PROPFIND", "SEARCH"])("%s on an API path is a JSON 405 naming the allowed methods", (method) => {
    const screening = screenRequest(method, "/api/2.0/mlflow/experiments/get");
    expect(screening).toEqual({
      verdict: "refuse",
      reply: {
        status: 405,
        headers: { "content-type": "application/json", allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" },
        body: JSON.stringify({
          error_code: "ENDPOINT_NOT_FOUND",
          message: `Method ${method} is not allowed; use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.`,
        }),
      },
    });
  });

  it("TRACE on a page is a plain 405; an undecodable page address goes to the 404 page", () => {
    const trace = screenRequest("TRACE", "/experiments/0");
    expect(trace.verdict === "refuse" && [trace.reply.status, trace.reply.headers["content-type"]]).toEqual([405, "text/plain; charset=utf-8"]);
    expect(screenRequest("GET", "/experiments/%ff")).toEqual({ verdict: "not-found-page" });
    expect(screenRequest("GET", "/experiments/0/runs/%c0%af")).toEqual({ verdict: "not-found-page" });
  });
});

describe("malformedRequestResponse", () => {
  it("is a complete JSON HTTP response that closes the connection", () => {
    const text = malformedRequestResponse("HPE_INVALID_METHOD");
    const [head, body] = text.split("\r\n\r\n");
    expect(head.split("\r\n")).toEqual([
      "HTTP/1.1 400 Bad Request",
      "Content-Type: application/json",
      `Content-Length: ${body.length}`,
      "Connection: close",
    ]);
    expect(JSON.parse(body)).toEqual({ error_code: "BAD_REQUEST", message: "Malformed HTTP request: Bad Request." });
    expect(malformedRequestResponse("HPE_HEADER_OVERFLOW")).toMatch(/^HTTP\/1\.1 431 /);
  });
});
