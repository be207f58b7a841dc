import { BlobServiceClient } from "@azure/storage-blob";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/**
 * A real storage service for the artifact tests, in its own process: Azurite (Azure Blob), the GCS
 * test server (server/testing/gcs-test-server.mjs) or OpenSSH's sshd with its sftp subsystem.
 */
export interface StoreTestServer {
  label: string;
  /** The store's URI for `prefix` (a folder in it), as MLFLOW_ARTIFACTS_DESTINATION or a run's location. */
  uri(prefix: string): string;
  /** Credentials and endpoints a Metron server (or CLI) needs in its environment to reach the store. */
  env: Record<string, string>;
  /** Every stored file, with its size, as the service itself holds them (read beside Metron, not through it). */
  storedFiles(): Promise<string[]>;
  /** Uploads begun and not finished that the service still holds (sessions, staged files). */
  pendingUploads(): Promise<string[]>;
  /** A URI naming the same kind of store at a port nobody listens on. */
  unreachableUri(): Promise<string>;
  stop(): Promise<void>;
}

const AZURITE_ACCOUNT = "devstoreaccount1";
// Azurite's published development key (the same in every installation; not a secret).
const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export async function startAzuriteTestServer(container = "metron-test"): Promise<StoreTestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "metron-azurite-"));
  const bin = path.resolve(import.meta.dirname, "../../node_modules/.bin/azurite-blob");
  const { child, match } = await spawnUntil(
    bin,
    ["--blobHost", "127.0.0.1", "--blobPort", "0", "--location", directory, "--disableTelemetry", "--skipApiVersionCheck", "--silent"],
    /successfully listens on (http:\/\/\S+)/,
  );
  const endpoint = `${match[1]}/${AZURITE_ACCOUNT}`;
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${endpoint};`;
  const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  await client.createIfNotExists();
  const blobs = async (includeUncommitedBlobs: boolean) => {
    const names: string[] = [];
    for await (const blob of client.listBlobsFlat({ includeUncommitedBlobs })) names.push(`${blob.name} ${blob.properties.contentLength}`);
    return names.sort();
  };
  return {
    label: "Azure Blob (Azurite)",
    uri: (prefix) => `wasbs://${container}@${AZURITE_ACCOUNT}.blob.core.windows.net/${prefix}`,
    env: { AZURE_STORAGE_CONNECTION_STRING: connectionString },
    storedFiles: () => blobs(false),
    // Blobs that have only uncommitted blocks: an upload staged and never committed.
    pendingUploads: async () => {
      const committed = new Set((await blobs(false)).map((b) => b.split(" ")[0]));
      return (await blobs(true)).map((b) => b.split(" ")[0]).filter((name) => !committed.has(name));
    },
    unreachableUri: async () => `wasbs://${container}@${AZURITE_ACCOUNT}.blob.core.windows.net/x`,
    stop: () => stopProcess(child, directory),
  };
}

export async function startGcsTestServer(bucket = "metron-test"): Promise<StoreTestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "metron-gcs-"));
  const script = path.resolve(import.meta.dirname, "gcs-test-server.mjs");
  const { child, match } = await spawnUntil(process.execPath, [script, directory, bucket], /GCS test server listening on (http:\/\/\S+)/);
  const objects = path.join(directory, "objects");
  return {
    label: "Google Cloud Storage (test server)",
    uri: (prefix) => `gs://${bucket}/${prefix}`,
    env: { METRON_GCS_ENDPOINT_URL: match[1] },
    storedFiles: async () => fs.readdirSync(objects).map((f) => `${decodeURIComponent(f)} ${fs.statSync(path.join(objects, f)).size}`).sort(),
    pendingUploads: async () => fs.readdirSync(path.join(directory, "sessions")),
    unreachableUri: async () => `gs://${bucket}/x`,
    stop: () => stopProcess(child, directory),
  };
}

/** Whether OpenSSH's server and ssh-keygen are installed (.ci/run installs openssh-server). */
export const SSHD = ["/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/lib/openssh/sftp-server"].every((f) => fs.existsSync(f));

/**
 * sshd as the current user on a free loopback port, in a temporary folder with a generated host
 * key and user key. `home` is a HOME for the Metron server: its ~/.ssh holds the user key and a
 * known_hosts naming the host key. Files are stored below `root` (a real folder on this disk).
 */
export async function startSftpTestServer(): Promise<StoreTestServer & { root: string; home: string }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "metron-sftp-"));
  const root = path.join(directory, "root");
  const home = path.join(directory, "home");
  const ssh = path.join(home, ".ssh");
  fs.mkdirSync(root);
  fs.mkdirSync(ssh, { recursive: true, mode: 0o700 });
  const keygen = (file: string) => spawnSync("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file], { stdio: "ignore" });
  keygen(path.join(directory, "host_key"));
  keygen(path.join(ssh, "id_ed25519"));
  fs.copyFileSync(path.join(ssh, "id_ed25519.pub"), path.join(directory, "authorized_keys"));
  fs.chmodSync(path.join(directory, "authorized_keys"), 0o600);
  const port = await freePort();
  const config = path.join(directory, "sshd_config");
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${path.join(directory, "host_key")}`,
      `PidFile ${path.join(directory, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(directory, "authorized_keys")}`,
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      "UsePAM no",
      "StrictModes no",
      "PermitRootLogin yes",
      "Subsystem sftp internal-sftp",
      "LogLevel ERROR",
      "MaxStartups 100",
      "MaxSessions 100",
      "",
    ].join("\n"),
  );
  const hostKey = fs.readFileSync(path.join(directory, "host_key.pub"), "utf8").split(" ").slice(0, 2).join(" ");
  fs.writeFileSync(path.join(ssh, "known_hosts"), `[127.0.0.1]:${port} ${hostKey}\n`);
  // Started as root, sshd insists on its privilege-separation folder, which Debian's service unit
  // creates at boot and a container without the service lacks.
  if (process.getuid?.() === 0) fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const child = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr!.on("data", (c) => (output += c));
  await waitForPort(port, child, () => output);
  const user = os.userInfo().username;
  const list = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => path.relative(root, path.join(d.parentPath, d.name)));
  return {
    label: "SFTP (OpenSSH)",
    root,
    home,
    uri: (prefix) => `sftp://${user}@127.0.0.1:${port}${root}/${prefix}`,
    env: { HOME: home },
    storedFiles: async () => list(root).map((f) => `${f} ${fs.statSync(path.join(root, f)).size}`).sort(),
    pendingUploads: async () => list(root).filter((f) => path.basename(f).startsWith(".metron-upload-")),
    unreachableUri: async () => `sftp://${user}@127.0.0.1:${await freePort()}${root}/x`,
    stop: () => stopProcess(child, directory),
  };
}

async function spawnUntil(command: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the child
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = ready.exec(output);
      if (found) resolve(found);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${path.basename(command)} exited with ${code}:\n${output}`)));
  });
  return { child, match };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(true)).on("error", () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 500);
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}:\n${output()}`);
}

async function stopProcess(child: ChildProcess, directory: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(directory, { recursive: true, force: true });
}
