import { TAG_TABLE } from './data/tag-table.js'

/**
 * The TAGS line (spec §5.7): keyword variants, comma or space separators, `[TAG](#)` links of the web
 * rendering, parenthesised person tags.
 *   TAGS: PREL, PGOV, TI        TAGS: [PREL](#) [TI](#)        Tags: prel, pgov
 *         ^first tag
 */
export const TAGS_LABEL = /^[ \t]*(?:TAGS|TAG|TAGES|TAS|TABS|TGS|AGS)\b[ \t]*[:,.]?[ \t]*/i

export interface TagToken {
  text: string
  start: number
  end: number
}

/** Splits a TAGS value (label removed) into tags with their offsets in `value`. */
export function splitTags(value: string): { tags: TagToken[]; links: boolean } {
  const tags: TagToken[] = []
  let links = false
  const re = /\[([^\]\n]{1,60})\]\(#\)|\([^)\n]{1,60}\)|[^\s,;()[\]]+/g
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (m[1] !== undefined) {
      links = true
      tags.push({ text: m[1], start: m.index + 1, end: m.index + 1 + m[1].length })
    } else {
      const text = m[0].replace(/[.:]+$/, '')
      if (!text || /^SIPDIS$/i.test(text)) continue
      tags.push({ text, start: m.index, end: m.index + text.length })
    }
  }
  if (links || tags.length < 2) return { tags, links }
  return { tags: value.includes(',') || value.includes(';') ? joinCommaEntries(value, tags) : joinSpacedMeanings(value, tags), links }
}

const CODES = new Set(TAG_TABLE.map(([code]) => code))
/** Upper-case meanings named by exactly one code (`HUMAN RIGHTS` → PHUM): a spaced entry resolves only to these. */
const UNIQUE_MEANINGS = (() => {
  const count = new Map<string, number>()
  for (const [, meaning] of TAG_TABLE) {
    const key = meaning.toUpperCase()
    count.set(key, (count.get(key) ?? 0) + 1)
  }
  return new Set([...count].filter(([, n]) => n === 1).map(([k]) => k))
})()

/** A word that cannot be a tag code on its own: not in the table and longer than the codes' four letters. */
const isWord = (t: string) => !CODES.has(t.toUpperCase()) && /^[A-Za-z][A-Za-z'-]{4,}$/.test(t)

/** Two to four words, none of them a code (`HUMAN RIGHTS`, `GAZA DISENGAGEMENT`), one longer than a code. */
function isPhrase(entry: TagToken[]): boolean {
  if (entry.length < 2 || entry.length > 4) return false
  if (!entry.every((t) => /^[A-Za-z][A-Za-z'-]*$/.test(t.text) && !CODES.has(t.text.toUpperCase()))) return false
  return entry.some((t) => isWord(t.text))
}

/**
 * Comma-delimited lists (`TAGS: PHUM, XY, HUMAN RIGHTS, CONSULAR AFFAIRS`): the words of one entry make one
 * tag when they are a short phrase of words, not codes; `PREL PGOV, XY` still gives three tags.
 */
function joinCommaEntries(value: string, tokens: TagToken[]): TagToken[] {
  const out: TagToken[] = []
  let i = 0
  while (i < tokens.length) {
    let j = i
    // the tokens of one entry: no comma or semicolon between them
    while (j + 1 < tokens.length && !/[,;]/.test(value.slice(tokens[j].end, tokens[j + 1].start))) j++
    const entry = tokens.slice(i, j + 1)
    if (isPhrase(entry)) {
      out.push({ text: value.slice(entry[0].start, entry[entry.length - 1].end).replace(/\s+/g, ' '), start: entry[0].start, end: entry[entry.length - 1].end })
    } else {
      out.push(...entry)
    }
    i = j + 1
  }
  return out
}

/** Space-delimited lists: consecutive words that spell one tag's meaning in the TAGS table make one tag. */
function joinSpacedMeanings(value: string, tokens: TagToken[]): TagToken[] {
  const out: TagToken[] = []
  for (let i = 0; i < tokens.length; i++) {
    let joined: TagToken | null = null
    if (isWord(tokens[i].text)) {
      for (let n = Math.min(5, tokens.length - i); n >= 2 && !joined; n--) {
        const run = tokens.slice(i, i + n)
        if (run.some((t) => CODES.has(t.text.toUpperCase()))) continue
        const text = run.map((t) => t.text).join(' ')
        if (UNIQUE_MEANINGS.has(text.toUpperCase())) {
          joined = { text: value.slice(run[0].start, run[n - 1].end).replace(/\s+/g, ' '), start: run[0].start, end: run[n - 1].end }
          i += n - 1
        }
      }
    }
    out.push(joined ?? tokens[i])
  }
  return out
}
