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

/** Escapes LIKE wildcards so user text matches literally; use with ESCAPE '!' (the same on every driver). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
