"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import { formatTime } from "@/app/_components/ui/format";
import { EditableDescription } from "./editable-description";
import { ShareButton } from "@/app/_components/sharing/share-button";
import styles from "./registry.module.css";
import { TagChips } from "./tag-chips";
import { useRegistryMutations } from "./use-registry-mutations";
import { VersionRow } from "./version-row";

const quote = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** One registered model: its description and tags, and every version with stage, aliases, source. */
export function ModelPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const model = useQuery({ ...trpc.registry.getModel.queryOptions({ name }), retry: false });
  const versions = useQuery({
    ...trpc.registry.searchVersions.queryOptions({ filter: `name = ${quote(name)}`, orderBy: ["version_number DESC"] }),
    retry: false,
  });
  const mutations = useRegistryMutations();
  const firstError = Object.values(mutations).find((m) => m.error)?.error?.message;

  if (model.isPending) return <main className={styles.main}><p className="muted">Loading model…</p></main>;
  if (model.isError) {
    return (
      <main className={styles.main}>
        <h1 className={styles.title}>Model not available</h1>
        <p role="alert">{model.error.message}</p>
        <Link href="/models">All registered models</Link>
      </main>
    );
  }
  const { registeredModel } = model.data;
  return (
    <main className={styles.main}>
      <nav aria-label="Breadcrumb" className={styles.toolbar}>
        <Link href="/models">Registered models</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{name}</span>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>{name}</h1>
        <ShareButton scope={{ kind: "model", modelName: name }} />
      </div>
      <p className="muted">
        Created {formatTime(registeredModel.creationTimestamp)} · last modified {formatTime(registeredModel.lastUpdatedTimestamp)}
      </p>
      {firstError && <p role="alert" className={common.error}>{firstError}</p>}
      <section className={styles.section} aria-label="Description">
        <h2>Description</h2>
        <EditableDescription
          label="model description"
          value={registeredModel.description ?? ""}
          isSaving={mutations.updateModel.isPending}
          onSave={(description) => mutations.updateModel.mutateAsync({ name, description })}
        />
      </section>
      <section className={styles.section} aria-label="Model tags">
        <h2>Tags</h2>
        <TagChips
          owner="the model"
          tags={registeredModel.tags}
          onSet={(key, value) => mutations.setModelTag.mutateAsync({ name, key, value })}
          onDelete={(key) => mutations.deleteModelTag.mutate({ name, key })}
        />
      </section>
      <section className={styles.section} aria-label="Versions">
        <h2>Versions</h2>
        {versions.isError && <p role="alert" className={common.error}>{versions.error.message}</p>}
        {versions.data && versions.data.modelVersions.length === 0 && <p className="muted">No versions yet: register one from a run’s page.</p>}
        {versions.data && versions.data.modelVersions.length > 0 && (
          <table className={common.table} aria-label="Model versions">
            <ColumnHeads columns={["Version", "Stage", "Aliases", "Source", "Tags", "Description"]} />
            <tbody>
              {versions.data.modelVersions.map((v) => (
                <VersionRow key={v.version} version={v} mutations={mutations} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
