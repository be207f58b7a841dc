import type { TestProject } from "vitest/node";
import { startTestServer, type TestDriver } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    driver: TestDriver;
  }
}

/** One real server per integration project (PGlite or PostgreSQL), shared by its test files. */
export default async function setup(project: TestProject) {
  const driver = (project.config.env.METRON_TEST_DRIVER ?? "pglite") as TestDriver;
  const server = await startTestServer(driver);
  project.provide("baseUrl", server.baseUrl);
  project.provide("driver", driver);
  return () => server.stop();
}
