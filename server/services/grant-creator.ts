import { insertExperimentPermission, insertModelPermission } from "../repositories/permissions-repository";
import type { Db } from "../db/types";
import type { ServiceContext } from "./context";

// The creator of an experiment or registered model gets MANAGE on it (as MLflow's basic-auth app grants),
// in the creating transaction; nothing to record while auth is off (local) or for admins' own use.

export async function grantCreatorExperiment(db: Db, ctx: Pick<ServiceContext, "principal">, experimentId: number): Promise<void> {
  if (ctx.principal.kind === "user") await insertExperimentPermission(db, experimentId, ctx.principal.userId, "MANAGE");
}

export async function grantCreatorModel(db: Db, ctx: Pick<ServiceContext, "principal">, name: string): Promise<void> {
  if (ctx.principal.kind === "user") await insertModelPermission(db, name, ctx.principal.userId, "MANAGE");
}
