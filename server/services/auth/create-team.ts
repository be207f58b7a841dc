import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { MlflowError } from "../../mlflow-error";
import { insertTeam } from "../../repositories/teams-repository";
import { defineVerb, inTransaction } from "../verb";
import { requireAdmin } from "./caller";
import { teamName } from "./schemas";

export const createTeam = defineVerb(z.object({ name: teamName }), async ({ ctx, input }) => {
  const admin = requireAdmin(ctx);
  return inTransaction(ctx, async (db) => {
    const team = await insertTeam(db, { name: input.name, creationTime: ctx.now() });
    if (!team) throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Team '${input.name}' already exists.`);
    await recordAudit(db, admin, "team.create", `team:${team.name}`);
    return team;
  });
});
