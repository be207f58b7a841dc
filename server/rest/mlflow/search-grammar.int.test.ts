import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, post } from "../../testing/api";

// The filter grammar as MLflow 3.6's server applies it: each verdict ("ok" or part of our message) was
// checked against MLflow's SqlAlchemyStore on SQLite. Only rows marked EXTENSION differ, and SQL-tokenizer
// accidents we do not copy (both in the README).
type Verdict = "ok" | string;

// Bodies as MLflow's Python client writes them (RestStore: every field present).
const searchRuns = (experimentId: string, filter: string, orderBy: string[] = []) =>
  post("runs/search", { experiment_ids: [experimentId], filter, run_view_type: "ACTIVE_ONLY", max_results: 1000, order_by: orderBy });

function expectVerdict(res: { status: number; text: string; body: { error_code?: string; message?: string } }, verdict: Verdict) {
  if (verdict === "ok") {
    expect(res.status, res.text).toBe(200);
  } else {
    expect([res.status, res.body.error_code], res.text).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect(res.body.message).toContain(verdict);
  }
}

const RUN_FILTERS: [string, Verdict][] = [
  // Entity prefixes are case-sensitive.
  ["METRICS.acc > 0.5", "Invalid entity type 'METRICS'"],
  ["Params.lr = '0.1'", "Invalid entity type 'Params'"],
  ["Metric.acc > 1", "Invalid entity type 'Metric'"],
  ["TAGS.x = 'y'", "Invalid entity type 'TAGS'"],
  ["metric.acc > 1 and parameter.lr = '1' and run.status = 'x' and attr.status = 'x' and dataset.name = 'x'", "ok"],
  // A backticked entity is taken.
  ["`params`.optimizer = 'adam'", "ok"],
  ["`metrics`.acc > 1", "ok"],
  ["`tags`.`a` = 'b'", "ok"],
  ["`tags.a` = 'b'", "Invalid attribute key 'tags.a'"], // MLflow: "Invalid entity type '`tags'"
  // <> and a filter of blanks are refused; a trailing AND is not.
  ["metrics.acc <> 0.5", "invalid comparator '<>'; use '!='"],
  ["   ", "Invalid filter '   '. Could not be parsed."],
  ["metrics.acc > 0.5 and", "ok"],
  // Strings against numbers.
  ["start_time > '2023'", "Expected a numeric value for 'start_time' at position 0, found '2023'"],
  ["end_time > '5'", "Expected a numeric value for 'end_time'"],
  ["metrics.acc > '0.5'", "Expected a numeric value for 'metrics.acc' at position 0, found '0.5'"],
  ["params.x = 5", "Expected a quoted string value for 'params.x'"],
  ["start_time > 5.5 and end_time = -5 and created > 5 and Created > 5", "ok"],
  ["metrics.acc > -1e3 and metrics.acc > 1e-3 and metrics.acc >= .5", "ok"],
  ["metrics.acc > +1", "unexpected character '+'"],
  // Keys with a dash, colon or slash must be quoted.
  ["tags.data-set = 'x'", "unexpected character '-' at position 9"],
  ["tags.a:b = 'x'", "unexpected character ':'"],
  ["tags.a/b = 'x'", "unexpected character '/'"],
  ["tags.`data-set` = 'x' and params.\"my-param\" = 'x' and metrics.\"my metric\" > 1", "ok"],
  // Attribute names and aliases as MLflow spells them.
  ["`run name` = 'x' and `Run name` = 'x' and `Run Name` = 'x'", "ok"],
  ["`RUN NAME` = 'x'", "Invalid attribute key 'RUN NAME'"],
  ["attributes.Status = 'x'", "Invalid attribute key 'attributes.Status'"],
  ["lifecycle_stage = 'x'", "Invalid attribute key 'lifecycle_stage'"],
  ["metrics.acc == 1", "expected a number or a quoted string after '='"],
  ["params.lr > '1'", "Invalid comparator '>' for 'params.lr'"],
  ["status = FINISHED", "expected a number or a quoted string after '='"],
  ["tags.x = 'y';", "unexpected character ';'"],
  // IN lists: run_id (MLflow), status and run_name (EXTENSION), dataset fields; nothing else.
  ["run_id IN ('a', 'b') and run_id NOT IN ('c')", "ok"],
  ["status IN ('FINISHED', 'RUNNING') and run_name IN ('a')", "ok"], // EXTENSION
  ["user_id IN ('a')", "Only the run_id, status, run_name attributes take a list of values (IN), not 'user_id'"],
  ["params.lr IN ('0.1')", "Invalid comparator 'IN' for 'params.lr'"],
  ["datasets.name IN ('a','b') and datasets.context = 'train'", "ok"],
  // EXTENSIONS: OR, NOT, parentheses, IS NULL.
  ["(params.x = 'a' OR params.y = 'b') AND NOT tags.x IS NULL", "ok"],
];

const EXPERIMENT_FILTERS: [string, Verdict][] = [
  ["name = 'a' and attribute.name = 'a' and tag.x = 'a' and tags.x = 'a'", "ok"],
  ["attributes.name = 'a'", "Invalid entity type 'attributes' at position 0. Valid entity types are attribute., tag. and tags."],
  ["attr.name = 'a'", "Invalid entity type 'attr'"],
  ["Tags.x = 'a'", "Invalid entity type 'Tags'"],
  ["`tags`.x = 'a'", "Invalid entity type '`tags`'"],
  ["params.x = 'a'", "Invalid entity type 'params'"],
  ["creation_time > '5'", "Expected a numeric value for 'creation_time' at position 0, found '5'"],
  ["creation_time > 5.5 and last_update_time < 5", "ok"],
  ["name <> 'a'", "invalid comparator '<>'"],
  ["   ", "Could not be parsed."],
  ["tags.data-set = 'x'", "unexpected character '-'"],
  ["experiment_id = '1'", "Invalid attribute key 'experiment_id'"],
];

const RUN_ORDER_BY: [string, Verdict][] = [
  ["start_time DESC", "ok"],
  ["metrics.`acc` DESC", "ok"],
  ["`metrics`.acc", "ok"],
  ["attribute.start_time", "ok"],
  ["Created DESC", "ok"],
  ["run_name asc", "ok"],
  ["METRICS.acc", "Invalid entity type 'METRICS'"],
  ["Metrics.acc DESC", "Invalid entity type 'Metrics'"],
  ["`run name`", "unknown attribute 'run name'"],
  ["`Run name` DESC", "unknown attribute 'Run name'"],
  ["attributes.`run name`", "unknown attribute 'run name'"],
  ["Run name", "expected ASC or DESC"],
  ["metrics.val-loss", "unexpected character '-'"],
  ["metrics.acc DESC ASC", "unexpected 'ASC'"],
  ["attributes.duration DESC", "ok"], // EXTENSION (the runs table's Duration column)
];

const EXPERIMENT_ORDER_BY: [string, Verdict][] = [
  ["name", "ok"],
  ["attribute.name DESC", "ok"],
  ["attributes.name", "Invalid entity type 'attributes'"],
  ["attr.name", "Invalid entity type 'attr'"],
  ["Name", "Invalid order_by clause 'Name'"],
];

describe("search filters MLflow refuses are refused, those it accepts are accepted", () => {
  let experimentId: string;
  beforeAll(async () => {
    experimentId = await createExperiment();
  });

  it.each(RUN_FILTERS)("runs/search filter %j → %s", async (filter, verdict) => {
    expectVerdict(await searchRuns(experimentId, filter), verdict);
  });

  it.each(RUN_ORDER_BY)("runs/search order_by %j → %s", async (orderBy, verdict) => {
    expectVerdict(await searchRuns(experimentId, "", [orderBy]), verdict);
  });

  it.each(EXPERIMENT_FILTERS)("experiments/search filter %j → %s", async (filter, verdict) => {
    expectVerdict(await post("experiments/search", { max_results: 1000, filter, view_type: "ACTIVE_ONLY" }), verdict);
  });

  it.each(EXPERIMENT_ORDER_BY)("experiments/search order_by %j → %s", async (orderBy, verdict) => {
    expectVerdict(await post("experiments/search", { max_results: 1000, order_by: [orderBy], view_type: "ACTIVE_ONLY" }), verdict);
  });
});

describe("what the accepted forms select", () => {
  it("a backticked entity filters like the plain one; a fractional time compares as the number it is", async () => {
    const experimentId = await createExperiment();
    const adam = await createRun(experimentId, { start_time: 1000 });
    const sgd = await createRun(experimentId, { start_time: 2000 });
    await post("runs/log-parameter", { run_id: adam, key: "optimizer", value: "adam" });
    await post("runs/log-parameter", { run_id: sgd, key: "optimizer", value: "sgd" });
    const ids = async (filter: string) => (await searchRuns(experimentId, filter)).body.runs?.map((r: { info: { run_id: string } }) => r.info.run_id) ?? [];
    expect(await ids("`params`.optimizer = 'adam'")).toEqual([adam]);
    expect(await ids("`params`.`optimizer` != 'adam'")).toEqual([sgd]);
    expect(await ids("start_time > 1999.5")).toEqual([sgd]);
    expect(await ids("start_time <= 1000.5")).toEqual([adam]);
    expect(await ids("start_time = 1000.5")).toEqual([]);
    expect(await ids("start_time != 1000.5")).toEqual([sgd, adam]);
  });
});

describe("logged-models/search: IN and NOT IN as MLflow 3.6 takes them", () => {
  let experimentId: string;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    experimentId = await createExperiment();
    for (const [name, x, stage, modelType] of [
      ["a", "0", "prod", "cnn"],
      ["b", "4", "dev", "rnn"],
      ["c", "7", "dev", "cnn"],
    ]) {
      const res = await post("logged-models", {
        experiment_id: experimentId,
        name,
        model_type: modelType,
        params: [{ key: "x", value: x }],
        tags: [{ key: "stage", value: stage }],
      });
      id[name] = res.body.model.info.model_id;
    }
  });

  // The body MLflow 3.6's search_logged_models sends.
  const search = (filter: string) => post("logged-models/search", { experiment_ids: [experimentId], filter, max_results: 100, order_by: [] });
  const names = async (filter: string) => {
    const res = await search(filter);
    expect(res.status, res.text).toBe(200);
    return (res.body.models ?? []).map((m: { info: { name: string } }) => m.info.name).sort();
  };

  it.each([
    ["params.x IN ('0', '4')", ["a", "b"]],
    ["params.x NOT IN ('0', '4')", ["c"]],
    ["tags.stage NOT IN ('prod')", ["b", "c"]],
    ["tags.stage IN ('dev') AND model_type NOT IN ('rnn')", ["c"]],
    ["name NOT IN ('a', \"b\")", ["c"]],
    ["attributes.name IN ('b')", ["b"]],
    ["status IN ('PENDING')", ["a", "b", "c"]],
    ["params.x = 4", ["b"]],
  ])("%s", async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it("selects by model_id and source_run_id lists too", async () => {
    expect(await names(`model_id IN ('${id.a}', '${id.c}')`)).toEqual(["a", "c"]);
    expect(await names("source_run_id NOT IN ('r')")).toEqual([]); // no source run: NULL matches neither, as in SQL
  });

  it.each([
    ["metrics.acc IN ('1')", "Invalid comparator 'IN' for 'metrics.acc'"],
    ["creation_timestamp NOT IN ('1')", "Invalid comparator 'NOT IN' for 'creation_timestamp'"],
    ["metric.acc > 1", "Invalid entity type 'metric'"],
    ["param.x = 'a'", "Invalid entity type 'param'"],
    ["tag.x = 'a'", "Invalid entity type 'tag'"],
    ["attribute.name = 'a'", "Invalid entity type 'attribute'"],
    ["Metrics.acc > 0.5", "Invalid entity type 'Metrics'"],
    ["name <> 'a'", "invalid comparator '<>'"],
    ["   ", "Could not be parsed."],
    ["params.x > 'a'", "Invalid comparator '>' for 'params.x'"],
  ])("refuses %j", async (filter, message) => {
    expectVerdict(await search(filter), message);
  });
});
