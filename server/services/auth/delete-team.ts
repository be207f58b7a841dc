import { z } from "zod";
import { changeAccess } from "../../auth/access-changes";
import { recordAudit } from "../../auth/audit";
import { deleteTeam as deleteTeamRow } from "../../repositories/teams-repository";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findTeamOrThrow } from "./find-team-or-throw";
import { teamId } from "./schemas";

/** Deletes a team with its memberships and the grants made to it. */
export const deleteTeam = defineVerb(z.object({ teamId }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  await changeAccess(ctx.db, async (db) => {
    const team = await findTeamOrThrow(db, input.teamId);
    await deleteTeamRow(db, team.id);
    await recordAudit(db, admin, "team.delete", `team:${team.name}`);
  });
  return {};
});
