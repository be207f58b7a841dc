// How fast one Node process can send a file over HTTP, and at what CPU cost: `createReadStream`
// piped into the response (a fresh buffer per chunk) against FileByteStream.writeTo (two reused
// buffers), alternating, with curl receiving into /dev/null so that no disk write is measured.
//   node --import tsx bench/artifacts/raw-send.ts [size in MiB, default 1024] [rounds, default 3]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { FileByteStream } from "../../server/artifacts/file-byte-stream";

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] ?? 1024);
const rounds = Number(process.argv[3] ?? 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "metron-raw-send-"));
const file = path.join(work, "source.bin");

type Mode = "createReadStream + pipe" | "FileByteStream.writeTo";
let mode: Mode = "FileByteStream.writeTo";

const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-length": sizeMiB * MiB, "content-type": "application/octet-stream" });
  if (mode === "FileByteStream.writeTo") new FileByteStream(file).writeTo(res).catch(() => {});
  else pipeline(fs.createReadStream(file, { highWaterMark: MiB }), res).catch(() => {});
});

try {
  const block = randomBytes(64 * MiB);
  const out = fs.openSync(file, "w");
  for (let written = 0; written < sizeMiB * MiB; written += block.length) fs.writeSync(out, block, 0, Math.min(block.length, sizeMiB * MiB - written));
  fs.closeSync(out);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const results: Record<Mode, { seconds: number[]; cpu: number[] }> = {
    "createReadStream + pipe": { seconds: [], cpu: [] },
    "FileByteStream.writeTo": { seconds: [], cpu: [] },
  };
  for (let round = 0; round < rounds; round++) {
    for (const m of Object.keys(results) as Mode[]) {
      mode = m;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      // curl runs in a child while this process serves (a synchronous spawn would block our event loop).
      await new Promise<void>((resolve, reject) => {
        const child = spawn("curl", ["--silent", "--fail", "--output", "/dev/null", url], { stdio: "ignore" });
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`curl exited with ${code}`))));
      });
      results[m].seconds.push((performance.now() - started) / 1000);
      const cpu = process.cpuUsage(cpuBefore);
      results[m].cpu.push((cpu.user + cpu.system) / 1e6);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${sizeMiB} MiB from the page cache to curl > /dev/null, median of ${rounds}:`);
  for (const [m, r] of Object.entries(results)) {
    console.log(`${m.padEnd(24)} ${((sizeMiB * MiB) / 1e6 / median(r.seconds)).toFixed(0).padStart(5)} MB/s, server CPU ${median(r.cpu).toFixed(2)} s`);
  }
} finally {
  server.close();
  fs.rmSync(work, { recursive: true, force: true });
}

