import { describe, expect, it } from "vitest";
import { MOUNTS } from "../rest/mounts";
import { MLFLOW_ROUTES } from "../rest/mlflow/routes";
import { appRouter } from "../trpc/app-router";

// The gate can only check a rule that exists: every MLflow route, every mount and every tRPC procedure
// must declare one (the matrix test, access-matrix.int.test.ts, then checks each against real requests).

describe("access rules", () => {
  it("every MLflow route declares one", () => {
    const missing = MLFLOW_ROUTES.filter((r) => !r.access).map((r) => `${r.methods.join(",")} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it("every mount declares who may reach it", () => {
    const missing = Object.entries(MOUNTS).filter(([, m]) => !m.access).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("every tRPC procedure carries its rule as meta", () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { access?: unknown } } }>);
    expect(procedures.map(([path]) => path)).toContain("runPage.get");
    expect(procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path)).toEqual([]);
  });
});
