import net from "node:net";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { TEST_DATABASE_URL } from "../testing/test-server";
import { isDatabaseUnreachable, reconnectingPoolOptions } from "./connection-loss";
import { databaseTarget } from "./database-target";

// A failover list in DATABASE_URL (h1:p1,h2:p2, as pg_auto_failover prints) against the one test cluster:
// the other hosts are ports nothing listens on. The formation itself is in failover.int.test.ts.

const real = new URL(TEST_DATABASE_URL);
const realHost = `${real.hostname}:${real.port || 5432}`;

async function deadHost(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

const urlWithHosts = (hosts: string[], query = "") =>
  `postgres://${real.username}${real.password ? `:${real.password}` : ""}@${hosts.join(",")}${real.pathname}${query}`;

/** Runs `select inet_server_port()` on a pool opened as the server opens its own (client.ts). */
async function serverPort(url: string): Promise<number> {
  const target = databaseTarget(url, 2);
  const sql = postgres(target.url, { max: 2, onnotice: () => {}, ...reconnectingPoolOptions(2), ...target.options });
  try {
    const [{ port }] = await sql<{ port: number }[]>`select inet_server_port() as port`;
    return port;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe.runIf(inject("driver") === "postgres")("a failover list in DATABASE_URL", () => {
  it("connects through the host that answers, wherever it stands in the list", async () => {
    const dead = await deadHost();
    const port = Number(real.port || 5432);
    expect(await serverPort(urlWithHosts([dead, realHost], "?target_session_attrs=read-write"))).toBe(port);
    expect(await serverPort(urlWithHosts([realHost, dead], "?target_session_attrs=read-write"))).toBe(port);
    expect(await serverPort(urlWithHosts([dead, realHost]))).toBe(port);
  });

  it("fails a query at once, as an unreachable database, when no host answers (postgres-js alone retried for ever)", async () => {
    const started = performance.now();
    const err = await serverPort(urlWithHosts([await deadHost(), await deadHost()], "?target_session_attrs=read-write")).catch((e: unknown) => e);
    expect(isDatabaseUnreachable(err)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("with target_session_attrs=read-write, does not write through a host whose sessions are read-only", async () => {
    const readOnly = `?target_session_attrs=read-write&options=${encodeURIComponent("-c default_transaction_read_only=on")}`;
    const err = await serverPort(urlWithHosts([await deadHost(), realHost], readOnly)).catch((e: unknown) => e);
    expect(isDatabaseUnreachable(err)).toBe(true);
    // Without the attribute any answering host will do, read-only or not.
    expect(await serverPort(urlWithHosts([await deadHost(), realHost], `?options=${encodeURIComponent("-c default_transaction_read_only=on")}`))).toBe(Number(real.port || 5432));
  });
});
