// The gate's own cost in process, which a loaded shared machine measures far more steadily than the
// difference of two servers: CPU per request of authenticate (token looked up, and cached as a server
// caches it) and of authorize (one prepared grant query for a run, and cached), against PostgreSQL. Run
// by run.ts after the servers' comparison.
import { authenticate } from "../../server/auth/authenticate";
import { stopWatchingAccessChanges, watchAccessChanges } from "../../server/auth/access-changes";
import { authorize } from "../../server/auth/gate";
import { runIn } from "../../server/auth/resource-refs";
import { edit } from "../../server/auth/rules";
import { newSecret, secretHash } from "../../server/auth/secrets";
import { openDatabase } from "../../server/db/client";
import { apiTokens, experimentPermissions, experiments, runs } from "../../server/db/schema";
import { readConfig } from "../../server/env";
import { insertUser } from "../../server/repositories/users-repository";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";

const ITERATIONS = 3000;

export async function measureGateCost(databaseUrl: string): Promise<{ lookupUs: number; cachedUs: number; queryUs: number; cachedDecisionUs: number }> {
  await recreateDatabase(databaseUrl);
  const handle = await openDatabase({ databaseUrl, dataDir: "", searchTimeoutMs: 60_000 });
  try {
    const user = (await insertUser(handle.db, { username: "bench", passwordHash: "unused", isAdmin: false, creationTime: 1 }))!;
    const token = newSecret("mtk");
    await handle.db.insert(apiTokens).values({ userId: user.id, name: "t", secretHash: secretHash(token), displayPrefix: "x", creationTime: 1 });
    await handle.db.insert(experiments).values({ experimentId: 1, name: "e", artifactLocation: "x", lifecycleStage: "active", creationTime: 1, lastUpdateTime: 1 });
    await handle.db.insert(runs).values({ runUuid: "r", name: "r", experimentId: 1, userId: "", status: "RUNNING", startTime: 1, lifecycleStage: "active", artifactUri: "x" });
    await handle.db.insert(experimentPermissions).values({ experimentId: 1, userId: user.id, permission: "MANAGE" });
    const config = readConfig({ METRON_AUTH: "true", METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS", DATABASE_URL: databaseUrl });
    const cpuMicros = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < 300; i++) await work(); // warm up (JIT, prepared statements)
      const before = process.cpuUsage();
      for (let i = 0; i < ITERATIONS; i++) await work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / ITERATIONS;
    };
    const viaToken = () => authenticate(handle.db, { authorization: `Bearer ${token}`, cookie: null }, Date.now());
    const principal = await viaToken();
    // A fresh principal object per call: a new request, so the per-request decision cache never answers.
    const authorizeRun = () => authorize({ db: handle.db, config, principal: { ...principal } }, edit(runIn("runId")), { runId: "r" });
    // The caches answer only once the process hears of access changes (as a server does from its first request).
    const lookupUs = await cpuMicros(viaToken);
    const queryUs = await cpuMicros(authorizeRun);
    await watchAccessChanges({ dbKind: handle.kind, config });
    const cachedUs = await cpuMicros(viaToken);
    const cachedDecisionUs = await cpuMicros(authorizeRun);
    // Proof the caches answered: a revocation and a grant removed behind their back (no notice) go unseen.
    await handle.db.update(apiTokens).set({ revokedTime: 1 });
    await handle.db.delete(experimentPermissions);
    await Promise.all([viaToken(), authorizeRun()]).catch(() => Promise.reject(new Error("a cache did not answer: the cached figures measured lookups")));
    return { lookupUs, cachedUs, queryUs, cachedDecisionUs };
  } finally {
    await stopWatchingAccessChanges();
    await handle.close();
    await dropDatabase(databaseUrl);
  }
}
