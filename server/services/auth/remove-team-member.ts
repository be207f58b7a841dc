import { z } from "zod";
import { changeAccess } from "../../auth/access-changes";
import { recordAudit } from "../../auth/audit";
import { deleteTeamMember } from "../../repositories/teams-repository";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findTeamOrThrow } from "./find-team-or-throw";
import { findUserOrThrow } from "./find-user-or-throw";
import { teamId, userId } from "./schemas";

/** Removes a user from a team; removing a non-member changes nothing. */
export const removeTeamMember = defineVerb(z.object({ teamId, userId }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  await changeAccess(ctx.db, async (db) => {
    const team = await findTeamOrThrow(db, input.teamId);
    const user = await findUserOrThrow(db, input.userId);
    if (await deleteTeamMember(db, team.id, user.id)) {
      await recordAudit(db, admin, "team.remove_member", `team:${team.name}`, { username: user.username });
    }
  });
  return {};
});
