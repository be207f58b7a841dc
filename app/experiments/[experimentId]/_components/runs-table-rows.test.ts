import { describe, expect, it } from "vitest";
import { defaultColumns } from "./runs-table-rows";

const ATTRIBUTES = ["a.name", "a.status", "a.start", "a.duration", "a.user", "a.source"];

describe("defaultColumns", () => {
  it("shows the params that vary across runs before the constant ones", () => {
    const columns = defaultColumns({
      metrics: ["loss"],
      params: ["batch_size", "dataset", "epochs", "lr", "optimizer", "seed", "warmup"],
      varyingParams: ["lr", "optimizer"],
    });
    expect(columns).toEqual([...ATTRIBUTES, "m.loss", "p.lr", "p.optimizer", "p.batch_size", "p.dataset", "p.epochs"]);
  });

  it("leaves system metrics out and takes the first five others", () => {
    const metrics = ["acc", "system/cpu_utilization_percentage", "system/gpu_0_memory_usage_megabytes", "f1", "loss", "lr", "val_loss", "zz"];
    expect(defaultColumns({ metrics, params: [] })).toEqual([...ATTRIBUTES, "m.acc", "m.f1", "m.loss", "m.lr", "m.val_loss"]);
    expect(defaultColumns({ metrics: ["system/cpu_utilization_percentage"], params: [] })).toEqual(ATTRIBUTES);
  });
});
