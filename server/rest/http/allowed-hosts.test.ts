import os from "node:os";
import { describe, expect, it } from "vitest";
import { hostRefusal, hostRule, INVALID_HOST_MESSAGE, isAllowedHost, parseHostHeader } from "./allowed-hosts";

describe("parseHostHeader", () => {
  it.each([
    ["localhost:5000", { host: "localhost", port: "5000" }],
    ["LocalHost", { host: "localhost", port: "" }],
    ["mlflow.example.com.:80", { host: "mlflow.example.com", port: "80" }],
    ["[::1]:5000", { host: "::1", port: "5000" }],
    ["[FD00::1]", { host: "fd00::1", port: "" }],
    ["127.0.0.1:5000", { host: "127.0.0.1", port: "5000" }],
  ])("%s", (header, expected) => {
    expect(parseHostHeader(header)).toEqual(expected);
  });

  it.each(["", "a b", "user@host", "host:port", "::1", "host:5000:1", "[::1", "a/b"])("refuses %j", (header) => {
    expect(parseHostHeader(header)).toBeUndefined();
  });
});

describe("the default rule", () => {
  const rule = hostRule(undefined, "127.0.0.1");
  const ownAddress = Object.values(os.networkInterfaces()).flat()[0]?.address ?? "127.0.0.1";

  it.each([
    "localhost",
    "localhost:5000",
    "127.0.0.1:5000",
    "127.8.9.10",
    "[::1]:5000",
    "0.0.0.0:5000",
    "10.1.2.3:5000",
    "172.16.0.1",
    "172.31.255.255:80",
    "192.168.1.100:5000",
    "[fd12:3456::1]:5000",
    ownAddress.includes(":") ? `[${ownAddress}]` : ownAddress,
  ])("accepts %s", (host) => {
    expect(isAllowedHost(rule, host)).toBe(true);
  });

  it.each([
    "attacker.example:5000",
    "localhost.attacker.example",
    "127.0.0.1.attacker.example",
    "172.32.0.1",
    "8.8.8.8",
    "[2001:db8::1]",
    "[fd::1]",
    "fc00.attacker.example",
    "",
    undefined,
  ])("refuses %s", (host) => {
    expect(isAllowedHost(rule, host)).toBe(false);
  });

  it("accepts the name the server listens on", () => {
    expect(isAllowedHost(hostRule(undefined, "metron-box"), "metron-box:5000")).toBe(true);
    expect(isAllowedHost(hostRule(undefined, "127.0.0.1"), "metron-box:5000")).toBe(false);
  });
});

describe("--allowed-hosts", () => {
  it("replaces the default with the hosts given, wildcards and ports included", () => {
    const rule = hostRule("mlflow.example.com, *.internal.example ,10.0.0.*, api.example.com:8443, [fd00::5]", undefined);
    const accepted = ["mlflow.example.com", "mlflow.example.com:5000", "a.internal.example:80", "10.0.0.7:5000", "api.example.com:8443", "[fd00::5]:1"];
    const refused = ["localhost:5000", "127.0.0.1", "internal.example", "10.0.1.7", "api.example.com:443", "evil.example", "mlflow.example.com.evil"];
    expect(accepted.filter((h) => !isAllowedHost(rule, h))).toEqual([]);
    expect(refused.filter((h) => isAllowedHost(rule, h))).toEqual([]);
  });

  it("accepts every host with '*'", () => {
    expect(isAllowedHost(hostRule("*", undefined), "anything.example:1")).toBe(true);
    expect(isAllowedHost(hostRule("a.example,*", undefined), undefined)).toBe(true);
  });
});

describe("hostRefusal", () => {
  const rule = hostRule(undefined, "127.0.0.1");

  it("answers MLflow's 403: JSON on API paths, text elsewhere; /health and /version are exempt", () => {
    const json = { status: 403, headers: { "content-type": "application/json" }, body: JSON.stringify({ error_code: "PERMISSION_DENIED", message: INVALID_HOST_MESSAGE }) };
    for (const path of ["/api/2.0/mlflow/runs/search", "/ajax-api/2.0/mlflow/runs/get", "/api/trpc/experimentList.search", "/get-artifact", "/model-versions/get-artifact"]) {
      expect(hostRefusal(rule, path, "evil.example"), path).toEqual(json);
    }
    expect(hostRefusal(rule, "/experiments/1", "evil.example")).toEqual({
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: INVALID_HOST_MESSAGE,
    });
    expect(hostRefusal(rule, "/health", "evil.example")).toBeUndefined();
    expect(hostRefusal(rule, "/version", "evil.example")).toBeUndefined();
    expect(hostRefusal(rule, "/api/2.0/mlflow/runs/search", "localhost:5000")).toBeUndefined();
  });
});
