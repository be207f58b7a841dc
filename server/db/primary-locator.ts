import { urlForHost, type DatabaseHost } from "./database-hosts";

/** libpq's target_session_attrs values that ask for a node taking writes. */
const WRITABLE_TARGETS = new Set(["read-write", "primary"]);

/** Whether the URL's target_session_attrs asks for a node taking writes (what pg_auto_failover's URI says). */
export function wantsWritableHost(url: string): boolean {
  const attrs = /[?&]target_session_attrs=([^&#]*)/.exec(url)?.[1];
  return attrs !== undefined && WRITABLE_TARGETS.has(decodeURIComponent(attrs));
}

/**
 * Finds, among the hosts of a failover list, the one to connect to: the first that answers and, when the
 * URL asks for read-write (or primary), is neither a standby nor read-only. Asks every host at once on its
 * own short-lived connection and remembers the answer until `forget`; concurrent callers share one round.
 */
export class PrimaryLocator {
  private known: DatabaseHost | undefined;
  private round: Promise<DatabaseHost> | undefined;
  /** Bumped by `forget`: a round that started before it must not store its (possibly stale) answer. */
  private generation = 0;
  private lastFound: DatabaseHost | undefined;

  constructor(
    private readonly url: string,
    private readonly hosts: DatabaseHost[],
    private readonly connectTimeoutSeconds: number,
    /** Called when the usable host found differs from the one found before (a failover), or is the first. */
    private readonly onMoved: (host: DatabaseHost, previous: DatabaseHost | undefined) => void = () => {},
  ) {}

  /** The host believed usable, probing when none is; rejects (SQLSTATE 08001) when no host is. */
  primary(): Promise<DatabaseHost> {
    if (this.known) return Promise.resolve(this.known);
    if (!this.round) {
      const generation = this.generation;
      this.round = this.probeAll()
        .then((host) => {
          if (generation === this.generation) this.known = host;
          if (host !== this.lastFound) this.onMoved(host, this.lastFound);
          this.lastFound = host;
          return host;
        })
        .finally(() => (this.round = undefined));
    }
    return this.round;
  }

  /** Forgets the usable host (`host`, or whichever it is), so the next connection asks again. */
  forget(host?: DatabaseHost): void {
    if (host && host !== this.known) return;
    this.known = undefined;
    this.generation++;
  }

  /** The first host (in answering order) that is usable; the URL's order breaks no ties: only one primary exists. */
  private probeAll(): Promise<DatabaseHost> {
    return new Promise((resolve, reject) => {
      let pending = this.hosts.length;
      const reasons: string[] = [];
      for (const host of this.hosts) {
        this.isUsable(host)
          .then((usable) => (usable ? resolve(host) : reasons.push(`${host.host}:${host.port} does not take writes`)))
          .catch((err: Error) => reasons.push(`${host.host}:${host.port}: ${err.message}`))
          .finally(() => {
            if (--pending > 0) return;
            reject(Object.assign(new Error(`no usable database host (${reasons.join("; ")})`), { code: "08001" }));
          });
      }
    });
  }

  private async isUsable(host: DatabaseHost): Promise<boolean> {
    const { default: postgres } = await import("postgres");
    // Without target_session_attrs: this probe must reach a standby too, to be told what it is.
    const url = urlForHost(this.url, host).replace(/([?&])target_session_attrs=[^&#]*&?/, "$1").replace(/[?&]$/, "");
    const sql = postgres(url, { max: 1, connect_timeout: this.connectTimeoutSeconds, idle_timeout: 1, fetch_types: false, onnotice: () => {} });
    try {
      const [state] = await sql<{ standby: boolean; readOnly: boolean }[]>`
        select pg_is_in_recovery() as standby, current_setting('transaction_read_only') = 'on' as "readOnly"`;
      return !wantsWritableHost(this.url) || (!state.standby && !state.readOnly);
    } finally {
      await sql.end({ timeout: 0 });
    }
  }
}
