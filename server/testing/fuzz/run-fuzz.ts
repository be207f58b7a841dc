import http from "node:http";
import type { FuzzFixtures, Size } from "./hostile-values";
import { nextFuzzRequest, resetTurns, type FuzzRequest } from "./fuzz-requests";
import { Random } from "./random";

// Sends the generated requests to a running server and judges each answer: never a 5xx, never
// a hang, and on API paths every error is JSON (MLflow's {error_code, message}; tRPC's own shape
// on /api/trpc).

export interface FuzzFinding {
  request: string;
  status: number | "no answer";
  body: string;
}

export interface FuzzReport {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  byFamily: Record<string, number>;
  /** The MLflow routes and tRPC procedures that received at least one request. */
  targetsHit: Set<string>;
  serverErrors: FuzzFinding[];
  nonJsonErrors: FuzzFinding[];
  hung: FuzzFinding[];
  /** Answers other than the one status the request must have (a body over its limit: 413). */
  wrongStatus: FuzzFinding[];
  ms: number;
}

const API_PATH = /^\/(?:api|ajax-api|get-artifact|model-versions\/get-artifact|health|version)(?:[/?\\]|$)/;
const ANSWER_TIMEOUT_MS = 30_000;

export interface FuzzOptions {
  baseUrl: string;
  fixtures: FuzzFixtures;
  seed: number;
  requests: number;
  size: Size;
  concurrency?: number;
  /** Sent with every request that names no credentials of its own (auth on: an admin's token, so requests reach the handlers). */
  authorization?: string;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const rng = new Random(options.seed);
  resetTurns();
  const report: FuzzReport = { seed: options.seed, sent: 0, byStatus: {}, byFamily: {}, targetsHit: new Set(), serverErrors: [], nonJsonErrors: [], hung: [], wrongStatus: [], ms: 0 };
  const started = performance.now();
  // Requests are generated up front, in order, so a seed always means the same requests.
  const requests = Array.from({ length: options.requests }, () => nextFuzzRequest(rng, options.fixtures, options.size));
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      report.sent++;
      report.byFamily[request.family] = (report.byFamily[request.family] ?? 0) + 1;
      if (request.target) report.targetsHit.add(request.target);
      const withAuth = options.authorization && !request.headers.authorization ? { ...request, headers: { ...request.headers, authorization: options.authorization } } : request;
      judge(request, await send(options.baseUrl, withAuth, agent), report);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  agent.destroy();
  report.ms = Math.round(performance.now() - started);
  return report;
}

interface Answer {
  status: number | "no answer";
  contentType: string;
  body: string;
}

function send(baseUrl: string, request: FuzzRequest, agent: http.Agent): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const headers = { ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) };
    let req: http.ClientRequest;
    try {
      req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent, timeout: ANSWER_TIMEOUT_MS });
    } catch (err) {
      resolve({ status: "no answer", contentType: "", body: `client refused to send: ${(err as Error).message}` });
      return;
    }
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < 4096) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode!, contentType: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8").slice(0, 4096) }));
      res.on("error", (err) => resolve({ status: res.statusCode!, contentType: "", body: `cut short: ${err.message}` }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
    req.on("error", (err) => resolve({ status: "no answer", contentType: "", body: err.message }));
    req.end(request.body);
  });
}

function judge(request: FuzzRequest, answer: Answer, report: FuzzReport): void {
  report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
  const finding = (): FuzzFinding => ({ request: `${request.method} ${request.path.slice(0, 300)}`, status: answer.status, body: answer.body.slice(0, 300) });
  if (answer.status === "no answer") {
    // Node's parser closes the connection after answering a request it refuses: that is an answer.
    if (!/socket hang up|ECONNRESET/.test(answer.body) || !isOddMethod(request.method)) report.hung.push(finding());
    return;
  }
  if (request.expectStatus !== undefined && answer.status !== request.expectStatus) report.wrongStatus.push(finding());
  // 501 NOT_IMPLEMENTED is MLflow's signal (not a fault) that the store has no multipart uploads: clients fall back.
  const isNotImplemented = answer.status === 501 && answer.body.includes('"NOT_IMPLEMENTED"');
  if (answer.status >= 500 && !isNotImplemented) report.serverErrors.push(finding());
  if (answer.status >= 400 && request.method !== "HEAD" && API_PATH.test(request.path) && !isJsonError(request.path, answer)) report.nonJsonErrors.push(finding());
}

function isOddMethod(method: string): boolean {
  return !["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(method);
}

function isJsonError(path: string, answer: Answer): boolean {
  if (!answer.contentType.startsWith("application/json")) return false;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return answer.body.length >= 4096; // cut at 4 KB by us: the prefix was JSON text
  }
  const isMlflow = (b: unknown) => typeof (b as { error_code?: unknown })?.error_code === "string" && typeof (b as { message?: unknown }).message === "string";
  const isTrpc = (b: unknown) => typeof (b as { error?: { message?: unknown } })?.error?.message === "string";
  if (isMlflow(body)) return true;
  return path.startsWith("/api/trpc/") && (isTrpc(body) || (Array.isArray(body) && body.every(isTrpc)));
}
