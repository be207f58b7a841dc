// A real S3-protocol server for the tests, in its own process: s3rver on a free loopback port,
// storing under the folder given as argv[2], with the bucket(s) named in argv[3] (comma-separated).
// Prints "S3 listening on http://127.0.0.1:<port>" once ready.
import fs from "node:fs/promises";
import path from "node:path";
import S3rver from "@20minutes/s3rver";

const [directory, buckets = "metron-test"] = process.argv.slice(2);
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.split(",").map((name) => ({ name })),
});

// s3rver implements multipart uploads but not AbortMultipartUpload (DELETE ?uploadId=). Real S3
// discards the parts; do the same with s3rver's own upload folder, so that tests can check that an
// aborted upload leaves nothing behind. Koa composes its middleware at listen time: first in line.
server.middleware.unshift(async (ctx, next) => {
  const match = /^\/([^/]+)\/.+/.exec(ctx.path);
  if (ctx.method !== "DELETE" || !match || typeof ctx.query.uploadId !== "string") return next();
  const uploadDir = path.join(server.store.getResourcePath(match[1], undefined, "uploads"), path.basename(ctx.query.uploadId));
  const exists = await fs.stat(uploadDir).then(() => true, () => false);
  if (!exists) {
    ctx.status = 404;
    ctx.type = "application/xml";
    ctx.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>";
    return;
  }
  await fs.rm(uploadDir, { recursive: true, force: true });
  ctx.status = 204;
});

// The AWS SDK v3 signs bucket requests as "/bucket/", which s3rver canonicalises as "/bucket" and refuses.
// Its virtual-host branch with mountPath "/" yields the SDK's form, so signatures stay verified. Placed
// after s3rver's vhost middleware (which resets the flag), before its router.
const routerIndex = server.middleware.length - 1;
server.middleware.splice(routerIndex, 0, (ctx, next) => {
  if (/^\/[^/]+\/$/.test(ctx.path) && !ctx.state.vhost) {
    ctx.state.vhost = true;
    ctx.mountPath = "/";
  }
  return next();
});

const { port } = await server.run();
console.log(`S3 listening on http://127.0.0.1:${port}`);
process.on("SIGTERM", () => server.close().finally(() => process.exit(0)));
