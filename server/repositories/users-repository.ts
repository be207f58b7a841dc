import { and, asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import { apiTokens, sessions, teamMembers, users } from "../db/schema";
import type { Db } from "../db/types";

export type UserRow = typeof users.$inferSelect;

/** Inserts unless the username is taken; the new row, or null when taken. */
export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow | null> {
  const [inserted] = await db.insert(users).values(row).onConflictDoNothing({ target: users.username }).returning();
  return inserted ?? null;
}

export async function findUserByName(db: Db, username: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

export async function findUserById(db: Db, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

/** False when no such user. */
export async function updateUser(db: Db, id: number, change: Partial<Pick<UserRow, "passwordHash" | "isAdmin">>): Promise<boolean> {
  const updated = await db.update(users).set(change).where(eq(users.id, id)).returning({ id: users.id });
  return updated.length === 1;
}

/** Deletes the user with their sessions, tokens, memberships and grants (cascade); false when absent. */
export async function deleteUser(db: Db, id: number): Promise<boolean> {
  const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return deleted.length === 1;
}

/** The team ids a user belongs to (their grants count too). */
export async function findUserTeamIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}

// Asked on every request a script sends with a token: prepared once per database, since building the
// query cost more CPU than answering it (bench/auth).
const tokenOwnerQueries = new WeakMap<Db, ReturnType<typeof prepareTokenOwner>>();
function prepareTokenOwner(db: Db) {
  return db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.secretHash, sql.placeholder("secretHash")), isNull(apiTokens.revokedTime)))
    .prepare("metron_token_owner");
}

/** The owner of a live (not revoked) token with this secret hash, with the token's id. */
export async function findTokenOwner(db: Db, secretHash: string): Promise<{ user: UserRow; tokenId: number } | null> {
  let query = tokenOwnerQueries.get(db);
  if (!query) tokenOwnerQueries.set(db, (query = prepareTokenOwner(db)));
  const [row] = await query.execute({ secretHash });
  return row ?? null;
}

/** The user of an unexpired session with this secret hash, with its CSRF token. */
export async function findSessionUser(db: Db, secretHash: string, now: number): Promise<{ user: UserRow; csrfToken: string } | null> {
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.secretHash, secretHash), gt(sessions.expiryTime, now)));
  return row ?? null;
}

/** How many admins there are (at least one must remain: nobody else can manage users). */
export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.isAdmin, true));
  return row.n;
}
