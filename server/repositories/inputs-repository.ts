import { and, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { datasets, inputs, inputTags } from "../db/schema";
import type { Db } from "../db/types";
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
 * the first registration keeps its uuid and source. Relogging the same input is a no-op.
 */
export async function insertDatasetInput(
  db: Db,
  input: {
    experimentId: number;
    runId: string;
    dataset: Omit<DatasetRow, "datasetUuid" | "experimentId">;
    tags: { key: string; value: string }[];
  },
): Promise<void> {
  await db
    .insert(datasets)
    .values({ ...input.dataset, experimentId: input.experimentId, datasetUuid: randomUUID() })
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

/** The dataset inputs of a page of runs, with their tags: two queries whatever the page size. */
export async function findDatasetInputs(db: Db, runIds: string[]): Promise<DatasetInputRow[]> {
  if (runIds.length === 0) return [];
  const links = await db
    .select({ runId: inputs.destinationId, inputUuid: inputs.inputUuid, dataset: datasets })
    .from(inputs)
    .innerJoin(datasets, eq(datasets.datasetUuid, inputs.sourceId))
    .where(and(eq(inputs.sourceType, "DATASET"), eq(inputs.destinationType, "RUN"), anyText(inputs.destinationId, runIds)))
    .orderBy(inputs.destinationId, datasets.name, datasets.digest);
  if (links.length === 0) return [];
  const tags = await db
    .select()
    .from(inputTags)
    .where(anyText(inputTags.inputUuid, links.map((l) => l.inputUuid)))
    .orderBy(inputTags.inputUuid, inputTags.name);
  return links.map((link) => ({
    ...link,
    tags: tags.filter((t) => t.inputUuid === link.inputUuid).map((t) => ({ key: t.name, value: t.value })),
  }));
}
