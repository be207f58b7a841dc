import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostKeyIsKnown } from "./known-hosts";
import { parseSftpAuthority } from "./sftp-store";

describe("parseSftpAuthority", () => {
  it.each([
    ["me@host", { host: "host", port: 22, username: "me", password: undefined }],
    ["me:s%40cret%3A1@host:2222", { host: "host", port: 2222, username: "me", password: "s@cret:1" }],
    ["me@[::1]:2200", { host: "::1", port: 2200, username: "me", password: undefined }],
    ["host", { host: "host", port: 22, username: os.userInfo().username, password: undefined }],
  ])("%s", (authority, expected) => {
    expect(parseSftpAuthority(authority)).toEqual(expected);
  });
});

describe("hostKeyIsKnown", () => {
  const key = Buffer.from("the host key blob");
  const other = Buffer.from("another key");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metron-known-hosts-")), "known_hosts");
  const salt = Buffer.from("0123456789abcdefghij");
  const hashed = (name: string) => `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
  fs.writeFileSync(
    file,
    [`# comment`, `plain.example,10.0.0.1 ssh-ed25519 ${key.toString("base64")}`, `[ported.example]:2222 ssh-ed25519 ${key.toString("base64")}`, `${hashed("hidden.example")} ssh-ed25519 ${key.toString("base64")}`].join("\n"),
  );

  it.each<[string, number, Buffer, boolean]>([
    ["plain.example", 22, key, true],
    ["10.0.0.1", 22, key, true],
    ["plain.example", 22, other, false],
    ["plain.example", 2222, key, false],
    ["ported.example", 2222, key, true],
    ["ported.example", 22, key, false],
    ["hidden.example", 22, key, true],
    ["hidden.example", 22, other, false],
    ["unknown.example", 22, key, false],
  ])("%s:%i → %s", (host, port, presented, known) => {
    expect(hostKeyIsKnown(file, host, port, presented)).toBe(known);
  });

  it("knows no host when the file is missing", () => {
    expect(hostKeyIsKnown(path.join(path.dirname(file), "missing"), "plain.example", 22, key)).toBe(false);
  });
});
