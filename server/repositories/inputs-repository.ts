import { and, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { datasets, inputs, inputTags } from "../db/schema";
import type { Db } from "../db/types";
import { executeRows } from "../db/rows";
import { anyText } from "./any-of";

export type DatasetRow = typeof datasets.$inferSelect;

export interface DatasetInputRow {
  runId: string;
  inputUuid: string;
  dataset: DatasetRow;
  tags: { key: string; value: string }[];
}

/**
 * Records that a run used a dataset. Datasets are deduplicated per experiment by (name, digest):
 * the first registration keeps its uuid (a new one, or the one `metron import` brings) and source.
 * Relogging the same input is a no-op but for its tags' values.
 */
export async function insertDatasetInput(
  db: Db,
  input: {
    experimentId: number;
    runId: string;
    dataset: Omit<DatasetRow, "datasetUuid" | "experimentId"> & { datasetUuid?: string };
    tags: { key: string; value: string }[];
  },
): Promise<void> {
  await db
    .insert(datasets)
    .values({ ...input.dataset, experimentId: input.experimentId, datasetUuid: input.dataset.datasetUuid ?? randomUUID() })
    .onConflictDoNothing();
  const [dataset] = await db
    .select({ uuid: datasets.datasetUuid })
    .from(datasets)
    .where(
      and(
        eq(datasets.experimentId, input.experimentId),
        eq(datasets.name, input.dataset.name),
        eq(datasets.digest, input.dataset.digest),
      ),
    );
  await db
    .insert(inputs)
    .values({
      inputUuid: randomUUID(),
      sourceType: "DATASET",
      sourceId: dataset.uuid,
      destinationType: "RUN",
      destinationId: input.runId,
    })
    .onConflictDoNothing();
  const [link] = await db
    .select({ uuid: inputs.inputUuid })
    .from(inputs)
    .where(
      and(
        eq(inputs.sourceType, "DATASET"),
        eq(inputs.sourceId, dataset.uuid),
        eq(inputs.destinationType, "RUN"),
        eq(inputs.destinationId, input.runId),
      ),
    );
  if (input.tags.length > 0) {
    await db
      .insert(inputTags)
      .values(input.tags.map((t) => ({ inputUuid: link.uuid, name: t.key, value: t.value })))
      .onConflictDoUpdate({ target: [inputTags.inputUuid, inputTags.name], set: { value: sql`excluded.value` } });
  }
}

/**
 * The dataset inputs of a page of runs, each with its tags (aggregated per input by the
 * database, in name order): one query whatever the page size.
 */
export async function findDatasetInputs(db: Db, runIds: string[]): Promise<DatasetInputRow[]> {
  if (runIds.length === 0) return [];
  const tagsOfInput = sql<{ key: string; value: string }[]>`coalesce((
    select json_agg(json_build_object('key', ${inputTags.name}, 'value', ${inputTags.value}) order by ${inputTags.name})
    from ${inputTags} where ${inputTags.inputUuid} = ${inputs.inputUuid}), '[]'::json)`;
  return db
    .select({ runId: inputs.destinationId, inputUuid: inputs.inputUuid, dataset: datasets, tags: tagsOfInput })
    .from(inputs)
    .innerJoin(datasets, eq(datasets.datasetUuid, inputs.sourceId))
    .where(and(eq(inputs.sourceType, "DATASET"), eq(inputs.destinationType, "RUN"), anyText(inputs.destinationId, runIds)))
    .orderBy(inputs.destinationId, datasets.name, datasets.digest);
}

// A run's logged-model inputs and outputs are rows of `inputs` too, from the run to the model
// (MLflow's encoding): RUN_INPUT → MODEL_INPUT and RUN_OUTPUT → MODEL_OUTPUT (with the step).
const MODEL_LINKS = {
  input: { sourceType: "RUN_INPUT", destinationType: "MODEL_INPUT" },
  output: { sourceType: "RUN_OUTPUT", destinationType: "MODEL_OUTPUT" },
} as const;

/** Links a run to models it used or produced; relogging a link keeps the first one (and its step). */
export async function insertModelLinks(
  db: Db,
  runId: string,
  kind: keyof typeof MODEL_LINKS,
  models: { modelId: string; step?: number }[],
): Promise<void> {
  if (models.length === 0) return;
  await db
    .insert(inputs)
    .values(
      models.map((m) => ({
        inputUuid: randomUUID(),
        ...MODEL_LINKS[kind],
        sourceId: runId,
        destinationId: m.modelId,
        step: m.step ?? null,
      })),
    )
    .onConflictDoNothing();
}

export interface ModelLinkRow {
  runId: string;
  kind: keyof typeof MODEL_LINKS;
  modelId: string;
  step: number | null;
}

/** The model inputs and outputs of a page of runs, ordered by run, then step and model id. */
export async function findModelLinks(db: Db, runIds: string[]): Promise<ModelLinkRow[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .select({ runId: inputs.sourceId, sourceType: inputs.sourceType, modelId: inputs.destinationId, step: inputs.step })
    .from(inputs)
    .where(and(sql`${inputs.sourceType} in ('RUN_INPUT', 'RUN_OUTPUT')`, anyText(inputs.sourceId, runIds)))
    .orderBy(inputs.sourceId, inputs.step, inputs.destinationId);
  return rows.map((r) => ({ runId: r.runId, kind: r.sourceType === "RUN_INPUT" ? "input" : "output", modelId: r.modelId, step: r.step }));
}

export interface DatasetSummaryRow {
  experiment_id: number;
  name: string;
  digest: string;
  context: string | null;
}

/**
 * Distinct (experiment, dataset name, digest, mlflow.data.context) of the datasets runs of the
 * experiments used — what the UI offers as dataset filters — at most `limit` of them.
 */
export async function findDatasetSummaries(db: Db, experimentIds: number[], limit: number): Promise<DatasetSummaryRow[]> {
  if (experimentIds.length === 0) return [];
  return executeRows<DatasetSummaryRow>(
    db,
    sql`select distinct d.experiment_id, d.name, d.digest, ctx.value as context
      from datasets d
      join inputs i on i.source_type = 'DATASET' and i.source_id = d.dataset_uuid
      left join input_tags ctx on ctx.input_uuid = i.input_uuid and ctx.name = 'mlflow.data.context'
      where d.experiment_id = any(${sql.param(experimentIds)}::int4[])
      order by d.experiment_id, d.name, d.digest, context nulls first
      limit ${limit}`,
  );
}
