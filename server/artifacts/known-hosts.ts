import { createHmac } from "node:crypto";
import fs from "node:fs";

/**
 * Whether `key` (the raw host key blob the server presented) is listed for `host`:`port` in an
 * OpenSSH known_hosts file, plain or hashed (`|1|salt|hash`) entries alike. No file: not known.
 */
export function hostKeyIsKnown(file: string, host: string, port: number, key: Buffer): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  const name = port === 22 ? host : `[${host}]:${port}`;
  const presented = key.toString("base64");
  return text.split("\n").some((line) => {
    const [hosts, , encodedKey] = line.trim().split(/\s+/);
    if (!hosts || hosts.startsWith("#") || hosts.startsWith("@") || encodedKey !== presented) return false;
    return hosts.split(",").some((pattern) => pattern === name || hashedMatch(pattern, name));
  });
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split("|");
  if (magic !== "1" || !salt || !hash) return false;
  return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash;
}
