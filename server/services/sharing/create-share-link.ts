import { z } from "zod";
import { SHARE_KINDS } from "../../db/schema";
import { getShareKey } from "../../auth/share-principal";
import { newShareLinkId } from "../../auth/share-token";
import type { AccessRule, ResourceRef } from "../../auth/access-rule";
import { findRunsByIds } from "../../repositories/runs-repository";
import { insertShareLink } from "../../repositories/share-links-repository";
import { doesNotExist, invalidParameter } from "../errors";
import { requireRegisteredModelRow } from "../registry/load-registry";
import { defineVerb } from "../verb";
import { requireUser, toShareLink } from "./share-link";

export const MAX_SHARE_HOURS = 90 * 24;
const MAX_SHARED_RUNS = 100;

const input = z.object({
  kind: z.enum(SHARE_KINDS),
  runIds: z.array(z.string().min(1).max(32)).max(MAX_SHARED_RUNS).default([]),
  modelName: z.string().min(1).max(256).optional(),
  /** The view the link opens: a path (and query) on this server, e.g. the page's own URL. */
  target: z.string().min(1).max(8000),
  expiresInHours: z.number().int().min(1).max(MAX_SHARE_HOURS),
});

/**
 * Who may create a link: a signed-in user holding READ on everything it names (each run, or the model).
 * A link can never show more than its creator could read when they made it.
 */
export const CREATE_SHARE_LINK_ACCESS: AccessRule = {
  kind: "resource",
  need: "READ",
  of: (i: z.output<typeof input>): ResourceRef[] => (i.modelName !== undefined ? [{ modelName: i.modelName }] : i.runIds.map((runId) => ({ runId }))),
};

export const createShareLink = defineVerb(input, async ({ ctx, input }) => {
  const user = requireUser(ctx);
  const runIds = [...new Set(input.runIds)];
  checkScope(input.kind, runIds, input.modelName);
  const target = sameServerPath(input.target);
  if (input.kind === "chart") checkChartView(target, runIds);
  if (input.modelName !== undefined) await requireRegisteredModelRow(ctx.db, input.modelName);
  const found = new Set((await findRunsByIds(ctx.db, runIds)).map((r) => r.runUuid));
  const missing = runIds.find((id) => !found.has(id));
  if (missing) throw doesNotExist(`Run with id=${missing} not found`);
  const now = ctx.now();
  const row = {
    id: newShareLinkId(),
    kind: input.kind,
    runIds,
    modelName: input.modelName ?? null,
    target,
    creatorUserId: user.userId,
    creationTime: now,
    expiryTime: now + input.expiresInHours * 3_600_000,
    revokedTime: null,
  };
  await insertShareLink(ctx.db, row);
  return { link: toShareLink(row, await getShareKey(ctx.db), now) };
});

function checkScope(kind: (typeof SHARE_KINDS)[number], runIds: string[], modelName: string | undefined): void {
  if (kind === "model") {
    if (modelName === undefined || runIds.length > 0) throw invalidParameter("A model link names a model (modelName) and no runs.");
    return;
  }
  if (modelName !== undefined) throw invalidParameter(`A ${kind} link names runs, not a model.`);
  if (runIds.length === 0) throw invalidParameter(`A ${kind} link needs at least one run id.`);
  if (kind === "run" && runIds.length !== 1) throw invalidParameter("A run link names exactly one run.");
}

/**
 * A chart link opens the compare page's charts over exactly its runs (app/_components/sharing/chart-view-path.ts):
 * a view of other runs, or one listing a whole experiment, would show its visitor only errors.
 */
function checkChartView(target: string, runIds: string[]): void {
  const url = new URL(target, "http://metron.invalid");
  const shown = new Set((url.searchParams.get("runs") ?? "").split(",").map((id) => id.trim()).filter(Boolean));
  const isSameRuns = shown.size === runIds.length && runIds.every((id) => shown.has(id));
  if (url.pathname !== "/compare" || url.searchParams.get("view") !== "charts" || !isSameRuns) {
    throw invalidParameter(`A chart link opens the charts of its runs: /compare?runs=<its run ids>&view=charts, not '${target.slice(0, 200)}'.`);
  }
}

/** Only a path on this server: a link must never redirect its visitor elsewhere (//host, /\host, http:). */
function sameServerPath(target: string): string {
  const base = "http://metron.invalid";
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    throw invalidParameter(`Invalid share target '${target.slice(0, 200)}': expected a path on this server.`);
  }
  if (!target.startsWith("/") || url.origin !== base || target.startsWith("/s/")) {
    throw invalidParameter(`Invalid share target '${target.slice(0, 200)}': expected a path on this server.`);
  }
  return `${url.pathname}${url.search}`;
}
