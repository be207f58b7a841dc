// MLflow serves these as text/plain (handlers.py, _TEXT_EXTENSIONS): the UI previews them as text.
// Files without an extension (MLmodel, MLproject) are looked up by their whole name.
const TEXT_EXTENSIONS = new Set([
  "txt", "log", "err", "cfg", "conf", "cnf", "cf", "ini", "properties", "prop", "hocon", "toml", "yaml", "yml",
  "xml", "json", "js", "py", "py3", "csv", "tsv", "md", "rst", "mlmodel", "mlproject",
  // Markup a browser would run, were it ever rendered on our origin (stored XSS): text, never HTML or SVG.
  "html", "htm", "xhtml", "svg", "mjs",
]);

const BINARY_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tar: "application/x-tar",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
};

/** The Content-Type of a downloaded artifact, from its name; unknown types are opaque bytes. */
export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const extension = (dot > 0 ? fileName.slice(dot + 1) : fileName).toLowerCase();
  if (TEXT_EXTENSIONS.has(extension)) return "text/plain; charset=utf-8";
  return BINARY_TYPES[extension] ?? "application/octet-stream";
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return fallback === fileName ? `attachment; filename="${fileName}"` : `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
