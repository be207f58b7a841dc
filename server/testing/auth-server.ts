import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "../auth/passwords";
import { newSecret, secretHash } from "../auth/secrets";
import { openDatabase } from "../db/client";
import { apiTokens, teamMembers, teams } from "../db/schema";
import { insertUser } from "../repositories/users-repository";
import { recreateDatabase, startTestServer, type TestDriver, type TestServer } from "./test-server";

/** The people of an auth-on test server: each with an API token; `revoked` holds a revoked token of `reader`. */
export const AUTH_TEST_USERS = ["admin", "reader", "editor", "manager", "stranger", "member", "target"] as const;
export type AuthTestUser = (typeof AUTH_TEST_USERS)[number];

export interface AuthTestServer {
  server: TestServer;
  tokens: Record<AuthTestUser | "revoked", string>;
  /** The team `member` belongs to. */
  teamId: number;
  password: string;
  /** PGlite: the database folder (kept by the server on stop; the caller removes it). */
  pgliteDir?: string;
}

/**
 * A real server with METRON_AUTH=true whose users, tokens and team were written into its database before
 * it started (PostgreSQL: `databaseUrl`; PGlite: a fresh folder). The default permission is NO_PERMISSIONS,
 * so a user holds only what was granted.
 */
export async function startAuthTestServer(driver: TestDriver, databaseUrl: string, env: Record<string, string> = {}): Promise<AuthTestServer> {
  const password = "correct horse battery";
  let pgliteDir: string | undefined;
  if (driver === "postgres") await recreateDatabase(databaseUrl);
  else pgliteDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metron-auth-")), "db");
  const handle = await openDatabase({ databaseUrl: driver === "postgres" ? databaseUrl : undefined, dataDir: pgliteDir ?? "", searchTimeoutMs: 15_000 });
  const tokens = {} as AuthTestServer["tokens"];
  let teamId: number;
  try {
    const passwordHash = await hashPassword(password);
    const [team] = await handle.db.insert(teams).values({ name: "team", creationTime: 1 }).returning();
    teamId = team.id;
    for (const name of AUTH_TEST_USERS) {
      const user = (await insertUser(handle.db, { username: name, passwordHash, isAdmin: name === "admin", creationTime: 1 }))!;
      tokens[name] = newSecret("mtk");
      await handle.db.insert(apiTokens).values({ userId: user.id, name: "t", secretHash: secretHash(tokens[name]), displayPrefix: tokens[name].slice(0, 8), creationTime: 1 });
      if (name === "member") await handle.db.insert(teamMembers).values({ teamId, userId: user.id });
      if (name === "reader") {
        tokens.revoked = newSecret("mtk");
        await handle.db.insert(apiTokens).values({ userId: user.id, name: "old", secretHash: secretHash(tokens.revoked), displayPrefix: "x", creationTime: 1, revokedTime: 2 });
      }
    }
  } finally {
    await handle.close();
  }
  const server = await startTestServer(driver, {
    databaseUrl,
    keepDatabase: true,
    pgliteDir,
    env: { METRON_AUTH: "true", METRON_ADMIN_USERNAME: "admin", METRON_ADMIN_PASSWORD: password, METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS", ...env },
  });
  return { server, tokens, teamId, password, pgliteDir };
}
