// Artifact proxy throughput on local disk: uploads then downloads a 2 GiB file through
// /api/2.0/mlflow-artifacts, compares each direction with `cp` of the same file, and samples the
// server's resident memory (VmRSS, every 100 ms) during the transfers. Deletes its files at the end.
// The disk's write-back makes any single copy time swing by 2× or more on this machine, so it runs
// ROUNDS rounds of (cp, upload, download), each step starting after `sync` with the previous
// step's file removed, and reports each direction against the cp of its own round (median).
//   node --import tsx bench/artifacts/run.ts [size in MiB, default 2048] [--rounds N, default 3] [--artifacts-only | --postgres]
// --artifacts-only serves the proxy without a database: the embedded PGlite alone holds ~600 MiB
// resident, which would hide what the transfer itself costs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestServer } from "../../server/testing/test-server";
import { curl, MiB, peakRss, sha256, timed, writeRandomFile } from "./measure";

const args = process.argv.slice(2);
const isArtifactsOnly = args.includes("--artifacts-only");
// --postgres: the server runs on PostgreSQL (a fresh metron_bench_artifacts database, or
// METRON_BENCH_DATABASE_URL) instead of PGlite.
const isPostgres = args.includes("--postgres");
const roundsFlag = args.indexOf("--rounds");
const rounds = roundsFlag >= 0 ? Number(args[roundsFlag + 1]) : 3;
const sizeMiB = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--rounds") ?? 2048);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-artifacts-"));
const source = path.join(work, "source.bin");
const copied = path.join(work, "copied.bin");
const downloaded = path.join(work, "downloaded.bin");
const destination = path.join(work, "destination");

const upload = (url: URL) => curl(["--upload-file", source, "--output", "/dev/null", url.href]);
const download = (url: URL) => curl(["--output", downloaded, url.href]);

const mbPerSecond = (seconds: number) => (sizeMiB * MiB) / 1e6 / seconds;

try {
  console.log(`Writing a ${sizeMiB} MiB file of random bytes in ${work} …`);
  writeRandomFile(source, sizeMiB);

  const copy = async () => {
    const cp = spawnSync("cp", [source, copied]);
    if (cp.status !== 0) throw new Error(`cp failed: ${cp.stderr}`);
  };

  const server = await startTestServer(isPostgres ? "postgres" : "pglite", {
    databaseUrl: process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_artifacts",
    env: { METRON_ARTIFACTS_DIR: destination, METRON_LOG_LEVEL: "warn" },
    args: isArtifactsOnly ? ["--artifacts-only"] : [],
  });
  try {
    const pid = server.process.pid!;
    const url = new URL(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/bench/big.bin`);
    const idle = await peakRss(pid, async () => {});
    const cpSeconds: number[] = [];
    const upSeconds: number[] = [];
    const downSeconds: number[] = [];
    let peakUp = 0;
    let peakDown = 0;
    for (let round = 0; round < rounds; round++) {
      fs.rmSync(copied, { force: true });
      cpSeconds.push(await timed(copy));
      fs.rmSync(copied);
      const up = await peakRss(pid, () => timed(() => upload(url)));
      fs.rmSync(downloaded, { force: true });
      const down = await peakRss(pid, () => timed(() => download(url)));
      upSeconds.push(up.result);
      downSeconds.push(down.result);
      peakUp = Math.max(peakUp, up.peakMiB);
      peakDown = Math.max(peakDown, down.peakMiB);
      console.log(`round ${round + 1}: cp ${cpSeconds[round].toFixed(2)} s, upload ${up.result.toFixed(2)} s, download ${down.result.toFixed(2)} s`);
    }
    const intact = fs.statSync(downloaded).size === sizeMiB * MiB && (await sha256(source)) === (await sha256(downloaded));

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratios = (seconds: number[]) => seconds.map((s, i) => cpSeconds[i] / s);
    const report = (seconds: number[]) =>
      `${mbPerSecond(median(seconds)).toFixed(0)} MB/s (median ${median(seconds).toFixed(2)} s) = ${median(ratios(seconds)).toFixed(2)} of cp ` +
      `(per round: ${ratios(seconds).map((r) => r.toFixed(2)).join(", ")}; target ≥ 0.5)`;
    console.log(`file:            ${sizeMiB} MiB (MB = 10^6 bytes below), ${rounds} rounds; client: curl; store: local disk; server: ${isArtifactsOnly ? "--artifacts-only (no database)" : isPostgres ? "PostgreSQL" : "default (embedded PGlite)"}`);
    console.log(`cp:              ${mbPerSecond(median(cpSeconds)).toFixed(0)} MB/s (median ${median(cpSeconds).toFixed(2)} s)`);
    console.log(`upload (PUT):    ${report(upSeconds)}`);
    console.log(`download (GET):  ${report(downSeconds)}`);
    console.log(
      `server peak RSS: ${peakUp.toFixed(0)} MiB during uploads, ${peakDown.toFixed(0)} MiB during downloads, ` +
        `${idle.peakMiB.toFixed(0)} MiB idle before (target ≤ 300 MiB); ` +
        `transfer adds at most ${Math.max(0, Math.max(peakUp, peakDown) - idle.peakMiB).toFixed(0)} MiB`,
    );
    console.log(`round trip:      ${intact ? "identical bytes (size and sha256)" : "MISMATCH"}`);
    if (!intact) process.exitCode = 1;
  } finally {
    await server.stop();
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
