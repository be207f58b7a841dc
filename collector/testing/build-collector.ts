import { execFileSync } from "node:child_process";
import { COLLECTOR_BIN } from "./collector-process";

/**
 * Integration tests run the real `metron-collector` command; compiling it (when the sources
 * changed) happens here once, before any test's clock starts, instead of in the first test.
 */
export default function buildCollector(): void {
  execFileSync(process.execPath, [COLLECTOR_BIN, "--help"], { stdio: "ignore" });
}
