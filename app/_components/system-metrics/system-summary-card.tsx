import { formatDuration } from "../ui/format";
import type { SystemSummary } from "./system-summary";
import styles from "./system-metrics.module.css";

const percent = (value: number) => `${value.toFixed(1)} %`;

export function formatEnergy(wattHours: number): string {
  return wattHours >= 1000 ? `${(wattHours / 1000).toFixed(2)} kWh` : `${wattHours.toFixed(1)} Wh`;
}

/** Duration, CPU and GPU use, GPU-hours, energy, and a warning for each GPU that sat idle. */
export function SystemSummaryCard({ summary, isPending }: { summary: SystemSummary; isPending: boolean }) {
  const facts: [string, string][] = [["Duration", summary.durationMs === undefined ? "—" : formatDuration(summary.durationMs)]];
  const loading = isPending ? "…" : "—";
  facts.push(["CPU utilization (mean / max)", summary.cpu ? `${percent(summary.cpu.mean)} / ${percent(summary.cpu.max)}` : loading]);
  facts.push(["GPU utilization (mean / max)", summary.gpu ? `${percent(summary.gpu.mean)} / ${percent(summary.gpu.max)}` : loading]);
  facts.push(["GPUs", summary.gpu ? String(summary.gpu.count) : loading]);
  facts.push(["GPU-hours", summary.gpuHours === undefined ? loading : summary.gpuHours.toFixed(2)]);
  if (summary.energyWh !== undefined) {
    const partial = summary.gpu && summary.powerGpus < summary.gpu.count ? ` (${summary.powerGpus} of ${summary.gpu.count} GPUs)` : "";
    facts.push(["GPU energy", `${formatEnergy(summary.energyWh)}${partial}`]);
  }
  return (
    <section className={styles.summary} aria-label="System summary" data-testid="system-summary">
      <dl className={styles.facts}>
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.idleGpus.length > 0 && (
        <div role="alert" className={styles.warning} data-testid="gpu-idle-warning">
          <strong>Idle GPUs:</strong>{" "}
          {summary.idleGpus.map((g) => `${g.label} under 10 % for ${formatDuration(g.totalMs)} (longest ${formatDuration(g.longestMs)})`).join("; ")}
        </div>
      )}
    </section>
  );
}
