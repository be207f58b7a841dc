// How an artifact is previewed, from its name (the server sends every text type as text/plain).

export type ArtifactKind = "image" | "svg" | "json" | "csv" | "tsv" | "markdown" | "html" | "text" | "other";

const BY_EXTENSION: Record<string, ArtifactKind> = {
  png: "image", jpg: "image", jpeg: "image", gif: "image", webp: "image", bmp: "image",
  svg: "svg",
  json: "json", geojson: "json",
  csv: "csv",
  tsv: "tsv",
  md: "markdown", markdown: "markdown",
  html: "html", htm: "html",
  txt: "text", log: "text", out: "text", err: "text", yaml: "text", yml: "text", toml: "text", ini: "text", cfg: "text",
  conf: "text", py: "text", sh: "text", js: "text", ts: "text", xml: "text", jsonl: "text", ndjson: "text", rst: "text",
  properties: "text", sql: "text", r: "text", ipynb: "json",
};

// Files MLflow writes without an extension, all plain text.
const BY_NAME: Record<string, ArtifactKind> = { mlmodel: "text", mlproject: "text", requirements: "text", license: "text", dockerfile: "text" };

export function artifactKind(path: string): ArtifactKind {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return BY_NAME[name] ?? "other";
  return BY_EXTENSION[name.slice(dot + 1)] ?? "other";
}
