"use client";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { formatTime } from "@/app/_components/ui/format";
import type { AppRouter } from "@/server/trpc/app-router";
import { EditableDescription } from "./editable-description";
import styles from "./registry.module.css";
import { RemovableChip, TagChips } from "./tag-chips";
import type { RegistryMutations } from "./use-registry-mutations";

type ModelVersion = inferRouterOutputs<AppRouter>["registry"]["searchVersions"]["modelVersions"][number];

const STAGES = ["None", "Staging", "Production", "Archived"];

/** One version: stage (transition on change), aliases (set/remove), source run or logged model, tags, description. */
export function VersionRow({ version: v, mutations }: { version: ModelVersion; mutations: RegistryMutations }) {
  const [alias, setAlias] = useState("");
  const [archiveOthers, setArchiveOthers] = useState(false);
  const key = { name: v.name, version: v.version };
  const owner = `version ${v.version}`;
  return (
    <tr id={`v${v.version}`} className={styles.versionRow}>
      <td>
        <strong>v{v.version}</strong>
        <div className="muted">{formatTime(v.creationTimestamp)}</div>
        {v.userId && <div className="muted">{v.userId}</div>}
      </td>
      <td>
        <select
          aria-label={`Stage of ${owner}`}
          value={v.currentStage}
          onChange={(e) => mutations.transitionStage.mutate({ ...key, stage: e.target.value, archiveExistingVersions: archiveOthers && (e.target.value === "Staging" || e.target.value === "Production") })}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        <label className="muted" style={{ display: "block" }}>
          <input type="checkbox" checked={archiveOthers} onChange={(e) => setArchiveOthers(e.target.checked)} aria-label={`Archive the stage's other versions when moving ${owner}`} />{" "}
          archive others
        </label>
      </td>
      <td>
        <span className={styles.chips}>
          {v.aliases.map((a) => (
            <RemovableChip key={a} className={styles.alias} removeLabel={`Remove alias ${a}`} onRemove={() => mutations.deleteAlias.mutate({ name: v.name, alias: a })}>
              @{a}
            </RemovableChip>
          ))}
          <form
            className={styles.chips}
            onSubmit={async (e) => {
              e.preventDefault();
              if (!alias.trim()) return;
              await mutations.setAlias.mutateAsync({ ...key, alias: alias.trim() });
              setAlias("");
            }}
          >
            <input aria-label={`New alias for ${owner}`} placeholder="alias" size={9} value={alias} onChange={(e) => setAlias(e.target.value)} />
            <button type="submit" aria-label={`Set alias on ${owner}`}>+</button>
          </form>
        </span>
      </td>
      <td>
        {v.modelId && (
          <div>
            Logged model <Link href={`/logged-models/${encodeURIComponent(v.modelId)}`}>{v.modelId}</Link>
          </div>
        )}
        {v.runId && (
          <div>
            Run <Link href={`/runs/${encodeURIComponent(v.runId)}`}>{v.runId.slice(0, 12)}</Link>
          </div>
        )}
        <div className="muted" style={{ overflowWrap: "anywhere" }}>{v.source}</div>
      </td>
      <td>
        <TagChips
          owner={owner}
          tags={v.tags}
          onSet={(k, value) => mutations.setVersionTag.mutateAsync({ ...key, key: k, value })}
          onDelete={(k) => mutations.deleteVersionTag.mutate({ ...key, key: k })}
        />
      </td>
      <td>
        <EditableDescription
          label={`description of ${owner}`}
          value={v.description ?? ""}
          isSaving={mutations.updateVersion.isPending}
          onSave={(description) => mutations.updateVersion.mutateAsync({ ...key, description })}
        />
      </td>
    </tr>
  );
}
