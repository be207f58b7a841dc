// A TEST SERVER, not a GCS emulator (none installs here): only the JSON-API calls GcsArtifactStore makes.
// Objects are files under argv[2]; the bucket is argv[3].
// Prints "GCS test server listening on http://127.0.0.1:<port>" once ready.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { CRC32C } from "@google-cloud/storage";

const [directory, bucket = "metron-test"] = process.argv.slice(2);
const objectsDir = path.join(directory, "objects");
const metadataDir = path.join(directory, "metadata");
const sessionsDir = path.join(directory, "sessions");
fs.mkdirSync(objectsDir, { recursive: true });
fs.mkdirSync(metadataDir, { recursive: true });
fs.mkdirSync(sessionsDir, { recursive: true });
const PAGE_SIZE = 1000;
/** upload_id → { name, contentType, received } */
const sessions = new Map();

const objectFile = (name) => path.join(objectsDir, encodeURIComponent(name));
const metadataFile = (name) => path.join(metadataDir, encodeURIComponent(name));
const allNames = () => fs.readdirSync(objectsDir).map(decodeURIComponent).sort();

function resource(name) {
  const stat = fs.statSync(objectFile(name));
  const meta = JSON.parse(fs.readFileSync(metadataFile(name), "utf8"));
  return { kind: "storage#object", bucket, name, id: `${bucket}/${name}`, size: String(stat.size), contentType: meta.contentType, md5Hash: meta.md5Hash, crc32c: meta.crc32c, generation: meta.generation, updated: meta.updated };
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
const notFound = (res, what) => send(res, 404, { error: { code: 404, message: `No such object: ${what}`, errors: [{ reason: "notFound" }] } });

async function hashes(file) {
  const md5 = createHash("md5");
  const crc = new CRC32C();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) {
    md5.update(chunk);
    crc.update(chunk);
  }
  return { md5Hash: md5.digest("base64"), crc32c: crc.toString() };
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString();
  return text ? JSON.parse(text) : {};
}

async function handle(req, res) {
  const url = new URL(req.url, "http://x");
  const parts = url.pathname.replace(/^\/(upload\/)?(storage\/v1\/)?/, "$1").split("/");
  const isUpload = parts[0] === "upload";
  const [b, bucketName, o, ...rest] = isUpload ? parts.slice(1) : parts;
  if (b !== "b" || o !== "o") return send(res, 400, { error: { code: 400, message: `not handled by the test server: ${req.method} ${req.url}` } });
  if (bucketName !== bucket) return send(res, 404, { error: { code: 404, message: `No such bucket: ${bucketName}` } });
  const name = rest.length ? decodeURIComponent(rest.join("/")) : undefined;

  if (isUpload && req.method === "POST" && url.searchParams.get("uploadType") === "resumable") {
    const metadata = await readJson(req);
    const id = randomUUID();
    sessions.set(id, { name: url.searchParams.get("name") ?? metadata.name, contentType: req.headers["x-upload-content-type"] ?? metadata.contentType, received: 0 });
    fs.writeFileSync(path.join(sessionsDir, id), "");
    const location = `http://${req.headers.host}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}`;
    return send(res, 200, {}, { location });
  }
  if (isUpload && req.method === "PUT") return uploadChunk(req, res, url.searchParams.get("upload_id"));
  if (isUpload && req.method === "DELETE") {
    const id = url.searchParams.get("upload_id");
    sessions.delete(id);
    fs.rmSync(path.join(sessionsDir, id), { force: true });
    return send(res, 499, {});
  }

  if (req.method === "GET" && name === undefined) return list(res, url.searchParams);
  if (name === undefined || !fs.existsSync(objectFile(name))) return notFound(res, name);
  if (req.method === "DELETE") {
    fs.rmSync(objectFile(name));
    fs.rmSync(metadataFile(name));
    res.writeHead(204).end();
    return;
  }
  if (req.method === "GET" && url.searchParams.get("alt") === "media") return download(req, res, name);
  if (req.method === "GET") return send(res, 200, resource(name));
  return send(res, 400, { error: { code: 400, message: `not handled by the test server: ${req.method} ${req.url}` } });
}

/** `Content-Range: bytes a-b/total`, `bytes a-*\/total|*` or `bytes *\/total|*` (a status query). */
async function uploadChunk(req, res, id) {
  const session = sessions.get(id);
  if (!session) return send(res, 404, { error: { code: 404, message: "No such upload session" } });
  const file = path.join(sessionsDir, id);
  const match = /^bytes (?:(\d+)-(-1|\d+|\*)|\*)\/(\d+|\*)$/.exec(req.headers["content-range"] ?? "bytes */*");
  if (!match) return send(res, 400, { error: { code: 400, message: `bad Content-Range ${req.headers["content-range"]}` } });
  const [, start, , totalText] = match;
  if (start !== undefined) {
    if (Number(start) !== session.received) return send(res, 400, { error: { code: 400, message: `chunk starts at ${start}, expected ${session.received}` } });
    const out = fs.createWriteStream(file, { flags: "a" });
    await pipeline(req, out);
    session.received = fs.statSync(file).size;
  } else {
    req.resume();
  }
  const total = totalText === "*" ? (start !== undefined && match[2] === "*" ? session.received : undefined) : Number(totalText);
  if (total === undefined || session.received < total) {
    return send(res, 308, undefined, session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {});
  }
  const meta = { contentType: session.contentType ?? "application/octet-stream", ...(await hashes(file)), generation: String(Date.now()), updated: new Date().toISOString() };
  fs.writeFileSync(metadataFile(session.name), JSON.stringify(meta));
  fs.renameSync(file, objectFile(session.name));
  sessions.delete(id);
  return send(res, 200, resource(session.name));
}

function download(req, res, name) {
  const file = objectFile(name);
  const size = fs.statSync(file).size;
  const meta = resource(name);
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
  const headers = { "content-type": meta.contentType, "x-goog-hash": `crc32c=${meta.crc32c},md5=${meta.md5Hash}`, "x-goog-stored-content-encoding": "identity", "x-goog-generation": meta.generation };
  if (!range) {
    res.writeHead(200, { ...headers, "content-length": size });
    return pipeline(fs.createReadStream(file), res);
  }
  const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] !== "" && range[2] !== "" ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start >= size) return send(res, 416, { error: { code: 416, message: "Requested range not satisfiable" } });
  res.writeHead(206, { ...headers, "content-length": end - start + 1, "content-range": `bytes ${start}-${end}/${size}` });
  return pipeline(fs.createReadStream(file, { start, end }), res);
}

function list(res, params) {
  const prefix = params.get("prefix") ?? "";
  const delimiter = params.get("delimiter") ?? "";
  const after = params.get("pageToken") ?? "";
  const items = [];
  const prefixes = new Set();
  let nextPageToken;
  for (const name of allNames().filter((n) => n.startsWith(prefix) && n > after && !(after.endsWith(delimiter || "\0") && n.startsWith(after)))) {
    if (items.length + prefixes.size >= PAGE_SIZE) {
      nextPageToken = items.at(-1)?.name ?? [...prefixes].at(-1);
      break;
    }
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) prefixes.add(name.slice(0, cut + delimiter.length));
    else items.push(resource(name));
  }
  send(res, 200, { kind: "storage#objects", items, prefixes: [...prefixes], nextPageToken });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    if (!res.headersSent) send(res, 500, { error: { code: 500, message: String(err) } });
    else res.destroy();
  });
});
server.listen(0, "127.0.0.1", () => console.log(`GCS test server listening on http://127.0.0.1:${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
