// `:find TEXT` — which items, in any vault, match: words in the name (all of them, any case)
// and `tag:KEY` / `tag:KEY=VALUE` conditions. Names and tags only; values are never searched.
import type { ItemSummary } from './types.js';

export interface FindQuery {
  /** Lower-cased words that must all occur in the name. */
  words: readonly string[];
  tags: readonly { key: string; value?: string }[];
}

export type ParsedFind = { ok: true; query: FindQuery } | { ok: false; message: string };

/** "db tag:env=prod" → words ["db"], tags [{env, prod}]. */
export function parseFindQuery(text: string): ParsedFind {
  const words: string[] = [];
  const tags: { key: string; value?: string }[] = [];
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    if (/^tag:/i.test(part)) {
      const body = part.slice(4);
      const eq = body.indexOf('=');
      const key = (eq === -1 ? body : body.slice(0, eq)).toLowerCase();
      if (key === '') return { ok: false, message: `"${part}" names no tag: write tag:KEY or tag:KEY=VALUE` };
      tags.push(eq === -1 ? { key } : { key, value: body.slice(eq + 1).toLowerCase() });
    } else {
      words.push(part.toLowerCase());
    }
  }
  if (words.length === 0 && tags.length === 0) return { ok: false, message: ':find needs TEXT (part of a name) or tag:KEY[=VALUE]' };
  return { ok: true, query: { words, tags } };
}

/**
 * How well an item matches (higher is better), or -1. An exact name beats a prefix, which
 * beats a word inside the name.
 */
export function matchScore(item: Pick<ItemSummary, 'name' | 'tags'>, query: FindQuery): number {
  const name = item.name.toLowerCase();
  for (const w of query.words) if (!name.includes(w)) return -1;
  if (query.tags.length > 0) {
    const tags = Object.entries(item.tags).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()] as const);
    for (const want of query.tags) {
      if (!tags.some(([k, v]) => k === want.key && (want.value === undefined || v === want.value))) return -1;
    }
  }
  if (query.words.length === 0) return 1;
  const joined = query.words.join(' ');
  if (name === joined) return 3;
  if (name.startsWith(query.words[0])) return 2;
  return 1;
}
