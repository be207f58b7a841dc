import { describe, expect, it } from "vitest";
import { databaseHosts, urlForHost } from "./database-hosts";

describe("databaseHosts", () => {
  it.each([
    ["postgres://u:p@db.example:6432/metron", [{ host: "db.example", port: 6432 }]],
    ["postgresql://db.example/metron", [{ host: "db.example", port: 5432 }]],
    [
      "postgres://postgres@127.0.0.1:56002,127.0.0.1:56003/metron?target_session_attrs=read-write&sslmode=prefer",
      [
        { host: "127.0.0.1", port: 56002 },
        { host: "127.0.0.1", port: 56003 },
      ],
    ],
    ["postgres://u:p%40ss@a,b:7000/db", [{ host: "a", port: 5432 }, { host: "b", port: 7000 }]],
    ["postgres://u@[::1]:5433,[fe80::2]/db", [{ host: "::1", port: 5433 }, { host: "fe80::2", port: 5432 }]],
    ["postgres://u:p@/db", [{ host: "localhost", port: 5432 }]],
  ])("%s", (url, hosts) => {
    expect(databaseHosts(url)).toEqual(hosts);
  });
});

describe("urlForHost", () => {
  it("keeps the credentials, database and parameters, naming one host", () => {
    const url = "postgres://metron:s%40cret@10.0.0.1:5432,10.0.0.2:5433/metron?target_session_attrs=read-write&sslmode=require";
    expect(urlForHost(url, { host: "10.0.0.2", port: 5433 })).toBe(
      "postgres://metron:s%40cret@10.0.0.2:5433/metron?target_session_attrs=read-write&sslmode=require",
    );
  });

  it("brackets an IPv6 host and works without credentials or path", () => {
    expect(urlForHost("postgres://a:1,b:2", { host: "::1", port: 2 })).toBe("postgres://[::1]:2");
  });
});
