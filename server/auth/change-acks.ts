import { log } from "../log";

const POLL_MS = 100;

/**
 * Acknowledgements of access changes (access-changes.ts): each listening server process, named by
 * its listening connection's backend pid, acknowledges a change once it has cleared its cache.
 */
export class ChangeAcks {
  private readonly waiting = new Map<string, { acked: Set<number>; wake?: () => void }>();

  /** The payload acknowledging change `changeId` from the process listening as `pid`. */
  static ack(changeId: string, pid: number): string {
    return `${changeId}:${pid}`;
  }

  receive(payload: string): void {
    const at = payload.lastIndexOf(":");
    const entry = this.waiting.get(payload.slice(0, at));
    if (!entry) return;
    entry.acked.add(Number(payload.slice(at + 1)));
    entry.wake?.();
  }

  /** Starts collecting a change's acknowledgements (before it commits: an ack may come at once). */
  expect(changeId: string) {
    const entry: { acked: Set<number>; wake?: () => void } = { acked: new Set() };
    this.waiting.set(changeId, entry);
    return {
      /**
       * Resolves once each of `pids` has acknowledged or, as `alive` says (checked when nothing arrived for
       * a while), is gone; after `timeoutMs` it gives up with a warning (a process stalled that long).
       */
      from: async (pids: number[], timeoutMs: number, alive: () => Promise<Set<number>>): Promise<void> => {
        const deadline = Date.now() + timeoutMs;
        let pending = pids;
        for (;;) {
          pending = pending.filter((pid) => !entry.acked.has(pid));
          if (pending.length === 0) return;
          if (Date.now() >= deadline) {
            log().warn({ changeId, pending }, "server processes did not acknowledge an access change in time");
            return;
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), POLL_MS);
            entry.wake = () => (clearTimeout(timer), resolve(true));
          });
          entry.wake = undefined;
          if (!woken) {
            const live = await alive();
            pending = pending.filter((pid) => live.has(pid));
          }
        }
      },
      done: () => void this.waiting.delete(changeId),
    };
  }
}
