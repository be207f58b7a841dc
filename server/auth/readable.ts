import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { readableExperiment, readableModel } from "../repositories/permissions-repository";
import type { ServiceContext } from "../services/context";
import { RANK_OF_PERMISSION } from "./gate";

// Listings (experiments/search, registered-models/search, …) return only what the caller may read:
// their queries AND this condition, so no count, name or page token reveals the rest.

type Caller = Pick<ServiceContext, "principal" | "config">;

/** The condition on rows' experiment column; undefined when the caller reads everything (auth off, admin). */
export function readableExperimentsWhere(ctx: Caller, experimentColumn: AnyPgColumn): SQL | undefined {
  const { principal } = ctx;
  if (principal.kind === "local" || (principal.kind === "user" && principal.isAdmin)) return undefined;
  if (principal.kind !== "user") return sql`false`;
  return readableExperiment(experimentColumn, principal.userId, RANK_OF_PERMISSION[ctx.config.auth.defaultPermission]);
}

/** As readableExperimentsWhere, on rows' registered model name; share links read their one model. */
export function readableModelsWhere(ctx: Caller, nameColumn: AnyPgColumn): SQL | undefined {
  const { principal } = ctx;
  if (principal.kind === "local" || (principal.kind === "user" && principal.isAdmin)) return undefined;
  if (principal.kind === "share") return principal.modelName === undefined ? sql`false` : sql`${nameColumn} = ${principal.modelName}`;
  if (principal.kind !== "user") return sql`false`;
  return readableModel(nameColumn, principal.userId, RANK_OF_PERMISSION[ctx.config.auth.defaultPermission]);
}
