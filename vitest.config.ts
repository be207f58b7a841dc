import path from "node:path";
import { defineConfig } from "vitest/config";

const integration = (driver: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: driver,
    include: ["server/**/*.int.test.ts", "collector/**/*.int.test.ts"],
    globalSetup: ["server/testing/global-setup.ts", "collector/testing/build-collector.ts"],
    env: { METRON_TEST_DRIVER: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next.js enforces "server-only" in its bundler; plain Node tests import the modules directly.
      "server-only": path.resolve(import.meta.dirname, "server/testing/empty-module.ts"),
    },
  },
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["server/**/*.test.ts", "collector/**/*.test.ts", "app/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      integration("pglite"),
      integration("postgres"),
    ],
  },
});
