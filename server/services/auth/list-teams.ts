import { z } from "zod";
import { listTeamsWithMembers } from "../../repositories/teams-repository";
import { defineVerb } from "../verb";
import { requireAdmin } from "./caller";

/** Every team with its members (admins only). */
export const listTeams = defineVerb(z.void(), async ({ ctx }) => {
  requireAdmin(ctx);
  return listTeamsWithMembers(ctx.db);
});
