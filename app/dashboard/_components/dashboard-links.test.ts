import { describe, expect, test } from "vitest";
import { dashboardHref, dashboardInput, parseDashboardView, runsTableHref, sliceFilter, sliceHref } from "./dashboard-links";

describe("sliceFilter", () => {
  test("a day is a half-open start_time range; user and status are equalities, quotes escaped", () => {
    expect(sliceFilter({ day: 19_676, user: "o'neil", status: "FAILED" })).toBe(
      "attributes.start_time >= 1700006400000 AND attributes.start_time < 1700092800000 AND attributes.user_id = 'o\\'neil' AND attributes.status = 'FAILED'",
    );
  });
  test("without a day, the window's first day bounds start_time; nothing gives an empty filter", () => {
    expect(sliceFilter({}, 19_676)).toBe("attributes.start_time >= 1700006400000");
    expect(sliceFilter({})).toBe("");
  });
});

test("runsTableHref puts the filter (and a metric sort in the goal's direction) in the runs table's URL", () => {
  expect(runsTableHref("7", { user: "bob" })).toBe("/experiments/7?f=attributes.user_id+%3D+%27bob%27");
  expect(runsTableHref("7", {}, undefined, { metric: "loss", goal: "min" })).toBe("/experiments/7?sort=asc%7Em.loss");
  expect(runsTableHref("7", {})).toBe("/experiments/7");
});

test("the view round-trips through the dashboard's URL; defaults stay out of it", () => {
  const view = { experimentId: "3", days: 7, user: "alice", status: "FAILED", day: 19_676, metric: "acc", goal: "max" as const };
  expect(parseDashboardView(new URL(`http://x${dashboardHref(view)}`).searchParams)).toEqual(view);
  expect(dashboardHref({ days: 30 })).toBe("/dashboard");
  expect(parseDashboardView(new URLSearchParams("days=abc&goal=up"))).toEqual({ days: 30, experimentId: undefined, user: undefined, status: undefined, day: undefined, metric: undefined, goal: undefined });
});

test("sliceHref: runs table on an experiment's dashboard, a narrower dashboard on the server's (slices combine)", () => {
  expect(sliceHref({ experimentId: "5", days: 30, status: "FAILED" }, { user: "bob" }, 100)).toBe(
    `/experiments/5?${new URLSearchParams({ f: "attributes.start_time >= 8640000000 AND attributes.user_id = 'bob' AND attributes.status = 'FAILED'" })}`,
  );
  expect(sliceHref({ days: 0, status: "FAILED" }, { user: "bob" }, undefined)).toBe("/dashboard?days=0&user=bob&status=FAILED");
});

test("dashboardInput names the query's fields after the view's; unset ones stay out of its JSON", () => {
  expect(JSON.stringify(dashboardInput(parseDashboardView(new URLSearchParams("exp=4&status=FAILED&metric=acc&goal=max"))))).toBe(
    '{"experimentId":"4","days":30,"status":"FAILED","metricKey":"acc","metricGoal":"max"}',
  );
});
