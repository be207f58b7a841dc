// Server modules load twice in one process: Next's bundle and the custom server's esbuild bundle
// (server/cli/rest-edge.mjs), and Next may copy a module into several route bundles. What must
// exist once per process (configuration, logger, database, artifact stores) lives here, by name.

const REGISTRY = Symbol.for("metron.process-singletons");
const registry: Map<string, unknown> = ((globalThis as Record<symbol, Map<string, unknown> | undefined>)[REGISTRY] ??= new Map());

/** The process's one value under `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** A process-wide promise that is forgotten when it rejects, so the next caller tries again. */
export function processSingletonPromise<T>(name: string, create: () => Promise<T>): Promise<T> {
  return processSingleton(name, () =>
    create().catch((err: unknown) => {
      registry.delete(name);
      throw err;
    }),
  );
}

/** The value under `name` if one was created, without creating it. */
export function existingProcessSingleton<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}
