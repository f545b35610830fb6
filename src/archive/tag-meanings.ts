import { TAG_TABLE, type TagKind } from '../format/data/tag-table.js'

/** A TAGS code with what it stands for, as the TAGS table gives it. */
export interface TagMeaning {
  code: string
  /** The meaning; two rows of one code with different meanings (an organization and a country) are joined by "; ". */
  meaning: string
  /** The kinds of the rows that give the meaning, in table order. */
  kinds: TagKind[]
}

let cached: TagMeaning[] | null = null

/**
 * The expansion of every TAGS code the table gives a meaning for (`PREL` → External Political Relations),
 * ordered by code. Rows without a meaning expand nothing and are left out, so a client shows a bare code
 * exactly when the table cannot say more. The table is fixed at build time, so the list is built once.
 *
 * @example
 *   tagMeanings().find((t) => t.code === 'PREL') // { code: 'PREL', meaning: 'External Political Relations', kinds: ['subject'] }
 */
export function tagMeanings(): TagMeaning[] {
  if (cached) return cached
  const byCode = new Map<string, { meanings: string[]; kinds: TagKind[] }>()
  for (const [code, meaning, kind] of TAG_TABLE) {
    const text = meaning.trim()
    if (!text) continue
    let entry = byCode.get(code)
    if (!entry) byCode.set(code, (entry = { meanings: [], kinds: [] }))
    if (!entry.meanings.includes(text)) entry.meanings.push(text)
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind)
  }
  cached = [...byCode]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, e]) => ({ code, meaning: e.meanings.join('; '), kinds: e.kinds }))
  return cached
}
