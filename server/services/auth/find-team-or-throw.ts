import type { Db } from "../../db/types";
import { MlflowError } from "../../mlflow-error";
import { findTeam, type TeamRow } from "../../repositories/teams-repository";

export async function findTeamOrThrow(db: Db, id: number): Promise<TeamRow> {
  const team = await findTeam(db, id);
  if (!team) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `Team ${id} does not exist.`);
  return team;
}
