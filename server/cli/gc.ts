// `metron gc` (run by metron.mjs under tsx): permanently deletes runs and experiments deleted long enough
// ago, with their artifacts; settings come from the environment metron.mjs set. PGlite: stop the server
// first (one process per data folder); PostgreSQL: it may keep running.
import { closeServices, getServiceContext } from "../services/context";
import { toMlflowError } from "../services/errors";
import { collectGarbage } from "../services/gc/collect-garbage";
import { parseOlderThan } from "../services/gc/older-than";
import { invokeVerb } from "../services/verb";

const options = JSON.parse(process.argv[2] ?? "{}") as { olderThan?: string; dryRun?: boolean };

try {
  const olderThanMs = options.olderThan === undefined ? 0 : parseOlderThan(options.olderThan);
  const ctx = await getServiceContext();
  const summary = await invokeVerb(collectGarbage, ctx, {
    olderThanMs,
    dryRun: options.dryRun ?? false,
    report: (line: string) => console.log(line),
  });
  await closeServices();
  process.exit(summary.runsFailed > 0 ? 1 : 0);
} catch (err) {
  const error = toMlflowError(err, { onUnexpected: () => {} });
  console.error(`metron gc: ${error.code === "INTERNAL_ERROR" ? (err as Error).message : error.message}`);
  process.exit(1);
}
