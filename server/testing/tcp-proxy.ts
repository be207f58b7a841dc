import net from "node:net";

/**
 * A TCP relay in front of the shared PostgreSQL, so a test can take the database away from one server
 * without touching the cluster others use: `refuse()` (stopped database), `blackhole()` (unreachable
 * host), `restore()` (relays again on the same port).
 */
export interface TcpProxy {
  port: number;
  /** Connections relayed so far. */
  connections(): number;
  refuse(): Promise<void>;
  blackhole(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let mode: "relay" | "blackhole" = "relay";
  let relayed = 0;
  const server = net.createServer((client) => {
    open.add(client);
    client.on("close", () => open.delete(client));
    client.on("error", () => {});
    if (mode === "blackhole") return;
    relayed++;
    const upstream = net.connect(target.port, target.host);
    open.add(upstream);
    upstream.on("close", () => open.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const cutAll = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const listen = () => new Promise<void>((resolve, reject) => (server.listening ? resolve() : server.once("error", reject).listen(port, "127.0.0.1", resolve)));

  return {
    port,
    connections: () => relayed,
    async refuse() {
      const closed = stopListening();
      cutAll();
      await closed;
    },
    async blackhole() {
      mode = "blackhole";
      cutAll();
      await listen();
    },
    async restore() {
      mode = "relay";
      cutAll(); // connections accepted while black-holed were never relayed
      await listen();
    },
    async close() {
      const closed = stopListening();
      cutAll();
      await closed;
    },
  };
}
