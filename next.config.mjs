/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers stay outside the bundle: PGlite ships WASM and data files it locates at
  // run time, and postgres-js is plain Node.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  poweredByHeader: false,
  // Next would otherwise maintain an AGENTS.md in the repository root during `next dev`.
  agentRules: false,
};

export default nextConfig;
