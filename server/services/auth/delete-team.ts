import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { deleteTeam as deleteTeamRow } from "../../repositories/teams-repository";
import { defineVerb, inTransaction } from "../verb";
import { requireAdmin } from "./caller";
import { findTeamOrThrow } from "./find-team-or-throw";
import { teamId } from "./schemas";

/** Deletes a team with its memberships and the grants made to it. */
export const deleteTeam = defineVerb(z.object({ teamId }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  await inTransaction(ctx, async (db) => {
    const team = await findTeamOrThrow(db, input.teamId);
    await deleteTeamRow(db, team.id);
    await recordAudit(db, admin, "team.delete", `team:${team.name}`);
  });
  return {};
});
