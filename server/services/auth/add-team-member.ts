import { z } from "zod";
import { changeAccess } from "../../auth/access-changes";
import { recordAudit } from "../../auth/audit";
import { MlflowError } from "../../mlflow-error";
import { insertTeamMember } from "../../repositories/teams-repository";
import { findUserByName } from "../../repositories/users-repository";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";
import { findTeamOrThrow } from "./find-team-or-throw";
import { teamId, username } from "./schemas";

/** Adds a user (by name, as the admin types it) to a team; adding a member again changes nothing. */
export const addTeamMember = defineVerb(z.object({ teamId, username }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  await changeAccess(ctx.db, async (db) => {
    const team = await findTeamOrThrow(db, input.teamId);
    const user = await findUserByName(db, input.username);
    if (!user) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `User '${input.username}' does not exist.`);
    if (await insertTeamMember(db, team.id, user.id)) {
      await recordAudit(db, admin, "team.add_member", `team:${team.name}`, { username: user.username });
    }
  });
  return {};
});
