/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers stay outside the bundle: PGlite ships WASM and data files it locates at
  // run time, and postgres-js is plain Node. ssh2 loads an optional native addon, and the cloud
  // storage SDKs are plain Node too.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "ssh2", "ssh2-sftp-client", "@azure/storage-blob", "@google-cloud/storage"],
  poweredByHeader: false,
  // Next would otherwise maintain an AGENTS.md in the repository root during `next dev`.
  agentRules: false,
  // `metron server` builds the app on a user's first start with METRON_QUICK_BUILD=1: no type check
  // (CI's job: `npm test` and `npm run build` build without it, so they still type-check) and no
  // persistent Turbopack cache (~12 s to write, only useful to rebuilds).
  typescript: { ignoreBuildErrors: process.env.METRON_QUICK_BUILD === "1" },
  // authInterrupts: forbidden() and unauthorized() render app/forbidden.tsx (403) and app/unauthorized.tsx (401).
  experimental: { turbopackFileSystemCacheForBuild: process.env.METRON_QUICK_BUILD !== "1", authInterrupts: true },
};

export default nextConfig;
