"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import { formatBytes } from "@/app/_components/ui/format";
import { useQueryState } from "nuqs";
import { runPageParams } from "../../search-params";
import type { Run } from "../run-types";
import { artifactKind } from "./artifact-kind";
import { FolderListing, type TreeState } from "./artifact-tree";
import styles from "./artifacts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { artifactUrl } from "./fetch-artifact";
import { ArtifactPreviewBody } from "./previews";

const parentOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/** Every folder on the way to `path` (and `path` itself), so that a shared link opens the tree there. */
function foldersToward(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** The file tree on the left, the selected file's preview on the right; the selection is in the URL. */
export function ArtifactsTab({ run, isLive }: { run: Run; isLive: boolean }) {
  const [selected, setSelected] = useQueryState("artifact", runPageParams.artifact);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(foldersToward(selected)));
  const tree: TreeState = {
    runId: run.info.runId,
    isLive,
    selected,
    expanded,
    onToggle: (path) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (next.has(path)) next.delete(path);
        else next.add(path);
        return next;
      }),
    onSelect: (path) => setSelected(path, { history: "push" }),
  };
  return (
    <div className={styles.layout}>
      <nav className={styles.treePane} aria-label="Artifact files">
        <FolderListing path="" depth={0} tree={tree} />
      </nav>
      <section className={styles.previewPane} aria-label="Artifact preview">
        {selected ? (
          <SelectedArtifact runId={run.info.runId} path={selected} />
        ) : (
          <p className={ui.muted}>Select a file to preview it. Artifact root: <span className="mono">{run.info.artifactUri}</span></p>
        )}
      </section>
    </div>
  );
}

function SelectedArtifact({ runId, path }: { runId: string; path: string }) {
  const trpc = useTRPC();
  // The parent folder's listing (already loaded by the tree) says whether this is a file and its size.
  const parent = useQuery({ ...trpc.runPage.listArtifacts.queryOptions({ runId, path: parentOf(path) }), retry: false });
  const entry = parent.data?.files.find((f) => f.path === path);
  if (parent.isPending) return <p className={ui.muted}>Loading…</p>;
  if (!entry) return <p role="alert" className={ui.error}>No artifact at “{path}”.</p>;
  if (entry.isDir) return <p className={ui.muted}>“{path}” is a folder; pick a file inside it.</p>;
  return (
    <>
      <div className={styles.previewHeader}>
        <h2 className={styles.previewTitle}>{path}</h2>
        <span className={ui.muted}>{formatBytes(entry.fileSize)}</span>
        <a href={artifactUrl(runId, path)} download className={styles.download}>
          Download
        </a>
      </div>
      <ArtifactPreviewBody key={path} runId={runId} path={path} kind={artifactKind(path)} size={entry.fileSize} />
    </>
  );
}
