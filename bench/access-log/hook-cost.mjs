// The access log hook alone, in process: CPU per request of createAccessLog()'s hook and its line
// (pino, synchronous write to stdout; run with stdout at /dev/null), against a bare close event.
// Run by bench/access-log/run.ts; it reads the hook from the built REST bundle.
import { EventEmitter } from "node:events";
import path from "node:path";
import { pathToFileURL } from "node:url";

const bundle = path.resolve(import.meta.dirname, "../../.next/metron-rest/node-router.mjs");
const { createAccessLog } = await import(pathToFileURL(bundle).href);
const logAccess = createAccessLog();
if (!logAccess) throw new Error("the access log is off: run with METRON_LOG_LEVEL=info and METRON_ACCESS_LOG unset");
const N = 200_000;
const req = { method: "POST", url: "/api/2.0/mlflow/runs/log-metric" };
const response = () => Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: true });
const logged = () => {
  const res = response();
  logAccess(req, res);
  res.emit("close");
};
const bare = () => response().emit("close");
const perCall = (fn) => {
  const before = process.cpuUsage();
  for (let i = 0; i < N; i++) fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / N;
};
perCall(logged); // warm-up
const results = [perCall(bare), perCall(logged), perCall(bare), perCall(logged)];
const hook = (results[1] + results[3]) / 2 - (results[0] + results[2]) / 2;
process.stderr.write(`access log hook and line: ${hook.toFixed(2)} µs CPU per request (in process, ${N.toLocaleString("en")} calls)\n`);
