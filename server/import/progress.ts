// Progress per phase on stderr: a redrawn line on a terminal; elsewhere (CI, a log file) a line every
// few seconds and one when the phase ends, so logs stay short but still show that work goes on.

export interface PhaseProgress {
  /** `done` units finished (runs, files …), `points` rows or bytes carried along with them. */
  advance(done: number, points?: number): void;
  end(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Between lines when not a terminal (METRON_IMPORT_PROGRESS_MS overrides; tests use it). */
  intervalMs?: number;
}

export function createProgress(options: ProgressOptions = {}) {
  const stream = options.stream ?? process.stderr;
  const isTty = Boolean(stream.isTTY);
  const intervalMs = options.intervalMs ?? Number(process.env.METRON_IMPORT_PROGRESS_MS ?? 5000);

  return {
    phase(name: string, total: number | undefined, unit: { items: string; points?: string }): PhaseProgress {
      const started = performance.now();
      let done = 0;
      let points = 0;
      let lastDrawn = started;
      const line = () => {
        const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
        const of = total === undefined ? "" : `/${total}`;
        const pct = total ? ` ${((100 * done) / total).toFixed(1).padStart(5)}%` : "";
        const rate = unit.points ? points / seconds : done / seconds;
        const extra = unit.points ? `  ${points.toLocaleString("en-US")} ${unit.points}` : "";
        return `${name.padEnd(16)} ${done}${of} ${unit.items}${pct}${extra}  ${formatRate(rate)}/s  ${seconds.toFixed(1)}s`;
      };
      return {
        advance(n, p = 0) {
          done += n;
          points += p;
          const now = performance.now();
          if (isTty && now - lastDrawn > 100) {
            stream.write(`\r${line()}\x1b[K`);
            lastDrawn = now;
          } else if (!isTty && now - lastDrawn > intervalMs) {
            stream.write(`${line()}\n`);
            lastDrawn = now;
          }
        },
        end() {
          stream.write(isTty ? `\r${line()}\x1b[K\n` : `${line()}\n`);
        },
      };
    },
  };
}

export type Progress = ReturnType<typeof createProgress>;

function formatRate(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : rate >= 1e3 ? `${(rate / 1e3).toFixed(1)}k` : rate.toFixed(1);
}
