import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { asBody } from "./artifacts";
import { startS3TestServer, type S3TestServer } from "./s3-test-server";
import { startAzuriteTestServer, startGcsTestServer, startSftpTestServer, type StoreTestServer } from "./store-test-servers";
import { startTestServer, type TestServer } from "./test-server";

export const PROXY_BACKENDS = ["local disk", "S3", "Azure Blob", "GCS", "SFTP"] as const;
export type ProxyBackend = (typeof PROXY_BACKENDS)[number];
export const STORE_SERVERS: Partial<Record<ProxyBackend, () => Promise<StoreTestServer>>> = {
  "Azure Blob": startAzuriteTestServer,
  GCS: startGcsTestServer,
  SFTP: startSftpTestServer,
};
export const PROXY_SECRET = "TOP-SECRET-CANARY";

export interface ProxyFixture {
  server: TestServer;
  s3?: S3TestServer;
  store?: StoreTestServer;
  /** Holds the local destination and, beside it, a secret no request may reach. */
  sandbox: string;
  localDestination: string;
  /** The proxy's base URL: `<server>/api/2.0/mlflow-artifacts`. */
  proxy: string;
  put(artifactPath: string, body: Buffer | string): Promise<{ status: number; body: unknown }>;
  list(artifactPath: string): Promise<unknown>;
}

/** A server whose artifact proxy stores on `backend` (a real service in its own process), for one describe block. */
export function useProxyBackend(backend: ProxyBackend): ProxyFixture {
  const fixture = {} as ProxyFixture;
  beforeAll(async () => {
    fixture.sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "metron-proxy-"));
    fixture.localDestination = path.join(fixture.sandbox, "destination");
    fs.mkdirSync(fixture.localDestination);
    fs.writeFileSync(path.join(fixture.sandbox, "secret.txt"), PROXY_SECRET);
    const startStore = STORE_SERVERS[backend];
    if (backend === "S3") {
      fixture.s3 = await startS3TestServer();
      fixture.server = await startTestServer("pglite", { env: fixture.s3.serverEnv("proxy-root") });
    } else if (startStore) {
      fixture.store = await startStore();
      fixture.server = await startTestServer("pglite", { env: { ...fixture.store.env, MLFLOW_ARTIFACTS_DESTINATION: fixture.store.uri("proxy-root") } });
    } else {
      fixture.server = await startTestServer("pglite", { env: { METRON_ARTIFACTS_DIR: fixture.localDestination } });
    }
    fixture.proxy = `${fixture.server.baseUrl}/api/2.0/mlflow-artifacts`;
  });
  afterAll(async () => {
    await fixture.server?.stop();
    await fixture.s3?.stop();
    await fixture.store?.stop();
    if (fixture.sandbox) fs.rmSync(fixture.sandbox, { recursive: true, force: true });
  });
  fixture.put = (artifactPath, body) =>
    fetch(`${fixture.proxy}/artifacts/${artifactPath}`, { method: "PUT", body: asBody(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
  fixture.list = (artifactPath) => fetch(`${fixture.proxy}/artifacts?path=${encodeURIComponent(artifactPath)}`).then((r) => r.json());
  return fixture;
}
