"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc";
import { formatBytes } from "@/app/_components/ui/format";
import { LIVE_REFRESH_MS } from "../run-types";
import styles from "./artifacts.module.css";
import ui from "@/app/_components/ui/common.module.css";

export interface TreeState {
  runId: string;
  isLive: boolean;
  selected: string;
  expanded: ReadonlySet<string>;
  onToggle: (path: string) => void;
  onSelect: (path: string) => void;
}

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** One file or folder of an artifact tree (run or logged model); `children`, the folder's listing, show once it is expanded. */
export function ArtifactTreeEntry(props: {
  file: { path: string; isDir: boolean; fileSize?: number };
  depth: number;
  isExpanded: boolean;
  selected: string;
  onToggle(path: string): void;
  onSelect(path: string): void;
  children: React.ReactNode;
}) {
  const { file, isExpanded } = props;
  return (
    <li>
      <button
        type="button"
        className={styles.treeButton}
        style={{ paddingLeft: 6 + props.depth * 14 }}
        aria-expanded={file.isDir ? isExpanded : undefined}
        aria-current={props.selected === file.path ? "true" : undefined}
        onClick={() => (file.isDir ? props.onToggle(file.path) : props.onSelect(file.path))}
      >
        <span aria-hidden="true" className={styles.treeIcon}>{file.isDir ? (isExpanded ? "▾" : "▸") : "·"}</span>
        <span className={styles.treeName}>{baseName(file.path)}</span>
        {!file.isDir && <span className={styles.treeSize}>{formatBytes(file.fileSize)}</span>}
      </button>
      {file.isDir && isExpanded && props.children}
    </li>
  );
}

/** One folder's entries; a sub-folder is listed only once it is expanded (lazy, one request each). */
export function FolderListing({ path, depth, tree }: { path: string; depth: number; tree: TreeState }) {
  const trpc = useTRPC();
  const listing = useQuery({
    ...trpc.runPage.listArtifacts.queryOptions({ runId: tree.runId, path }),
    refetchInterval: tree.isLive ? LIVE_REFRESH_MS : false,
    retry: false,
  });
  if (listing.isPending) return <p className={styles.treeNote} style={{ paddingLeft: depth * 14 }}>Loading…</p>;
  if (listing.isError) return <p role="alert" className={ui.error}>{listing.error.message}</p>;
  const { nextPageToken } = listing.data;
  // Folders first, each group in the server's name order (a stable sort keeps it).
  const files = [...listing.data.files].sort((a, b) => Number(b.isDir) - Number(a.isDir));
  if (files.length === 0 && depth === 0) return <p className={styles.treeNote}>No artifacts logged yet. Log files with mlflow.log_artifact.</p>;
  return (
    // A disclosure list (folder buttons say whether they are expanded) rather than an ARIA tree,
    // whose keyboard model would have to be rebuilt by hand.
    <ul aria-label={depth === 0 ? "Artifacts" : undefined} className={styles.tree}>
      {files.map((file) => {
        const isExpanded = tree.expanded.has(file.path);
        return (
          <ArtifactTreeEntry key={file.path} file={file} depth={depth} isExpanded={isExpanded} selected={tree.selected} onToggle={tree.onToggle} onSelect={tree.onSelect}>
            <FolderListing path={file.path} depth={depth + 1} tree={tree} />
          </ArtifactTreeEntry>
        );
      })}
      {nextPageToken && <li className={styles.treeNote}>Only the first {files.length} entries are listed.</li>}
    </ul>
  );
}
