/** Whose artifacts: a run (its id) or an MLflow 3 logged model, whose files have their own endpoint. */
export type ArtifactOwner = string | { modelId: string };

/** The file through /get-artifact (or the logged model's files endpoint): downloads, <img> sources and previews. */
export function artifactUrl(owner: ArtifactOwner, path: string): string {
  if (typeof owner !== "string") {
    return `/ajax-api/2.0/mlflow/logged-models/${encodeURIComponent(owner.modelId)}/artifacts/files?${new URLSearchParams({ artifact_file_path: path })}`;
  }
  return `/get-artifact?${new URLSearchParams({ run_id: owner, path })}`;
}

export interface ArtifactHead {
  text: string;
  /** The file's full size in bytes. */
  totalBytes: number;
  /** Only the first part was read (the file is larger than the preview limit). */
  isPartial: boolean;
}

/**
 * The first `maxBytes` of a file as text, read with an HTTP Range request, so that previewing a
 * multi-gigabyte log costs a few hundred kilobytes. A partial read is cut at its last line end,
 * so neither a line nor a multi-byte character is shown broken.
 */
export async function fetchArtifactHead(runId: ArtifactOwner, path: string, maxBytes: number): Promise<ArtifactHead> {
  const res = await fetch(artifactUrl(runId, path), { headers: { range: `bytes=0-${maxBytes - 1}` } });
  if (res.status === 416) return { text: "", totalBytes: 0, isPartial: false }; // an empty file has no byte 0
  if (!res.ok) throw new Error(await errorMessage(res));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const totalBytes = res.status === 206 ? Number(res.headers.get("content-range")?.split("/")[1] ?? bytes.length) : bytes.length;
  const isPartial = totalBytes > bytes.length;
  let text = new TextDecoder().decode(bytes);
  if (isPartial) {
    const lastNewline = text.lastIndexOf("\n");
    if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
  }
  return { text, totalBytes, isPartial };
}

async function errorMessage(res: Response): Promise<string> {
  const body = await res.text();
  try {
    return (JSON.parse(body) as { message?: string }).message ?? `HTTP ${res.status}`;
  } catch {
    return body || `HTTP ${res.status}`;
  }
}
