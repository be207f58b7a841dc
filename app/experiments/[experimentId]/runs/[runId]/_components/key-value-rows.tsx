import ui from "@/app/_components/ui/common.module.css";

/** Read-only table rows of a run's key/value pairs (params, system tags): the value in monospace. */
export function KeyValueRows({ rows }: { rows: { key: string; value: string }[] }) {
  return rows.map((row) => (
    <tr key={row.key}>
      <td className={ui.key}>{row.key}</td>
      <td className={`${ui.value} mono`}>{row.value}</td>
    </tr>
  ));
}
