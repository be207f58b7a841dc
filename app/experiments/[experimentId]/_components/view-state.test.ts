import { describe, expect, it } from "vitest";
import { orderByFor, parseColumnId } from "./columns";
import { composeFilter, explainFilterError, orderByOf } from "./search-query";
import { EMPTY_VIEW, parseViewState, serializeViewState, type ViewState } from "./view-state";

describe("view state in the URL", () => {
  it("round-trips every field, keys with odd characters included", () => {
    const state: ViewState = {
      filter: "metrics.loss < 0.5 OR params.lr = 'a&b'",
      sort: { column: "m.val~loss@min", desc: true },
      columns: ["a.name", "p.a,b", "m.val~loss@min", "t.mlflow.source.name"],
      pinned: ["a.name"],
      widths: { "a.name": 240, "p.a,b": 90 },
      selected: ["r1", "r2"],
      expanded: ["r1"],
      view: "DELETED_ONLY",
      statuses: ["FAILED", "KILLED"],
      flat: true,
    };
    const query = serializeViewState(state).toString();
    expect(parseViewState(new URLSearchParams(query))).toEqual(state);
  });

  it("pins the run name unless the URL says otherwise; an empty pin= means nothing pinned", () => {
    expect(parseViewState(new URLSearchParams("")).pinned).toEqual(["a.name"]);
    expect(parseViewState(new URLSearchParams("pin=")).pinned).toEqual([]);
    expect(parseViewState(new URLSearchParams("pin=t.team&pin=a.name")).pinned).toEqual(["t.team", "a.name"]);
    expect(serializeViewState({ ...EMPTY_VIEW, pinned: [] }).toString()).toBe("pin=");
    expect(serializeViewState({ ...EMPTY_VIEW, pinned: ["a.name", "t.team"] }).toString()).toBe("pin=a.name&pin=t.team");
    expect(serializeViewState({ ...EMPTY_VIEW, pinned: ["a.name"] }).toString()).toBe("");
  });

  it("reads an empty or foreign query as the default view", () => {
    expect(parseViewState(new URLSearchParams(""))).toEqual(EMPTY_VIEW);
    expect(parseViewState(new URLSearchParams("sort=sideways~a.name&w=-5~a.name&w=abc&view=bogus"))).toEqual(EMPTY_VIEW);
    expect(serializeViewState(EMPTY_VIEW).toString()).toBe("");
  });
});

describe("columns and the server's order_by", () => {
  it.each([
    ["a.name", false, "attributes.run_name ASC"],
    ["a.source", true, "tags.`mlflow.source.name` DESC"],
    ["m.loss", true, "metrics.loss DESC"],
    ["m.val/loss", false, "metrics.`val/loss` ASC"],
    ["p.it`s", false, "params.`it``s` ASC"],
    ["t.team", false, "tags.team ASC"],
    ["m.loss@min", false, "metrics.`loss@min` ASC"],
    ["m.val/loss@max", true, "metrics.`val/loss@max` DESC"],
    ["a.duration", true, "attributes.duration DESC"],
  ])("%s (desc %s) → %s", (id, desc, expected) => expect(orderByFor(parseColumnId(id)!, desc)).toBe(expected));

  it("rejects ids that name nothing", () => {
    expect(["x.a", "a.nope", "p.", "m", ""].map(parseColumnId)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(parseColumnId("m.a@max@min")).toEqual({ id: "m.a@max@min", kind: "metric", key: "a@max", aggregate: "min" });
  });

  it("orderByOf ignores an unsortable or unknown column", () => {
    expect(orderByOf({ column: "a.nope", desc: true })).toEqual([]);
    expect(orderByOf({ column: "m.loss@max", desc: true })).toEqual(["metrics.`loss@max` DESC"]);
    expect(orderByOf({ column: "a.start", desc: true })).toEqual(["attributes.start_time DESC"]);
  });
});

describe("composeFilter", () => {
  it("keeps the user's ORs inside parentheses and adds facets and nesting scope", () => {
    expect(composeFilter({ filter: " a = 1 OR b = 2 ", statuses: ["FAILED", "O'K"] }, { topLevel: true })).toBe(
      "(a = 1 OR b = 2) AND attributes.status IN ('FAILED', 'O''K') AND tags.`mlflow.parentRunId` IS NULL",
    );
    expect(composeFilter({ filter: "", statuses: [] }, { parentId: "abc" })).toBe("tags.`mlflow.parentRunId` = 'abc'");
    expect(composeFilter({ filter: "", statuses: [] })).toBe("");
  });

  it("explainFilterError restates the server's message in terms of the typed filter", () => {
    const composed = "(m >> 1) AND tags.`mlflow.parentRunId` IS NULL";
    expect(explainFilterError(`Invalid filter '${composed}': bad at position 4`, composed, "m >> 1")).toBe("Invalid filter 'm >> 1': bad at position 3");
    expect(explainFilterError("other", "x", "")).toBe("other");
    expect(explainFilterError(undefined, composed, "m >> 1")).toBeUndefined();
  });
});
