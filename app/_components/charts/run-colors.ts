// A run keeps its colour on every chart and reload: the colour comes from a hash of its id, not from
// its position in a list (which changes with sorting, filtering and live updates).

/** Twelve hues far enough apart to tell lines apart, readable on the light and the dark background. */
export const RUN_PALETTE = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
  "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#5c6bc0", "#8bc34a",
] as const;

/** FNV-1a over the id's UTF-16 code units: fast, stable across browsers and well spread. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function colorForRun(runId: string): string {
  return RUN_PALETTE[hashString(runId) % RUN_PALETTE.length];
}

/**
 * Colours for the runs shown together: each run its hashed colour, unless a run earlier in id order
 * took it, then the next free one. The same set of runs always gets the same colours, whatever
 * their order on screen, and up to twelve runs never share one.
 */
export function assignRunColors(runIds: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const used = new Set<number>();
  for (const runId of [...new Set(runIds)].sort()) {
    let slot = hashString(runId) % RUN_PALETTE.length;
    if (used.size < RUN_PALETTE.length) while (used.has(slot)) slot = (slot + 1) % RUN_PALETTE.length;
    used.add(slot);
    colors.set(runId, RUN_PALETTE[slot]);
  }
  return colors;
}
