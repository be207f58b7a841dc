// A run keeps its colour on every chart, page and reload: the colour is a hash of its id, not of
// its position in a list (which changes with sorting, filtering and live updates).

/** Twenty hues readable on both the light and the dark background. */
export const RUN_PALETTE = [
  "#2f6fed", "#e8590c", "#2b8a3e", "#c2255c", "#7048e8", "#0c8599", "#e67700", "#5c940d",
  "#d6336c", "#1971c2", "#ae3ec9", "#f03e3e", "#087f5b", "#9c36b5", "#364fc7", "#a61e4d",
  "#74b816", "#f76707", "#0b7285", "#845ef7",
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
