import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright's own browser download cannot work on our machines.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (npx playwright install cannot work here)`);
}

// Playwright loads this file in the runner and again in each worker: choose port and data folder
// once and hand them down through the environment.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
])
  .toString()
  .trim();
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "metron-e2e-"));
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/output/test-results",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The app is built once by `npm test` before the suites run.
    command: `node server/cli/metron.mjs server --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/health`,
    reuseExistingServer: false,
    timeout: 90_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      METRON_SKIP_BUILD_CHECK: "1",
      METRON_LOG_LEVEL: "warn",
      METRON_DATA_DIR: path.join(process.env.E2E_DATA_DIR, "db"),
      METRON_ARTIFACTS_DIR: path.join(process.env.E2E_DATA_DIR, "artifacts"),
    },
  },
});
