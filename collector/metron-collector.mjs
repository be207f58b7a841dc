#!/usr/bin/env node
// The `metron-collector` command: runs collector/dist, compiling it first when missing or older than a
// source (fresh clone, pull), so `npx metron-collector …` always runs the current sources with Node alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isOlderThanSources } from "../server/cli/build-staleness.mjs";

const collectorDir = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(collectorDir, "dist", "main.js");

if (isBuildStale()) buildUnderLock();
await import(pathToFileURL(entry).href);

function isBuildStale() {
  const isSource = (name) => (name.endsWith(".ts") && !name.endsWith(".test.ts")) || name === "tsconfig.json";
  return isOlderThanSources(entry, [collectorDir], { isSource, skipDirs: ["dist", "testing", "fixtures"] });
}

// Several collectors may start at once (a test suite, a multi-GPU launcher); one compiles, the
// others wait for it and then use its output.
function buildUnderLock() {
  const lock = path.join(collectorDir, "dist.build-lock");
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      if (!isLockHolderAlive(lock)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) fail(`another process has been compiling the collector for 2 minutes (lock ${lock})`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (isBuildStale()) compile();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isLockHolderAlive(lock) {
  const pid = Number(fs.readFileSync(lock, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function compile() {
  const tsc = path.join(collectorDir, "..", "node_modules", "typescript", "bin", "tsc");
  if (!fs.existsSync(tsc)) fail("collector/dist is missing and TypeScript is not installed: run `npm install && npm run build:collector`");
  // Compile next to dist and swap it in, so a collector starting meanwhile never sees half a build.
  const fresh = path.join(collectorDir, `dist.building-${process.pid}`);
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(collectorDir, "tsconfig.json"), "--outDir", fresh], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) {
    fs.rmSync(fresh, { recursive: true, force: true });
    fail("compiling the collector failed (see the errors above)");
  }
  fs.rmSync(path.join(collectorDir, "dist"), { recursive: true, force: true });
  fs.renameSync(fresh, path.join(collectorDir, "dist"));
}

function fail(message) {
  console.error(`metron-collector: ${message}`);
  process.exit(1);
}
