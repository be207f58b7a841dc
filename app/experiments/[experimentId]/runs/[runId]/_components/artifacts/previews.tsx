"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { formatBytes } from "@/app/_components/ui/format";
import { Markdown } from "@/app/_components/ui/markdown";
import styles from "./artifacts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import type { ArtifactKind } from "./artifact-kind";
import { parseDelimited } from "./delimited";
import { artifactUrl, fetchArtifactHead, type ArtifactHead, type ArtifactOwner } from "./fetch-artifact";

/** Bytes read for a preview; larger files show their beginning and say so. */
export const PREVIEW_BYTES = 256 * 1024;
/** JSON, markdown and HTML are only useful whole: up to this size they are read entirely. */
const WHOLE_DOCUMENT_BYTES = 2 * 1024 * 1024;
const MAX_TABLE_ROWS = 1000;

function useArtifactHead(runId: ArtifactOwner, path: string, maxBytes: number) {
  return useQuery({
    queryKey: ["artifact-head", runId, path, maxBytes],
    queryFn: () => fetchArtifactHead(runId, path, maxBytes),
    retry: false,
  });
}

/** Loads the file's beginning, then renders it; states the cut when the file was read in part. */
function WithHead({ runId, path, maxBytes, children }: { runId: ArtifactOwner; path: string; maxBytes: number; children: (head: ArtifactHead) => ReactNode }) {
  const head = useArtifactHead(runId, path, maxBytes);
  if (head.isPending) return <p className={ui.muted}>Loading preview…</p>;
  if (head.isError) return <p role="alert" className={ui.error}>Could not load the file: {head.error.message}</p>;
  return (
    <>
      {head.data.isPartial && (
        <p className={styles.partial} data-testid="partial-notice">
          Showing the first {formatBytes(new TextEncoder().encode(head.data.text).length)} of{" "}
          {formatBytes(head.data.totalBytes)}. Download the file to see all of it.
        </p>
      )}
      {children(head.data)}
    </>
  );
}

function TextPreview({ text }: { text: string }) {
  return <pre className={styles.text} data-testid="text-preview">{text}</pre>;
}

function JsonPreview({ head }: { head: ArtifactHead }) {
  if (head.isPartial) return <TextPreview text={head.text} />;
  try {
    return <pre className={styles.text} data-testid="json-preview">{JSON.stringify(JSON.parse(head.text), null, 2)}</pre>;
  } catch (err) {
    return (
      <>
        <p className={ui.muted}>Not valid JSON ({(err as Error).message}); shown as text.</p>
        <TextPreview text={head.text} />
      </>
    );
  }
}

function TablePreview({ head, delimiter }: { head: ArtifactHead; delimiter: "," | "\t" }) {
  const rows = parseDelimited(head.text, delimiter, MAX_TABLE_ROWS + 1);
  if (rows.length === 0) return <p className={ui.muted}>Empty file.</p>;
  const [header, ...body] = rows.slice(0, MAX_TABLE_ROWS + 1);
  return (
    <div className={styles.tableScroll}>
      <table className={styles.dataTable} data-testid="table-preview">
        <thead>
          <tr>{header.map((cell, i) => <th key={i} scope="col">{cell}</th>)}</tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>{row.map((cell, c) => <td key={c}>{cell}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {(rows.length > MAX_TABLE_ROWS || head.isPartial) && <p className={ui.muted}>Only the first {body.length} rows are shown.</p>}
    </div>
  );
}

/**
 * HTML in a sandboxed frame without allow-scripts or allow-same-origin: it renders, but its
 * scripts never run and it cannot reach this page, its cookies or its storage.
 */
function HtmlPreview({ head, path }: { head: ArtifactHead; path: string }) {
  if (head.isPartial) return <p className={ui.muted}>This HTML file is too large to preview; download it instead.</p>;
  return <iframe className={styles.frame} sandbox="" srcDoc={head.text} title={`Preview of ${path}`} data-testid="html-preview" />;
}

/** SVG is sent as text (it can carry script); shown through <img>, where scripts never run. */
function SvgPreview({ runId, path }: { runId: ArtifactOwner; path: string }) {
  const head = useArtifactHead(runId, path, WHOLE_DOCUMENT_BYTES);
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!head.data || head.data.isPartial) return;
    const url = URL.createObjectURL(new Blob([head.data.text], { type: "image/svg+xml" }));
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [head.data]);
  if (head.isError) return <p role="alert" className={ui.error}>{head.error.message}</p>;
  if (head.data?.isPartial) return <p className={ui.muted}>This SVG is too large to preview; download it instead.</p>;
  return src ? <img className={styles.image} src={src} alt={path} /> : <p className={ui.muted}>Loading preview…</p>;
}

export function ArtifactPreviewBody({ runId, path, kind, size }: { runId: ArtifactOwner; path: string; kind: ArtifactKind; size?: number }) {
  if (size === 0) return <p className={ui.muted}>Empty file.</p>;
  switch (kind) {
    case "image":
      return <img className={styles.image} src={artifactUrl(runId, path)} alt={path} data-testid="image-preview" />;
    case "svg":
      return <SvgPreview runId={runId} path={path} />;
    case "json":
      return <WithHead runId={runId} path={path} maxBytes={WHOLE_DOCUMENT_BYTES}>{(head) => <JsonPreview head={head} />}</WithHead>;
    case "csv":
    case "tsv":
      return (
        <WithHead runId={runId} path={path} maxBytes={PREVIEW_BYTES}>
          {(head) => <TablePreview head={head} delimiter={kind === "csv" ? "," : "\t"} />}
        </WithHead>
      );
    case "markdown":
      return (
        <WithHead runId={runId} path={path} maxBytes={WHOLE_DOCUMENT_BYTES}>
          {(head) => <div data-testid="markdown-preview"><Markdown source={head.text} /></div>}
        </WithHead>
      );
    case "html":
      return <WithHead runId={runId} path={path} maxBytes={WHOLE_DOCUMENT_BYTES}>{(head) => <HtmlPreview head={head} path={path} />}</WithHead>;
    case "text":
      return <WithHead runId={runId} path={path} maxBytes={PREVIEW_BYTES}>{(head) => <TextPreview text={head.text} />}</WithHead>;
    default:
      return <p className={ui.muted}>No preview for this file type. Download it to open it.</p>;
  }
}
