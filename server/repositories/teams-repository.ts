import { asc, and, eq } from "drizzle-orm";
import { teamMembers, teams, users } from "../db/schema";
import type { Db } from "../db/types";

export type TeamRow = typeof teams.$inferSelect;

export interface TeamWithMembers extends TeamRow {
  members: { userId: number; username: string }[];
}

/** Every team with its members, both by name. */
export async function listTeamsWithMembers(db: Db): Promise<TeamWithMembers[]> {
  const [teamRows, memberRows] = await Promise.all([
    db.select().from(teams).orderBy(asc(teams.name)),
    db
      .select({ teamId: teamMembers.teamId, userId: users.id, username: users.username })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .orderBy(asc(users.username)),
  ]);
  return teamRows.map((team) => ({
    ...team,
    members: memberRows.filter((m) => m.teamId === team.id).map(({ userId, username }) => ({ userId, username })),
  }));
}

export async function findTeam(db: Db, id: number): Promise<TeamRow | null> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row ?? null;
}

/** Inserts unless the name is taken; the new row, or null when taken. */
export async function insertTeam(db: Db, row: typeof teams.$inferInsert): Promise<TeamRow | null> {
  const [inserted] = await db.insert(teams).values(row).onConflictDoNothing({ target: teams.name }).returning();
  return inserted ?? null;
}

/** Deletes the team with its memberships and grants (cascade); false when absent. */
export async function deleteTeam(db: Db, id: number): Promise<boolean> {
  const deleted = await db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  return deleted.length === 1;
}

/** False when the user was a member already. */
export async function insertTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const inserted = await db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing().returning({ teamId: teamMembers.teamId });
  return inserted.length === 1;
}

/** False when the user was not a member. */
export async function deleteTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const deleted = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ teamId: teamMembers.teamId });
  return deleted.length === 1;
}
