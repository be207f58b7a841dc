/**
 * Key order in answers: by code point, as PostgreSQL's C collation (UTF-8 bytes), whatever the database's
 * collation. JavaScript's `<` compares UTF-16 units, which differs only where a character above U+FFFF
 * meets one in U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 || y < 0xd800) return x - y;
    // Both at or above U+D800: surrogates (a code point above U+FFFF) go after U+E000–U+FFFF.
    return (x < 0xe000 ? x + 0x2000 : x - 0x800) - (y < 0xe000 ? y + 0x2000 : y - 0x800);
  }
  return a.length - b.length;
}

/** Sorts entries in place by key (see compareKeys) and returns them. */
export function sortedByKey<T extends { key: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => compareKeys(a.key, b.key));
}
