/** One `host:port` of a PostgreSQL URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

const DEFAULT_PORT = 5432;

/** The authority of a postgres:// URL (`user:pw@h1:p1,h2:p2`) and where it sits in the string. */
function authorityOf(url: string): { start: number; end: number; hosts: string } {
  const start = url.indexOf("://") + 3;
  const rest = url.slice(start);
  const end = start + (/[/?#]/.exec(rest)?.index ?? rest.length);
  const authority = url.slice(start, end);
  return { start: start + authority.lastIndexOf("@") + 1, end, hosts: authority.slice(authority.lastIndexOf("@") + 1) };
}

/**
 * The hosts a PostgreSQL URL names, in order: one, or several comma-separated as libpq's failover list
 * (`postgres://u@h1:5432,h2:5433/db`, what `pg_autoctl show uri` prints). A host without a port gets 5432.
 */
export function databaseHosts(url: string): DatabaseHost[] {
  return authorityOf(url)
    .hosts.split(",")
    .map((entry) => {
      const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(entry);
      const host = decodeURIComponent(match?.[1] ?? entry).replace(/^\[(.*)\]$/, "$1");
      return { host: host || "localhost", port: match?.[2] ? Number(match[2]) : DEFAULT_PORT };
    });
}

/** The same URL naming `only` as its one host (credentials, database and parameters unchanged). */
export function urlForHost(url: string, only: DatabaseHost): string {
  const { start, end } = authorityOf(url);
  const host = only.host.includes(":") ? `[${only.host}]` : only.host;
  return `${url.slice(0, start)}${host}:${only.port}${url.slice(end)}`;
}
