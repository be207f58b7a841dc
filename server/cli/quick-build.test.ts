import { afterEach, describe, expect, it, vi } from "vitest";

// A user's first start builds with METRON_QUICK_BUILD=1 (start-server.mjs); `npm test` and
// `npm run build` build without it, and so keep Next's type check.
describe("next.config.mjs", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("type-checks and keeps the build cache unless METRON_QUICK_BUILD=1", async () => {
    vi.stubEnv("METRON_QUICK_BUILD", undefined);
    const { default: config } = await import("../../next.config.mjs");
    expect(config.typescript).toEqual({ ignoreBuildErrors: false });
    expect(config.experimental).toEqual({ turbopackFileSystemCacheForBuild: true, authInterrupts: true });
  });

  it("skips both for a user's first start", async () => {
    vi.stubEnv("METRON_QUICK_BUILD", "1");
    const { default: config } = await import("../../next.config.mjs");
    expect(config.typescript).toEqual({ ignoreBuildErrors: true });
    expect(config.experimental).toEqual({ turbopackFileSystemCacheForBuild: false, authInterrupts: true });
  });
});
