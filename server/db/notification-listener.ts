import { log } from "../log";
import { databaseTarget } from "./database-target";

export interface NotificationHandlers {
  onNotify(channel: string, payload: string): void;
  /** LISTEN is active on every channel (from now on every notification arrives); `backendPid` names the connection. */
  onListening(backendPid: number): void;
  /** The connection closed: notifications may be missed until the next onListening. */
  onLost(): void;
}

export interface NotificationListener {
  /** Sends a notification over the listening connection. */
  notify(channel: string, payload: string): Promise<void>;
  stop(): Promise<void>;
}

const RETRY_MS = 1_000;
/** Seconds to wait for the listening connection; a host that does not answer is retried after RETRY_MS. */
const CONNECT_TIMEOUT_S = 10;

/**
 * LISTENs on `channels` over a connection of its own (named `applicationName` in pg_stat_activity),
 * reopened whenever it closes. Unlike postgres-js's `sql.listen`, it says when the connection is lost, so
 * a cache fed by the notifications can stop trusting itself until it listens again.
 */
export async function listenForNotifications(url: string, channels: string[], applicationName: string, handlers: NotificationHandlers): Promise<NotificationListener> {
  const { default: postgres } = await import("postgres");
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  // `onnotify` (each notification on this connection) is an option of postgres-js its types lack.
  const onnotify = (channel: string, payload: string) => channels.includes(channel) && handlers.onNotify(channel, payload);
  const target = databaseTarget(url, CONNECT_TIMEOUT_S);
  const sql = postgres(target.url, {
    max: 1,
    connect_timeout: CONNECT_TIMEOUT_S,
    ...target.options,
    idle_timeout: 0,
    max_lifetime: null,
    onnotice: () => {},
    connection: { application_name: applicationName },
    onclose: () => {
      handlers.onLost();
      scheduleListen(0);
    },
    ...({ onnotify } as object),
  });
  function scheduleListen(delayMs: number): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, delayMs);
    retry.unref();
  }
  async function listen(): Promise<void> {
    try {
      for (const channel of channels) await sql`listen ${sql(channel)}`;
      const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      if (!stopped) handlers.onListening(pid);
    } catch (err) {
      handlers.onLost();
      if (!stopped) log().warn({ err, channels }, "could not LISTEN for notifications; retrying");
      scheduleListen(RETRY_MS);
    }
  }
  await listen();
  return {
    notify: async (channel, payload) => void (await sql`select pg_notify(${channel}, ${payload})`),
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await sql.end({ timeout: 1 });
    },
  };
}
