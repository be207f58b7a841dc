// Issue #21 item 2 at full length: the embedded data folder under 20 kill -9s (the suite does 3).
// Runs the same integration test with METRON_PGLITE_KILLS; its line "PGlite kill -9 ×N …" carries the
// lost / duplicated counts. Needs a build (`npm run build`). Usage: npm run bench:pglite-kill [-- <kills>]
import { spawnSync } from "node:child_process";

const kills = process.argv[2] ?? "20";
const result = spawnSync("npx", ["vitest", "run", "--project", "pglite", "server/db/pglite-kill.int.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, METRON_PGLITE_KILLS: kills },
});
process.exit(result.status ?? 1);
