// Preloaded into the benchmarked server (NODE_OPTIONS=--import …) when SCALE_CPU_PROF names a folder:
// Node refuses --cpu-prof in NODE_OPTIONS, so the inspector's profiler is started here and its profile
// written when the process exits (a Session on the main thread answers synchronously, as `exit` needs).
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.METRON_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
