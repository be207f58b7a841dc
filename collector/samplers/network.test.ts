import { describe, expect, it } from "vitest";
import { parseProcNetDev, TrafficSinceStart, type InterfaceCounters } from "./network.js";

// /proc/net/dev as Linux prints it (captured on the development machine, numbers shortened).
const PROC_NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 1940435218  323513    0    0    0     0          0         0 1940435218  323513    0    0    0     0       0          0
  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: 1162835773   32366    0    0    0     0          0         0  1896381   19359    0    0    0     0       0          0
`;

const counters = (entries: Record<string, [number, number]>): InterfaceCounters =>
  new Map(Object.entries(entries).map(([name, [rx, tx]]) => [name, { rx, tx }]));

describe("parseProcNetDev", () => {
  it("reads received and sent bytes of every interface but loopback", () => {
    expect(parseProcNetDev(PROC_NET_DEV)).toEqual(counters({ ifb0: [0, 0], eth0: [1162835773, 1896381] }));
  });
});

describe("TrafficSinceStart", () => {
  it("counts bytes since the first reading, summed over interfaces", () => {
    const traffic = new TrafficSinceStart(counters({ eth0: [1000, 500], eth1: [0, 0] }));
    expect(traffic.update(counters({ eth0: [1500, 700], eth1: [10, 20] }))).toEqual({ rxBytes: 510, txBytes: 220 });
    expect(traffic.update(counters({ eth0: [2000, 700], eth1: [10, 20] }))).toEqual({ rxBytes: 1010, txBytes: 220 });
  });

  it("never goes down when an interface disappears, appears, or restarts its counters", () => {
    const traffic = new TrafficSinceStart(counters({ eth0: [1000, 1000], veth1: [50, 50] }));
    expect(traffic.update(counters({ eth0: [1100, 1100], veth1: [80, 90] }))).toEqual({ rxBytes: 130, txBytes: 140 });
    // veth1 is gone (its 30/40 stay counted), veth2 appears with 5/5 of its own.
    expect(traffic.update(counters({ eth0: [1100, 1100], veth2: [5, 5] }))).toEqual({ rxBytes: 135, txBytes: 145 });
    // eth0 was re-created and counts from 7/3 again.
    expect(traffic.update(counters({ eth0: [7, 3], veth2: [5, 5] }))).toEqual({ rxBytes: 142, txBytes: 148 });
  });
});
