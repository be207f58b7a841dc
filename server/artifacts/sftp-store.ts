import { randomUUID } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import SftpClient from "ssh2-sftp-client";
import { invalidParameter, MlflowError } from "../services/errors";
import { byName, type ArtifactEntry, type ArtifactStore, type ByteRange } from "./artifact-store";
import { requireFilePath } from "./cloud-store-errors";
import { DEFAULT_STORE_ANSWER_TIMEOUT_MS } from "./idle-timeout";
import { hostKeyIsKnown } from "./known-hosts";
import type { SafeArtifactPath } from "./safe-path";

/** Uploads are written beside their target under this prefix and renamed into place when complete. */
const STAGING_PREFIX = ".metron-upload-";
const MAX_NAME_BYTES = 255;
const DEFAULT_KEY_FILES = ["id_ed25519", "id_ecdsa", "id_rsa"];
// SFTP status 2 (no such file) as ssh2 reports it, and its text as ssh2-sftp-client rewrites it.
const isMissing = (err: unknown) => {
  const { code, message } = err as { code?: unknown; message?: string };
  return code === 2 || code === "ENOENT" || /no such file/i.test(message ?? "");
};

// ssh2 waits for the server's acknowledgement of each chunk written, but sends the packets of one
// chunk together: request bodies arrive in 16–64 KiB pieces, gathered here into 1 MiB writes.
const WRITE_CHUNK_BYTES = 1024 * 1024;

async function* inLargeChunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= WRITE_CHUNK_BYTES) {
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}

export interface SftpTarget {
  host: string;
  port: number;
  username: string;
  password?: string;
}

/** `user:password@host:port` (percent-encoded, as in a URI) → its parts; the user defaults to the current one. */
export function parseSftpAuthority(authority: string): SftpTarget {
  const at = authority.lastIndexOf("@");
  const userInfo = at < 0 ? "" : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  const portMatch = /^(.*?)(?::(\d+))?$/.exec(hostPort)!;
  const colon = userInfo.indexOf(":");
  const username = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon)) || os.userInfo().username;
  const password = colon < 0 ? undefined : decodeURIComponent(userInfo.slice(colon + 1));
  return { host: portMatch[1].replace(/^\[(.*)\]$/, "$1"), port: Number(portMatch[2] ?? 22), username, password };
}

/**
 * Artifacts as files on an SFTP server, below `/` of its file system (`sftp://host/srv/a` keeps
 * `srv/a/…`). Authenticates as MLflow's SFTP store does: the URI's password, else the user's
 * SSH agent and default keys (~/.ssh/id_*); the server's host key must be in ~/.ssh/known_hosts.
 */
export class SftpArtifactStore implements ArtifactStore {
  readonly uri: string;
  private connection: Promise<SftpClient> | undefined;

  constructor(
    private readonly target: SftpTarget,
    private readonly connectTimeoutMs = DEFAULT_STORE_ANSWER_TIMEOUT_MS,
  ) {
    this.uri = `sftp://${target.username}@${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
  }

  async put(relative: SafeArtifactPath, body: Readable): Promise<void> {
    const target = this.remotePath(requireFilePath(relative));
    const sftp = await this.client();
    const dir = path.posix.dirname(target);
    await sftp.mkdir(dir, true).catch(async () => {
      if ((await this.typeOf(dir)) !== "d") throw invalidParameter(`Cannot write '${relative}': a file is in the way.`);
    });
    const staged = path.posix.join(dir, `${STAGING_PREFIX}${randomUUID()}`);
    try {
      const out = sftp.createWriteStream(staged, { flags: "wx" });
      const closed = once(out, "close");
      await pipeline(body, inLargeChunks, out);
      await closed;
      if ((await this.typeOf(target)) === "d") throw invalidParameter(`Cannot write '${relative}': a directory is in the way.`);
      await sftp.posixRename(staged, target);
    } catch (err) {
      await this.client().then((c) => c.delete(staged, true)).catch(() => undefined);
      throw err;
    }
  }

  async sizeOf(relative: SafeArtifactPath): Promise<number | undefined> {
    if (relative === "") return undefined;
    const stat = await (await this.client()).stat(this.remotePath(relative)).catch((err) => {
      if (isMissing(err) || /not a directory/i.test((err as Error).message)) return undefined;
      throw err;
    });
    return stat?.isFile ? stat.size : undefined;
  }

  async read(relative: SafeArtifactPath, range?: ByteRange): Promise<Readable> {
    const stream = (await this.client()).createReadStream(this.remotePath(relative), range ? { start: range.start, end: range.end } : {});
    await once(stream, "open");
    return stream as unknown as Readable;
  }

  async list(relative: SafeArtifactPath): Promise<ArtifactEntry[]> {
    const dir = this.remotePath(relative);
    if ((await this.typeOf(dir)) !== "d") return [];
    const entries: ArtifactEntry[] = [];
    for (const item of await (await this.client()).list(dir)) {
      // In-progress uploads are hidden; symbolic links are not followed, so none can lead elsewhere.
      if (item.name.startsWith(STAGING_PREFIX) || item.type === "l") continue;
      entries.push(item.type === "d" ? { name: item.name, isDir: true } : { name: item.name, isDir: false, size: item.size });
    }
    return entries.sort(byName);
  }

  async delete(relative: SafeArtifactPath): Promise<void> {
    const target = this.remotePath(relative);
    const type = await this.typeOf(target);
    const sftp = await this.client();
    if (type === "d") await sftp.rmdir(target, true);
    else if (type !== undefined) await sftp.delete(target, true);
  }

  /** "d", "-" or "l" for what is at `remote` (not following a final symbolic link), undefined when nothing is. */
  private async typeOf(remote: string): Promise<string | undefined> {
    const sftp = await this.client();
    const stat = await (sftp as SftpClient & { lstat: SftpClient["stat"] }).lstat(remote).catch((err: unknown) => {
      if (isMissing(err) || /not a directory/i.test((err as Error).message)) return undefined;
      throw err;
    });
    if (!stat) return undefined;
    return stat.isDirectory ? "d" : stat.isSymbolicLink ? "l" : "-";
  }

  private remotePath(relative: SafeArtifactPath): string {
    if (relative.split("/").some((name) => name.startsWith(STAGING_PREFIX))) {
      throw invalidParameter(`Invalid path '${relative}': names starting with '${STAGING_PREFIX}' are reserved for uploads in progress.`);
    }
    // Remote file systems refuse longer names too; that is the client's bad path, not a server fault.
    const tooLong = relative.split("/").find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
    if (tooLong) throw invalidParameter(`Invalid path: the name '${tooLong.slice(0, 40)}…' is longer than ${MAX_NAME_BYTES} bytes.`);
    return `/${relative}`;
  }

  /** One connection per store, opened on first use and again after it drops. */
  private client(): Promise<SftpClient> {
    this.connection ??= this.connect().catch((err) => {
      this.connection = undefined;
      throw err;
    });
    return this.connection;
  }

  private async connect(): Promise<SftpClient> {
    const client = new SftpClient();
    const { host, port, username, password } = this.target;
    const home = os.homedir();
    const keyFile = password === undefined ? DEFAULT_KEY_FILES.map((name) => path.join(home, ".ssh", name)).find((f) => fs.existsSync(f)) : undefined;
    let unknownHostKey = false;
    try {
      await client.connect({
        host,
        port,
        username,
        password,
        privateKey: keyFile ? fs.readFileSync(keyFile) : undefined,
        agent: password === undefined ? process.env.SSH_AUTH_SOCK : undefined,
        readyTimeout: this.connectTimeoutMs,
        retries: 0,
        hostVerifier: (key: Buffer) => {
          unknownHostKey = !hostKeyIsKnown(path.join(home, ".ssh", "known_hosts"), host, port, key);
          return !unknownHostKey;
        },
      } as SftpClient.ConnectOptions);
    } catch (err) {
      if (unknownHostKey) {
        throw new MlflowError("TEMPORARILY_UNAVAILABLE", `The artifact store ${this.uri} presented a host key that is not in ~/.ssh/known_hosts: refusing to connect.`);
      }
      throw err;
    }
    const forget = () => {
      this.connection = undefined;
    };
    client.on("end", forget);
    client.on("close", forget);
    client.on("error", forget);
    return client;
  }
}
