import { z } from "zod";
import { findDistinctKeys, findVaryingParamKeys } from "../../repositories/run-keys-repository";
import { experimentIdList } from "../schemas";
import { parseExperimentId } from "../validation";
import { defineVerb } from "../verb";

/** Enough for any real experiment; a runaway logger's keys beyond it are cut off, never an error. */
export const MAX_KEYS_PER_KIND = 20_000;
/** How many of the most recent runs decide whether a param's value varies. */
export const VARYING_SAMPLE_RUNS = 200;

/**
 * The distinct param, metric and tag keys of the experiments' runs (deleted runs included), in
 * key order: the runs table's column chooser and filter autocomplete (Metron, not MLflow); and
 * `varyingParams`, the params whose values differ across the recent active runs (default columns).
 */
export const listRunKeys = defineVerb(
  z.object({ experimentIds: experimentIdList }),
  async ({ ctx, input }): Promise<{ params: string[]; metrics: string[]; tags: string[]; varyingParams: string[] }> => {
    const ids = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
    if (ids.length === 0) return { params: [], metrics: [], tags: [], varyingParams: [] };
    const [params, metrics, tags, varyingParams] = await Promise.all([
      findDistinctKeys(ctx.db, "params", ids, MAX_KEYS_PER_KIND),
      findDistinctKeys(ctx.db, "latest_metrics", ids, MAX_KEYS_PER_KIND),
      findDistinctKeys(ctx.db, "tags", ids, MAX_KEYS_PER_KIND),
      findVaryingParamKeys(ctx.db, ids, VARYING_SAMPLE_RUNS),
    ]);
    return { params, metrics, tags, varyingParams };
  },
);
