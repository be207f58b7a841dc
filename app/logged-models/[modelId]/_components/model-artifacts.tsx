"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import ui from "@/app/_components/ui/common.module.css";
import { useQueryState } from "nuqs";
import { loggedModelParams } from "@/app/logged-models/[modelId]/search-params";
import { ArtifactTreeEntry } from "@/app/experiments/[experimentId]/runs/[runId]/_components/artifacts/artifact-tree";
import { artifactKind } from "@/app/experiments/[experimentId]/runs/[runId]/_components/artifacts/artifact-kind";
import styles from "@/app/experiments/[experimentId]/runs/[runId]/_components/artifacts/artifacts.module.css";
import { artifactUrl } from "@/app/experiments/[experimentId]/runs/[runId]/_components/artifacts/fetch-artifact";
import { ArtifactPreviewBody } from "@/app/experiments/[experimentId]/runs/[runId]/_components/artifacts/previews";

/** The model's files: a lazy folder tree and the run page's previews; the selection is in the URL. */
export function ModelArtifacts({ modelId, artifactUri }: { modelId: string; artifactUri: string }) {
  const [selected, setSelected] = useQueryState("artifact", loggedModelParams.artifact);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(selected.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  const toggle = (path: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <div className={styles.layout}>
      <nav className={styles.treePane} aria-label="Model files">
        <Folder modelId={modelId} path="" depth={0} selected={selected} expanded={expanded} onToggle={toggle} onSelect={(p) => setSelected(p, { history: "push" })} />
      </nav>
      <section className={styles.previewPane} aria-label="Artifact preview">
        {selected ? (
          <>
            <div className={styles.previewHeader}>
              <h2 className={styles.previewTitle}>{selected}</h2>
              <a href={artifactUrl({ modelId }, selected)} download className={styles.download}>
                Download
              </a>
            </div>
            <ArtifactPreviewBody key={selected} runId={{ modelId }} path={selected} kind={artifactKind(selected)} />
          </>
        ) : (
          <p className={ui.muted}>
            Select a file to preview it. Artifact root: <span className="mono">{artifactUri}</span>
          </p>
        )}
      </section>
    </div>
  );
}

function Folder(props: { modelId: string; path: string; depth: number; selected: string; expanded: ReadonlySet<string>; onToggle(path: string): void; onSelect(path: string): void }) {
  const trpc = useTRPC();
  const listing = useQuery({ ...trpc.loggedModels.listArtifacts.queryOptions({ modelId: props.modelId, artifactDirectoryPath: props.path }), retry: false });
  if (listing.isPending) return <p className={styles.treeNote}>Loading…</p>;
  if (listing.isError) return <p role="alert" className={ui.error}>{listing.error.message}</p>;
  const files = [...listing.data.files].sort((a, b) => Number(b.isDir) - Number(a.isDir));
  if (files.length === 0 && props.depth === 0) return <p className={styles.treeNote}>No files logged for this model.</p>;
  return (
    <ul aria-label={props.depth === 0 ? "Artifacts" : undefined} className={styles.tree}>
      {files.map((file) => {
        const isExpanded = props.expanded.has(file.path);
        return (
          <ArtifactTreeEntry key={file.path} file={file} depth={props.depth} isExpanded={isExpanded} selected={props.selected} onToggle={props.onToggle} onSelect={props.onSelect}>
            <Folder {...props} path={file.path} depth={props.depth + 1} />
          </ArtifactTreeEntry>
        );
      })}
    </ul>
  );
}
