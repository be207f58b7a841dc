#!/usr/bin/env node
// Entry point of `metron-collector` (run through collector/metron-collector.mjs).
import { attachToRun } from "./attach.js";
import { parseCommandLine } from "./parse-command-line.js";
import { CollectorExit, EXIT_CODES } from "./exit-codes.js";
import { say } from "./say.js";
import { wrapCommand } from "./wrap.js";

async function main(): Promise<number> {
  const parsed = parseCommandLine(process.argv.slice(2), process.env);
  switch (parsed.kind) {
    case "exit":
      (parsed.exitCode === EXIT_CODES.ok ? process.stdout : process.stderr).write(parsed.output);
      return parsed.exitCode;
    case "attach":
      return attachToRun(parsed.config);
    case "wrap":
      return wrapCommand(parsed.config);
  }
}

// Exit explicitly: back-off timers and the nvidia-smi loop must not keep a finished collector alive.
main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CollectorExit) {
      say(err.message);
      process.exit(err.exitCode);
    }
    say(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(EXIT_CODES.failed);
  },
);
