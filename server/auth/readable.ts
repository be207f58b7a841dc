import { sql, type SQL } from "drizzle-orm";
import { modelVersions, registeredModels } from "../db/schema";
import { readableExperiments, readableModels } from "../repositories/permissions-repository";
import type { ServiceContext } from "../services/context";
import { RANK_OF_PERMISSION } from "./gate";

// Listings (experiments/search, registered-models/search, model-versions/search, the dashboard) return
// only what the caller may read: their queries AND these conditions, so no count, name or page token
// reveals the rest. Undefined: the caller reads everything (auth off, admins).

type Caller = Pick<ServiceContext, "principal" | "config">;

const defaultRank = (ctx: Caller) => RANK_OF_PERMISSION[ctx.config.auth.defaultPermission];
const readsEverything = ({ principal }: Caller) => principal.kind === "local" || (principal.kind === "user" && principal.isAdmin);

/** On the experiments table (or on `experimentColumn`). Share links list no experiments (they read only their runs). */
export function readableExperimentsWhere(ctx: Caller, experimentColumn?: SQL): SQL | undefined {
  if (readsEverything(ctx)) return undefined;
  return ctx.principal.kind === "user" ? readableExperiments(ctx.principal.userId, defaultRank(ctx), experimentColumn) : sql`false`;
}

/** On the registered_models table, or the model_versions table (`ofVersions`); a share link lists its one model. */
export function readableModelsWhere(ctx: Caller, ofVersions = false): SQL | undefined {
  if (readsEverything(ctx)) return undefined;
  const { principal } = ctx;
  if (principal.kind === "user") return readableModels(principal.userId, defaultRank(ctx), ofVersions);
  if (principal.kind === "share" && principal.modelName !== undefined) {
    return sql`${ofVersions ? modelVersions.name : registeredModels.name} = ${principal.modelName}`;
  }
  return sql`false`;
}
