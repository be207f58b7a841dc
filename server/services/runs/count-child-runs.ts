import { z } from "zod";
import { countChildren } from "../../repositories/run-keys-repository";
import { viewType } from "../schemas";
import { defineVerb } from "../verb";

const STAGES = { ACTIVE_ONLY: ["active"], DELETED_ONLY: ["deleted"], ALL: ["active", "deleted"] } as const;

/**
 * For each of `parentRunIds`, how many runs of the view name it in their mlflow.parentRunId tag
 * (parents without children are left out): the runs table's expandable parent rows.
 */
export const countChildRuns = defineVerb(
  z.object({ parentRunIds: z.array(z.string()).max(1000), runViewType: viewType.default("ACTIVE_ONLY") }),
  async ({ ctx, input }): Promise<{ counts: Record<string, number> }> => {
    if (input.parentRunIds.length === 0) return { counts: {} };
    const rows = await countChildren(ctx.db, input.parentRunIds, [...STAGES[input.runViewType]]);
    return { counts: Object.fromEntries(rows.map((r) => [r.parentId, r.count])) };
  },
);
