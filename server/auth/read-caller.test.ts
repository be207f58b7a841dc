import { describe, expect, it } from "vitest";
import type { RestRequest } from "../rest/http/exchange";
import { ADMIN, LISTING, read, edit, SIGNED_IN } from "./rules";
import { runIn } from "./resource-refs";
import { onlyReads, readCallerOf } from "./read-caller";
import { LOCAL, type Principal } from "./principal";

const request = (headers: Record<string, string>, clientAddress?: string) =>
  ({ header: (name: string) => headers[name] ?? null, clientAddress }) as unknown as RestRequest;

describe("readCallerOf", () => {
  const user: Principal = { kind: "user", userId: 7, username: "ada", isAdmin: false, via: "token", tokenId: 3 };
  it.each([
    { case: "a signed-in user, whatever the client", req: request({ "user-agent": "mlflow-python" }, "10.0.0.1"), principal: user, key: "user:7" },
    { case: "a share link", req: request({}, "10.0.0.1"), principal: { kind: "share", linkId: "abc", runIds: [] } as Principal, key: "share:abc" },
    { case: "auth off: address and User-Agent", req: request({ "user-agent": "curl/8" }, "10.0.0.1"), principal: LOCAL, key: "client:10.0.0.1 curl/8" },
    { case: "behind a proxy: the first forwarded address", req: request({ "user-agent": "curl/8", "x-forwarded-for": "192.0.2.4, 10.0.0.9" }, "10.0.0.1"), principal: LOCAL, key: "client:192.0.2.4 curl/8" },
    { case: "no address known (Next's door) and no User-Agent", req: request({}), principal: LOCAL, key: "client: " },
  ])("$case → $key", ({ req, principal, key }) => {
    expect(readCallerOf(req, principal)).toBe(key);
  });
});

describe("onlyReads", () => {
  it.each([
    { method: "GET", access: SIGNED_IN, reads: true },
    { method: "POST", access: read(runIn("runId")), reads: true },
    { method: "POST", access: LISTING, reads: true },
    { method: "POST", access: edit(runIn("runId")), reads: false },
    { method: "POST", access: SIGNED_IN, reads: false },
    { method: "DELETE", access: ADMIN, reads: false },
  ])("$method with a $access.kind rule → $reads", ({ method, access, reads }) => {
    expect(onlyReads(method, access)).toBe(reads);
  });
});
