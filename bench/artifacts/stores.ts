// Artifact proxy throughput on Azure Blob (Azurite), GCS (the test server) and SFTP (sshd): for
// each store, a file is uploaded then downloaded through /api/2.0/mlflow-artifacts (curl) and
// directly with the store's own client in this process, in the same round; the figure is direct
// time / proxy time (1.0 = the proxy costs nothing). The server's VmRSS is sampled every 100 ms.
//   node --import tsx bench/artifacts/stores.ts [size in MiB, default 2048] [--rounds N, default 1] [--stores azure,gcs,sftp]
// The server runs --artifacts-only (no database), as bench:artifacts does, so RSS shows the transfer.
import { BlobServiceClient } from "@azure/storage-blob";
import { Storage } from "@google-cloud/storage";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SftpClient from "ssh2-sftp-client";
import { startAzuriteTestServer, startGcsTestServer, startSftpTestServer, type StoreTestServer } from "../../server/testing/store-test-servers";
import { startTestServer } from "../../server/testing/test-server";
import { curl, MiB, peakRss, sha256, timed, writeRandomFile } from "./measure";

const args = process.argv.slice(2);
const flag = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const rounds = Number(flag("--rounds") ?? 1);
const storeNames = (flag("--stores") ?? "azure,gcs,sftp").split(",");
const sizeMiB = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith("--")) ?? 2048);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-stores-"));
const source = path.join(work, "source.bin");
const downloaded = path.join(work, "downloaded.bin");

/** The store's own client: upload and download of a local file, as a team would use it directly. */
interface DirectClient {
  upload(file: string, key: string): Promise<void>;
  download(key: string, file: string): Promise<void>;
  close(): Promise<void>;
}

async function directClient(name: string, store: StoreTestServer): Promise<DirectClient> {
  if (name === "azure") {
    const container = BlobServiceClient.fromConnectionString(store.env.AZURE_STORAGE_CONNECTION_STRING).getContainerClient("metron-test");
    return {
      upload: async (file, key) => void (await container.getBlockBlobClient(key).uploadFile(file, { blockSize: 8 * MiB, concurrency: 4 })),
      download: async (key, file) => void (await container.getBlobClient(key).downloadToFile(file)),
      close: async () => {},
    };
  }
  if (name === "gcs") {
    const bucket = new Storage({ apiEndpoint: store.env.METRON_GCS_ENDPOINT_URL }).bucket("metron-test");
    return {
      upload: async (file, key) => void (await bucket.upload(file, { destination: key, resumable: true, chunkSize: 8 * MiB })),
      download: async (key, file) => void (await bucket.file(key).download({ destination: file })),
      close: async () => {},
    };
  }
  const sftp = new SftpClient();
  const [, user, port] = /^sftp:\/\/([^@]+)@127\.0\.0\.1:(\d+)/.exec(store.uri(""))!;
  await sftp.connect({ host: "127.0.0.1", port: Number(port), username: user, privateKey: fs.readFileSync(path.join(store.env.HOME, ".ssh/id_ed25519")) });
  const root = store.uri("").replace(/^sftp:\/\/[^/]+/, "");
  return {
    upload: async (file, key) => {
      await sftp.mkdir(path.posix.dirname(`${root}${key}`), true);
      await sftp.put(fs.createReadStream(file, { highWaterMark: MiB }), `${root}${key}`);
    },
    download: async (key, file) => void (await sftp.get(`${root}${key}`, fs.createWriteStream(file))),
    close: async () => void (await sftp.end()),
  };
}

const STARTERS: Record<string, () => Promise<StoreTestServer>> = { azure: startAzuriteTestServer, gcs: startGcsTestServer, sftp: startSftpTestServer };

try {
  console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; writing a ${sizeMiB} MiB file of random bytes …`);
  writeRandomFile(source, sizeMiB);
  const expected = await sha256(source);

  for (const name of storeNames) {
    const store = await STARTERS[name]();
    const server = await startTestServer("pglite", {
      env: { ...store.env, MLFLOW_ARTIFACTS_DESTINATION: store.uri("bench"), METRON_LOG_LEVEL: "warn" },
      args: ["--artifacts-only"],
    });
    const direct = await directClient(name, store);
    try {
      const pid = server.process.pid!;
      const idle = await peakRss(pid, async () => {});
      for (let round = 0; round < rounds; round++) {
        const url = `${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/proxied-${round}.bin`;
        const directUp = await timed(() => direct.upload(source, `bench/direct-${round}.bin`));
        const up = await peakRss(pid, () => timed(() => curl(["--upload-file", source, "--output", "/dev/null", url])));
        fs.rmSync(downloaded, { force: true });
        const directDown = await timed(() => direct.download(`bench/direct-${round}.bin`, downloaded));
        const directIntact = (await sha256(downloaded)) === expected;
        fs.rmSync(downloaded, { force: true });
        const down = await peakRss(pid, () => timed(() => curl(["--output", downloaded, url])));
        const intact = (await sha256(downloaded)) === expected;
        const mbs = (s: number) => `${((sizeMiB * MiB) / 1e6 / s).toFixed(0)} MB/s`;
        console.log(
          `${store.label}, ${sizeMiB} MiB, round ${round + 1}: ` +
            `upload proxy ${up.result.toFixed(1)} s (${mbs(up.result)}) vs direct ${directUp.toFixed(1)} s (${mbs(directUp)}) = ${(directUp / up.result).toFixed(2)}; ` +
            `download proxy ${down.result.toFixed(1)} s (${mbs(down.result)}) vs direct ${directDown.toFixed(1)} s (${mbs(directDown)}) = ${(directDown / down.result).toFixed(2)}; ` +
            `server RSS idle ${idle.peakMiB.toFixed(0)} MiB, peak ${Math.max(up.peakMiB, down.peakMiB).toFixed(0)} MiB (upload ${up.peakMiB.toFixed(0)}, download ${down.peakMiB.toFixed(0)}; target ≤ 300); ` +
            `bytes ${intact && directIntact ? "identical (sha256)" : "MISMATCH"}; load ${os.loadavg()[0].toFixed(2)}`,
        );
        if (!intact || !directIntact) process.exitCode = 1;
      }
    } finally {
      await direct.close();
      await server.stop();
      await store.stop();
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
