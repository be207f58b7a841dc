import ui from "./common.module.css";

/** A column: its label, or a label whose column holds numbers (right-aligned like its cells). */
export type Column = string | { label: string; numeric: true };

/** A plain table's header: one `<th scope="col">` a column. */
export function ColumnHeads({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th key={c} scope="col">{c}</th>
          ) : (
            <th key={c.label} scope="col" className={ui.number}>{c.label}</th>
          ),
        )}
      </tr>
    </thead>
  );
}
