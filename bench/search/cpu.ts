import fs from "node:fs";

// CPU time spent on requests, for a shared machine: wall-clock times grow with other people's load,
// CPU time mostly does not. Linux only (/proc); elsewhere the meter reads 0 and the column says n/a.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime is the 12th, stime the 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // gone
  }
}

/**
 * PostgreSQL backends connected to `database`: their process title is "postgres: [cluster: ]user
 * database host(port) state", e.g. "postgres: 15/main: postgres metron_bench_search 127.0.0.1(5…".
 */
const BACKEND_TITLE = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/;

function backendPids(database: string): number[] {
  if (!fs.existsSync("/proc")) return [];
  return fs.readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      return BACKEND_TITLE.exec(title)?.[1] === database ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

export interface CpuMeter {
  /** CPU ms used so far by the server and its database's backends. */
  read(): number;
  /** Looks for new backends (the server's pool opens connections on demand); not to be timed. */
  refresh(): void;
  available: boolean;
}

export function cpuMeter(serverPid: number, databaseUrl: string): CpuMeter {
  const database = new URL(databaseUrl).pathname.slice(1);
  let pids: number[] = [];
  const meter = {
    available: fs.existsSync(`/proc/${serverPid}/stat`),
    refresh: () => void (pids = [serverPid, ...backendPids(database)]),
    read: () => pids.reduce((sum, pid) => sum + ticksOf(pid), 0) * TICK_MS,
  };
  meter.refresh();
  return meter;
}
