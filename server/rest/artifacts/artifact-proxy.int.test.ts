import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { TRAVERSAL_PAYLOADS } from "../../artifacts/traversal-payloads";
import { PROXY_BACKENDS, PROXY_SECRET, STORE_SERVERS, useProxyBackend } from "../../testing/artifact-proxy-fixture";
import { asBody, downloadDigest, interruptedUpload, patternBytes, rawRequest, sha256 } from "../../testing/artifacts";
import { pendingMultipartFiles } from "../../testing/s3-test-server";
import { SSHD } from "../../testing/store-test-servers";

// One suite, five stores, each a real service in its own process: local disk, S3 (s3rver), Azure Blob
// (Azurite), GCS (our test server), SFTP (sshd; skipped only where absent, .ci/run installs it).
// Driver-independent and heavy (a 50 MB file), so PGlite only.

const MiB = 1024 * 1024;

describe.runIf(inject("driver") === "pglite")("artifact proxy", () => {
  describe.each(PROXY_BACKENDS.filter((b) => b !== "SFTP" || SSHD))("on %s", (backend) => {
    const ctx = useProxyBackend(backend);

    it.each([
      ["empty", 0],
      ["small", 11],
      ["one S3 part plus one byte", 8 * MiB + 1],
      ["50 MB", 50_000_000],
    ])("round-trips a %s file byte for byte", async (_, size) => {
      const content = patternBytes(size, size + 1);
      const file = `${randomUUID()}/data/model.bin`;
      expect(await ctx.put(file, content)).toEqual({ status: 200, body: {} });

      const download = await downloadDigest(`${ctx.proxy}/artifacts/${file}`);
      expect(download).toMatchObject({ status: 200, size, sha256: sha256(content) });
      expect(download.headers.get("content-length")).toBe(String(size));
      expect(download.headers.get("content-disposition")).toBe('attachment; filename="model.bin"');
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    });

    it.runIf(backend === "S3")("stores objects under the destination's key prefix", async () => {
      const dir = randomUUID();
      await ctx.put(`${dir}/x.txt`, "x");
      const stored = fs.readdirSync(path.join(ctx.s3!.directory, ctx.s3!.bucket, "proxy-root", dir));
      expect(stored).toContain("x.txt._S3rver_object");
    });

    it.runIf(STORE_SERVERS[backend])("stores files under the destination's prefix, as the service itself lists them", async () => {
      const dir = randomUUID();
      await ctx.put(`${dir}/sub/x.txt`, "x");
      expect((await ctx.store!.storedFiles()).filter((f) => f.includes(dir))).toEqual([`proxy-root/${dir}/sub/x.txt 1`]);
    });

    it("lists nested folders one level at a time, with basenames and sizes", async () => {
      const root = randomUUID();
      await ctx.put(`${root}/a/b/c.txt`, "c");
      await ctx.put(`${root}/a/d.txt`, "dd");
      await ctx.put(`${root}/a/b/e/f.bin`, "fff");

      expect(await ctx.list(root)).toEqual({ files: [{ path: "a", is_dir: true }] });
      expect(await ctx.list(`${root}/a`)).toEqual({
        files: [
          { path: "b", is_dir: true },
          { path: "d.txt", is_dir: false, file_size: 2 },
        ],
      });
      expect(await ctx.list(`${root}/a/b`)).toEqual({
        files: [
          { path: "c.txt", is_dir: false, file_size: 1 },
          { path: "e", is_dir: true },
        ],
      });
      expect(await ctx.list(`${root}/missing`)).toEqual({});
      expect(await ctx.list(`${root}/a/d.txt`)).toEqual({});
      const viaAjax = await fetch(`${ctx.server.baseUrl}/ajax-api/2.0/mlflow-artifacts/artifacts?path=${root}/a/b/e`).then((r) => r.json());
      expect(viaAjax).toEqual({ files: [{ path: "f.bin", is_dir: false, file_size: 3 }] });
    });

    it("deletes a file, then a folder with everything in it", async () => {
      const root = randomUUID();
      await ctx.put(`${root}/a/b/c.txt`, "c");
      await ctx.put(`${root}/a/d.txt`, "dd");

      const deleteFile = await fetch(`${ctx.proxy}/artifacts/${root}/a/d.txt`, { method: "DELETE" });
      expect([deleteFile.status, await deleteFile.json()]).toEqual([200, {}]);
      expect(await ctx.list(`${root}/a`)).toEqual({ files: [{ path: "b", is_dir: true }] });

      await fetch(`${ctx.proxy}/artifacts/${root}/a`, { method: "DELETE" });
      expect(await ctx.list(root)).toEqual({});
      const gone = await fetch(`${ctx.proxy}/artifacts/${root}/a/b/c.txt`);
      expect([gone.status, await gone.json()]).toEqual([
        404,
        { error_code: "RESOURCE_DOES_NOT_EXIST", message: `No artifact file at '${root}/a/b/c.txt'.` },
      ]);
    });

    it("deleting below a file is a no-op, and on disk a name over 255 bytes is a 400 (both were 500s)", async () => {
      const root = randomUUID();
      await ctx.put(`${root}/f.txt`, "f");
      const below = await fetch(`${ctx.proxy}/artifacts/${root}/f.txt/1/x`, { method: "DELETE" });
      expect([below.status, await below.json()]).toEqual([200, {}]);
      expect(await ctx.list(root)).toEqual({ files: [{ path: "f.txt", is_dir: false, file_size: 1 }] });

      if (backend !== "local disk" && backend !== "SFTP") return; // object keys may be 1024 bytes long
      const name = "n".repeat(256);
      for (const method of ["GET", "PUT", "DELETE"]) {
        const res = await fetch(`${ctx.proxy}/artifacts/${root}/${name}`, { method, body: method === "PUT" ? "x" : undefined });
        expect([method, res.status, await res.json()]).toEqual([
          method,
          400,
          { error_code: "INVALID_PARAMETER_VALUE", message: `Invalid path: the name '${name.slice(0, 40)}…' is longer than 255 bytes.` },
        ]);
      }
    });

    it("refuses to delete the whole destination", async () => {
      const res = await fetch(`${ctx.proxy}/artifacts/`, { method: "DELETE" });
      expect([res.status, await res.json()]).toEqual([
        400,
        { error_code: "INVALID_PARAMETER_VALUE", message: "Deleting artifacts needs a path below the artifact root." },
      ]);
    });

    it("serves byte ranges (206), and 416 for a range outside the file", async () => {
      const content = patternBytes(1000, 3);
      const file = `${randomUUID()}/weights.bin`;
      await ctx.put(file, content);
      const ranged = async (range: string) => {
        const res = await fetch(`${ctx.proxy}/artifacts/${file}`, { headers: { range } });
        const body = Buffer.from(await res.arrayBuffer());
        return { status: res.status, contentRange: res.headers.get("content-range"), length: res.headers.get("content-length"), body };
      };

      expect(await ranged("bytes=0-9")).toEqual({ status: 206, contentRange: "bytes 0-9/1000", length: "10", body: content.subarray(0, 10) });
      expect(await ranged("bytes=990-")).toEqual({ status: 206, contentRange: "bytes 990-999/1000", length: "10", body: content.subarray(990) });
      expect(await ranged("bytes=-5")).toEqual({ status: 206, contentRange: "bytes 995-999/1000", length: "5", body: content.subarray(995) });
      expect(await ranged("bytes=500-5000")).toMatchObject({ status: 206, contentRange: "bytes 500-999/1000", length: "500" });
      expect(await ranged("bytes=0-1,5-6")).toEqual({ status: 200, contentRange: null, length: "1000", body: content });
      const outside = await ranged("bytes=1000-");
      expect([outside.status, outside.contentRange, outside.body.toString()]).toEqual([
        416,
        "bytes */1000",
        "Range not satisfiable: the file has 1000 bytes.",
      ]);

      const head = await fetch(`${ctx.proxy}/artifacts/${file}`, { method: "HEAD" });
      expect([head.status, head.headers.get("content-length"), (await head.arrayBuffer()).byteLength]).toEqual([200, "1000", 0]);
    });

    it("leaves nothing behind when the client dies mid-upload, and keeps the previous version", async () => {
      const dir = randomUUID();
      // 12 of 20 MiB sent: past one S3 part, so the S3 store had begun a multipart upload.
      await interruptedUpload(`${ctx.proxy}/artifacts/${dir}/new.bin`, 20 * MiB, 12 * MiB);
      await ctx.put(`${dir}/kept.txt`, "version 1");
      await interruptedUpload(`${ctx.proxy}/artifacts/${dir}/kept.txt`, 20 * MiB, 12 * MiB);

      await expect.poll(() => ctx.list(dir), { timeout: 10_000 }).toEqual({ files: [{ path: "kept.txt", is_dir: false, file_size: 9 }] });
      expect((await fetch(`${ctx.proxy}/artifacts/${dir}/new.bin`)).status).toBe(404);
      expect(await (await fetch(`${ctx.proxy}/artifacts/${dir}/kept.txt`)).text()).toBe("version 1");
      if (backend === "S3") {
        await expect.poll(() => pendingMultipartFiles(ctx.s3!), { timeout: 10_000 }).toEqual([]);
      } else if (ctx.store) {
        await expect.poll(() => ctx.store!.pendingUploads(), { timeout: 10_000 }).toEqual([]);
      } else {
        await expect.poll(() => fs.readdirSync(path.join(ctx.localDestination, ".metron-uploads")), { timeout: 10_000 }).toEqual([]);
        expect(await ctx.list("")).not.toMatchObject({ files: expect.arrayContaining([expect.objectContaining({ path: ".metron-uploads" })]) });
      }
    });

    it.runIf(backend !== "S3")("answers multipart requests with MLflow's NOT_IMPLEMENTED, so clients fall back to one PUT", async () => {
      const res = await fetch(`${ctx.proxy}/mpu/create/${randomUUID()}/big.bin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "big.bin", num_parts: 3 }),
      });
      expect([res.status, await res.json()]).toEqual([
        501,
        { error_code: "NOT_IMPLEMENTED", message: "Multipart upload is not supported for the current artifact repository" },
      ]);
    });

    it.runIf(backend === "S3")("completes a multipart upload whose parts go straight to storage through presigned URLs", async () => {
      const file = `${randomUUID()}/big.bin`;
      const content = patternBytes(5 * MiB + 1000, 9);
      const mpu = (action: string, body: unknown) =>
        fetch(`${ctx.proxy}/mpu/${action}/${file}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
          async (r) => ({ status: r.status, body: await r.json() }),
        );

      const created = await mpu("create", { path: "/home/me/big.bin", num_parts: 2 });
      expect(created.status).toBe(200);
      expect(created.body.credentials.map((c: { part_number: number }) => c.part_number)).toEqual([1, 2]);
      const chunks = [content.subarray(0, 5 * MiB), content.subarray(5 * MiB)];
      const parts = [];
      for (const [i, credential] of created.body.credentials.entries()) {
        const res = await fetch(credential.url, { method: "PUT", body: asBody(chunks[i]) });
        expect(res.status).toBe(200);
        parts.push({ part_number: credential.part_number, etag: res.headers.get("etag"), url: credential.url });
      }
      expect(await mpu("complete", { path: "/home/me/big.bin", upload_id: created.body.upload_id, parts })).toEqual({ status: 200, body: {} });
      expect(await downloadDigest(`${ctx.proxy}/artifacts/${file}`)).toMatchObject({ status: 200, size: content.length, sha256: sha256(content) });
    });

    it.runIf(backend === "S3")("aborts a multipart upload: its parts are discarded and no file appears", async () => {
      const file = `${randomUUID()}/aborted.bin`;
      const mpu = (action: string, body: unknown) =>
        fetch(`${ctx.proxy}/mpu/${action}/${file}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
          async (r) => ({ status: r.status, body: await r.json() }),
        );
      const created = await mpu("create", { path: "aborted.bin", num_parts: 1 });
      await fetch(created.body.credentials[0].url, { method: "PUT", body: asBody(patternBytes(1000)) });
      expect(pendingMultipartFiles(ctx.s3!)).not.toEqual([]);

      expect(await mpu("abort", { path: "aborted.bin", upload_id: created.body.upload_id })).toEqual({ status: 200, body: {} });
      expect(pendingMultipartFiles(ctx.s3!)).toEqual([]);
      expect((await fetch(`${ctx.proxy}/artifacts/${file}`)).status).toBe(404);
      expect(await mpu("abort", { path: "aborted.bin", upload_id: created.body.upload_id })).toMatchObject({
        status: 400,
        body: { error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("NoSuchUpload") },
      });
    });

    it("lets none of the MLflow path-traversal payloads escape the destination (0 escapes)", async () => {
      const before = await snapshot();
      const escapes: string[] = [];
      for (const payload of TRAVERSAL_PAYLOADS) {
        const urlPath = `/api/2.0/mlflow-artifacts/artifacts/${payload.rawUrlPath}`;
        const replies = {
          put: await rawRequest(ctx.server.baseUrl, "PUT", urlPath, { body: "pwned" }),
          get: await rawRequest(ctx.server.baseUrl, "GET", urlPath),
          delete: await rawRequest(ctx.server.baseUrl, "DELETE", urlPath),
          mpu: await rawRequest(ctx.server.baseUrl, "POST", `/api/2.0/mlflow-artifacts/mpu/create/${payload.rawUrlPath}`, {
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ path: "x", num_parts: 1 }),
          }),
          list: await rawRequest(ctx.server.baseUrl, "GET", `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(payload.path)}`),
        };
        for (const [action, reply] of Object.entries(replies)) {
          // 400: refused by the safe-path check. 404, or Next's 308 to the same URL without its
          // trailing slash: the URL parser resolved the dot-segments first, so the request never
          // reached the proxy at all.
          const neverReachedProxy = reply.status === 404 || (reply.status === 308 && reply.headers.location?.startsWith("/api/2.0/mlflow-artifacts") === true);
          const refused =
            (reply.status === 400 && reply.json?.error_code === "INVALID_PARAMETER_VALUE") || (neverReachedProxy && action !== "list");
          if (!refused || reply.text.includes(PROXY_SECRET) || reply.text.includes("root:x:0:0")) {
            escapes.push(`${payload.advisory} ${action}: ${reply.status} ${reply.text.slice(0, 120)}`);
          }
        }
      }
      expect(escapes).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });

    /** Everything outside the destination that a traversal could touch, and the destination's top level. */
    async function snapshot() {
      return {
        sandbox: fs.readdirSync(ctx.sandbox).sort(),
        secret: fs.readFileSync(path.join(ctx.sandbox, "secret.txt"), "utf8"),
        destination: backend === "S3" ? fs.readdirSync(ctx.s3!.directory).sort() : ctx.store ? await ctx.store.storedFiles() : fs.readdirSync(ctx.localDestination).sort(),
      };
    }
  });
});
