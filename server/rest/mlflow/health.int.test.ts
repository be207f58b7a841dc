import { describe, expect, inject, it } from "vitest";

describe("health and version", () => {
  it("GET /health answers OK", async () => {
    const res = await fetch(`${inject("baseUrl")}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
  });

  it("GET /version answers the MLflow version Metron implements", async () => {
    const res = await fetch(`${inject("baseUrl")}/version`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("3.6.0");
  });
});
