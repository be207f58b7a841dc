import { log } from "../log";

export interface NotificationHandlers {
  onNotify(): void;
  /** LISTEN is active: from now on every notification on the channel arrives. */
  onListening(): void;
  /** The connection closed: notifications may be missed until the next onListening. */
  onLost(): void;
}

const RETRY_MS = 1_000;

/**
 * LISTENs on `channel` over a connection of its own, reopened whenever it closes. Unlike postgres-js's
 * `sql.listen`, it says when the connection is lost, so a cache fed by the notifications can stop
 * trusting itself until it listens again. Returns a function that stops listening.
 */
export async function listenForNotifications(url: string, channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>> {
  const { default: postgres } = await import("postgres");
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  // `onnotify` (each notification on this connection) is an option of postgres-js its types lack.
  const onnotify = (name: string) => name === channel && handlers.onNotify();
  const sql = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    onnotice: () => {},
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
      await sql`listen ${sql(channel)}`;
      if (!stopped) handlers.onListening();
    } catch (err) {
      handlers.onLost();
      if (!stopped) log().warn({ err, channel }, "could not LISTEN for notifications; retrying");
      scheduleListen(RETRY_MS);
    }
  }
  await listen();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await sql.end({ timeout: 1 });
  };
}
