import type { ResourceRef } from "./access-rule";

// Rules name the resource behind a request by its fields, read as the verb's schema reads them
// (camelCase; a lone query value for a list; experiment ids as strings or integers). A field the
// verb would refuse names nothing here: the verb answers it 400/404 and nothing is read.

type Fields = Record<string, unknown>;

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function experimentIdOf(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return undefined;
}

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

/** The experiment named by `field` (absent: no resource, the verb refuses it). */
export const experimentIn =
  (field: string) =>
  (input: Fields): ResourceRef[] => {
    const id = experimentIdOf(input?.[field]);
    return id === undefined ? [] : [{ experimentId: id }];
  };

/** Every experiment in the list `field`. */
export const experimentsIn =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    asList(input?.[field]).flatMap((v) => {
      const id = experimentIdOf(v);
      return id === undefined ? [] : [{ experimentId: id }];
    });

export const runIn =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    nonEmpty(input?.[field]) ? [{ runId: input[field] as string }] : [];

export const runsIn =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    asList(input?.[field]).flatMap((v) => (nonEmpty(v) ? [{ runId: v }] : []));

export const loggedModelIn =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    nonEmpty(input?.[field]) ? [{ loggedModelId: input[field] as string }] : [];

export const modelIn =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    nonEmpty(input?.[field]) ? [{ modelName: input[field] as string }] : [];

export const experimentNamed =
  (field: string) =>
  (input: Fields): ResourceRef[] =>
    nonEmpty(input?.[field]) ? [{ experimentName: input[field] as string }] : [];

/** The runs of a chart request's series (`series: [{ runId, key }]`). */
export const seriesRuns = (input: Fields): ResourceRef[] =>
  asList(input?.series).flatMap((s) => (s && typeof s === "object" && nonEmpty((s as Fields).runId) ? [{ runId: (s as Fields).runId as string }] : []));
