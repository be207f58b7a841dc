// The models page's search box: a name fragment, or (when it reads as one) an MLflow filter as is.

const FILTER_SYNTAX = /(=|\bI?LIKE\b|!=)/i;

const quote = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** "resnet" → name ILIKE '%resnet%'; "tags.team = 'vision'" stays a filter; "" → no filter. */
export function registeredModelFilter(search: string): string | undefined {
  const text = search.trim();
  if (!text) return undefined;
  if (FILTER_SYNTAX.test(text)) return text;
  return `name ILIKE ${quote(`%${text}%`)}`;
}

/** The page of one registered model (names may hold any character, "/" included). */
export const modelHref = (name: string, version?: string) => `/models/${encodeURIComponent(name)}${version ? `#v${version}` : ""}`;
