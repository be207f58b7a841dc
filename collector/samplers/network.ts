import fs from "node:fs/promises";
import si from "systeminformation";
import type { Sampler } from "./sampler.js";

/** Bytes received and sent per network interface, as the kernel counts them since boot. */
export type InterfaceCounters = Map<string, { rx: number; tx: number }>;

/**
 * Loopback is left out: it is local traffic between processes (data-loader workers, a tracking
 * server on the same machine), not network I/O, and each byte would count both ways.
 */
const isLoopback = (name: string) => /^lo\d*$/.test(name) || /loopback/i.test(name);

/** Parses Linux's /proc/net/dev (one file read, where systeminformation runs `cat` seven times per interface). */
export function parseProcNetDev(text: string): InterfaceCounters {
  const counters: InterfaceCounters = new Map();
  for (const line of text.split("\n").slice(2)) {
    const match = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!match || isLoopback(match[1])) continue;
    const fields = match[2].trim().split(/\s+/).map(Number);
    if (fields.length >= 9) counters.set(match[1], { rx: fields[0], tx: fields[8] });
  }
  return counters;
}

async function readInterfaceCounters(): Promise<InterfaceCounters> {
  if (process.platform === "linux") return parseProcNetDev(await fs.readFile("/proc/net/dev", "utf8"));
  const stats = await si.networkStats("*");
  return new Map(stats.filter((s) => !isLoopback(s.iface)).map((s) => [s.iface, { rx: s.rx_bytes, tx: s.tx_bytes }]));
}

/**
 * Traffic since monitoring started, summed over interfaces. It never goes down: an interface that
 * disappears (a container's veth) keeps what it contributed, one that appears counts from zero,
 * and a counter that restarts is picked up from its new start.
 */
export class TrafficSinceStart {
  private readonly baseline: InterfaceCounters;
  private last: InterfaceCounters;
  private carried = { rx: 0, tx: 0 };

  constructor(initial: InterfaceCounters) {
    this.baseline = new Map(initial);
    this.last = initial;
  }

  update(current: InterfaceCounters): { rxBytes: number; txBytes: number } {
    const zero = { rx: 0, tx: 0 };
    for (const [name, previous] of this.last) {
      const now = current.get(name);
      if (now && now.rx >= previous.rx && now.tx >= previous.tx) continue;
      // Gone or restarted: keep what it counted so far, and count a restarted one from zero.
      const base = this.baseline.get(name) ?? zero;
      this.carried.rx += previous.rx - base.rx;
      this.carried.tx += previous.tx - base.tx;
      this.baseline.set(name, zero);
    }
    let rxBytes = this.carried.rx;
    let txBytes = this.carried.tx;
    for (const [name, now] of current) {
      const base = this.baseline.get(name) ?? zero;
      rxBytes += now.rx - base.rx;
      txBytes += now.tx - base.tx;
    }
    this.last = current;
    return { rxBytes, txBytes };
  }
}

/** network_receive_megabytes / network_transmit_megabytes since the start. */
export async function startNetworkSampler(): Promise<Sampler> {
  const traffic = new TrafficSinceStart(await readInterfaceCounters());
  return async () => {
    const { rxBytes, txBytes } = traffic.update(await readInterfaceCounters());
    return { network_receive_megabytes: rxBytes / 1e6, network_transmit_megabytes: txBytes / 1e6 };
  };
}
