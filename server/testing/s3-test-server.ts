import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** s3rver's storage folder: objects, and in-progress multipart parts under `<bucket>/._S3rver_uploads`. */
  directory: string;
  /** What a Metron server needs in its environment to use `s3://<bucket>/<prefix>` as destination. */
  serverEnv(prefix: string): Record<string, string>;
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(import.meta.dirname, "s3rver-process.mjs");

/** Starts s3rver (server/testing/s3rver-process.mjs) in its own process on a free loopback port. */
export async function startS3TestServer(bucket = "metron-test"): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "metron-s3-"));
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the child
  const child = spawn(process.execPath, [SCRIPT, directory, bucket], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk) => (output += chunk));
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /S3 listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code}:\n${output}`)));
  });
  return {
    endpoint,
    bucket,
    directory,
    serverEnv: (prefix) => ({
      MLFLOW_ARTIFACTS_DESTINATION: `s3://${bucket}/${prefix}`,
      MLFLOW_S3_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Files s3rver holds for multipart uploads not yet completed or aborted. */
export function pendingMultipartFiles(server: S3TestServer): string[] {
  const uploads = path.join(server.directory, server.bucket, "._S3rver_uploads");
  return fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true }).map(String) : [];
}
