"use client";
import { KeySearchBox, useKeySearch } from "./key-search";
import { KeyValueRows } from "./key-value-rows";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";

export function ParamsTab({ params }: { params: { key: string; value: string }[] }) {
  const search = useKeySearch("params");
  const rows = params.filter((p) => search.matches(p.key));
  if (params.length === 0) return <p className={ui.muted}>No parameters logged. Log some with mlflow.log_param or mlflow.log_params.</p>;
  return (
    <>
      <KeySearchBox label="Search parameters" text={search.text} setText={search.setText} shown={rows.length} total={params.length} />
      <table className={ui.table} aria-label="Parameters">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          <KeyValueRows rows={rows} />
        </tbody>
      </table>
    </>
  );
}
