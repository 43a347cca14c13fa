// The package's types describe its ES module; the CommonJS build it also ships has the same API.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): (text: string) => string };

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Folds text for search that ignores 简/繁, case, width and spacing: Traditional → Simplified,
 * full-width ASCII → half-width, lower case, whitespace removed.
 */
export function foldForSearch(text: string | null | undefined): string {
  if (!text) return '';
  const halfWidth = text.normalize('NFKC');
  return toSimplified(halfWidth).toLowerCase().replace(/\s+/g, '');
}

/** A project's search text: its code, name, owner (建设单位) and location folded together, at most 800 characters. */
export function projectSearchText(values: { code: string; name?: string | null; owner?: string | null; location?: string | null }): string {
  return foldForSearch([values.code, values.name, values.owner, values.location].filter(Boolean).join(' ')).slice(0, 800);
}

/** Escapes LIKE wildcards so user text matches literally; use with ESCAPE '!' (the same on every driver). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
