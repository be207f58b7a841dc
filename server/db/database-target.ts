import net from "node:net";
import { log } from "../log";
import { reportingCloseWithoutError } from "./connection-loss";
import { databaseHosts, urlForHost, type DatabaseHost } from "./database-hosts";
import { PrimaryLocator, wantsWritableHost } from "./primary-locator";

/** Where postgres-js pools connect: the URL to give them and the options that pick each connection's host. */
export interface DatabaseTarget {
  url: string;
  /** Spread after reconnectingPoolOptions: for a failover list, `socket` replaces its one-host socket. */
  options: {
    socket?: () => Promise<net.Socket>;
    onparameter?: (key: string, value: string) => void;
  };
}

/**
 * postgres-js connection options for DATABASE_URL, shared by the pools of one server.
 *
 * One host: postgres-js connects to it as usual. A failover list (`h1:p1,h2:p2?target_session_attrs=read-write`,
 * as pg_auto_failover prints) is resolved here, not by postgres-js: with a socket of ours it ignores all
 * hosts but the first, and on its own it retries forever while no host is writable (a failover underway),
 * so requests hung instead of answering 503. Here each new connection goes to the host PrimaryLocator found
 * writable; while none is, connections fail at once (503, which clients retry) and the next one asks again.
 */
export function databaseTarget(url: string, connectTimeoutSeconds: number): DatabaseTarget {
  const hosts = databaseHosts(url);
  if (hosts.length === 1) return { url, options: {} };
  const locator = new PrimaryLocator(url, hosts, connectTimeoutSeconds, (host, previous) => {
    const found = { host: `${host.host}:${host.port}`, previous: previous && `${previous.host}:${previous.port}` };
    if (previous) log().warn(found, "database: the failover list's primary moved; connecting to the new one");
    else log().info(found, "database: connecting to the failover list's primary");
  });
  const open = new Map<net.Socket, DatabaseHost>();
  let turn = 0;
  return {
    // postgres-js still checks target_session_attrs on each connection it opens (a second guard).
    url: urlForHost(url, hosts[0]),
    options: {
      async socket() {
        // No writable host known: try the next one in turn; its refusal fails the request with a 503.
        const host = await locator.primary().catch(() => hosts[turn++ % hosts.length]);
        const socket = reportingCloseWithoutError(net.connect(host.port, host.host));
        open.set(socket, host);
        socket.once("close", () => {
          open.delete(socket);
          locator.forget(host);
        });
        return socket;
      },
      // PostgreSQL (14+) reports these when a session's node turns read-only or is a standby: the node we
      // connected to stopped being the primary. Its connections are closed (requests on them answer 503),
      // the pool opens new ones on the host found writable now.
      onparameter(key, value) {
        if (!wantsWritableHost(url) || value !== "on" || (key !== "default_transaction_read_only" && key !== "in_hot_standby")) return;
        locator.forget();
        void locator
          .primary()
          .catch(() => undefined)
          .then((primary) => {
            for (const [socket, host] of open) if (host !== primary) socket.destroy();
          });
      },
    },
  };
}
