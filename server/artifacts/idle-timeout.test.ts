import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { unreachableReason } from "./cloud-store-errors";
import { StoreIdleTimeout, withIdleTimeout } from "./idle-timeout";

// The signal an SDK call gets: aborted like the SDK sees it, the failure reported as our timeout.
const sdkCall = (signal: AbortSignal, answerAfterMs: number) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => resolve("answer"), answerAfterMs);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(Object.assign(new Error("The operation was aborted."), { name: "AbortError" }));
    });
  });

describe("withIdleTimeout", () => {
  it("lets work that keeps touching run far past the idle bound", async () => {
    const started = performance.now();
    const result = await withIdleTimeout(100, async (watchdog) => {
      for (let i = 0; i < 8; i++) {
        await sleep(40);
        watchdog.touch();
      }
      return sdkCall(watchdog.signal, 10);
    });
    expect(result).toBe("answer");
    expect(performance.now() - started).toBeGreaterThan(300);
  });

  it("aborts silent work after the bound and reports it as the store's timeout, whatever the SDK threw", async () => {
    const started = performance.now();
    const failure = await withIdleTimeout(100, (watchdog) => sdkCall(watchdog.signal, 5_000)).catch((err: unknown) => err);
    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(StoreIdleTimeout);
    expect(failure).toMatchObject({ code: "ETIMEDOUT", message: "no answer from the store for 0.1 s" });
    expect(unreachableReason(failure)).toBe("no answer from the store for 0.1 s");
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("passes other failures through unchanged, and stops its timer when work settles", async () => {
    const own = new Error("403 forbidden");
    let seen: AbortSignal | undefined;
    await expect(
      withIdleTimeout(50, async (watchdog) => {
        seen = watchdog.signal;
        throw own;
      }),
    ).rejects.toBe(own);
    await sleep(100);
    expect(seen?.aborted).toBe(false);
  });
});
