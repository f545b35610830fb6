import type { ClassifiedBy } from './model.js'

/**
 * The Classified-by line (spec §5.6), in its many spellings.
 *   Classified By: Political Counselor Kathy Fitzpatrick; reasons 1.4 (B) and (D)
 *   CLASSIFIED BY: Gene A. Cretz, Ambassador, US Embassy Tripoli. REASON: 1.4 (b), (d)
 */
export const CLASSIFIED_BY = /(?:\(U\)\s*)?(?<![A-Za-z])CLASSIFIED\s+BY\b\s*[:.]?\s*/i

export function parseClassifiedBy(text: string): Omit<ClassifiedBy, 'span'> {
  // words broken at the margin (`REA\nSONS`) come back joined because callers pass squashed text
  let body = text.replace(CLASSIFIED_BY, '').replace(/^Classified\s+by\s*:?\s*/i, '').trim()
  const reasonAt = /[,;.]?\s*(?:\bfor\s+)?\b(?:reasons?|reason\(s\))\b\s*:?|\b(?:for\s+)?1\s?\.\s?[45](?![0-9])/i.exec(body)
  const reasonText = reasonAt ? body.slice(reasonAt.index) : ''
  if (reasonAt) body = body.slice(0, reasonAt.index)
  body = body.replace(/[\s,;.]+$/, '').replace(/\s+for$/i, '').trim()
  const comma = body.indexOf(',')
  const name = comma > 0 ? body.slice(0, comma).trim() : body || null
  const title = comma > 0 ? body.slice(comma + 1).trim() || null : null
  return { name, title, reasons: parseReasons(reasonText) }
}

/**
 * A reason letter after `1.4`/`1.5`: `(b)`, or a letter standing alone (`B AND D`). Searched with exec on one
 * module-level pattern: matchAll copied the pattern for every reason of every cable.
 */
const REASON_LETTER = /\(\s*([a-h])\s*\)|(?<![a-z])([a-h])(?![a-z])/gi

/** Where the reasons' letters end: the next sentence, or the next `1.4`/`1.5`. */
const REASONS_END = /\.\s+[A-Z][a-z]|\b1\s?\.\s?[45]/

/** Reason codes as `1.4(b)`: `1.4 (b) and (d)`, `1.5B AND D`, `1.4(b,d)`, `1.4 (B/D)`, `(b)(d)`. */
export function parseReasons(text: string): string[] {
  const reasons: string[] = []
  const re = /\b1\s?\.\s?([45])/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // the letters follow within a short window that ends at a sentence
    const window = text.slice(m.index + m[0].length, m.index + m[0].length + 40)
    // what split(REASONS_END)[0] gives, the text before the first match, without the copy of the pattern split makes
    const cut = window.search(REASONS_END)
    const tail = cut === -1 ? window : window.slice(0, cut)
    REASON_LETTER.lastIndex = 0
    for (let l = REASON_LETTER.exec(tail); l; l = REASON_LETTER.exec(tail)) {
      const r = `1.${m[1]}(${(l[1] ?? l[2]).toLowerCase()})`
      if (!reasons.includes(r)) reasons.push(r)
    }
  }
  return reasons
}
