import { collapseSpace } from './lines.js'
import { buildId } from './ids.js'

/**
 * The REF block (spec §5.9): lettered items, each resolved to a reference id where it names a cable.
 *   REF: A. TBILISI 1605  B. 06 TBILISI 2601 (NOTAL)  C. LEE-GOLDSTEIN EMAIL 05/11/07
 *        ^item A          ^item B                    ^item C (no cable)
 */
export const REF_LABEL = /(?:^|(?<=\s))(?:REFS?|REFTELS?|REF\(S\)|REFERENCES?)\b\s*[:.]\s*|^[ \t]*(?:REFS?|REFTELS?)\s+(?=[A-Z(]\s?[.)])/im

export interface RefItem {
  letter: string | null
  text: string
  id: string | null
  start: number
  end: number
}

// A., A), (A), A: at a word boundary; `A. A)` doubled enumerators count once.
const ENUMERATOR = /(?:^|(?<=\s))(?:\(([A-Z])\)|([A-Z])\s?[.):])(?=\s|[A-Z0-9(])/g

const NOT_ORIGIN =
  /\b(?:PARA|PARAS|PARAGRAPH|NO|NUMBER|ITEM|OF|SECTION|EMAIL|E-MAIL|FAX|LETTER|MEMO|MEMCON|TELCON|DIPNOTE|NOTE|REPORT|IIR|DATED|PAGE|AND|THE|ON|IN|TO|FOR|CODEL|FY|PL|USC|UNSCR|RES|RESOLUTION|DOC|DOCUMENT|TAB|ANNEX|ARTICLE|LAW|DECREE|BILL|HR|S|CFR|ORDER|PRESS|GUIDANCE|CIRCULAR|MESSAGE|MSG|CABLE)\b/

/**
 * Finds the cited cable in one item: `[year] ORIGIN SERIAL`, year defaulting to the citing cable's.
 *   06 TBILISI 2601     (07) STATE 071143     2007 MADRID 4554     State 29549
 */
export function citedId(item: string, defaultYear: string | null): string | null {
  const re = /(?:^|[\s(,;])(?:\(?((?:19|20)?\d{2})\)?\s+)?([A-Za-z][A-Za-z .'-]{1,28}?)\s+0*(\d{1,7})(?![\d/:.]\d)(?=$|[\s),;.])/g
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const origin = m[2].trim().toUpperCase()
    if (NOT_ORIGIN.test(origin) || origin.split(/\s+/).length > 4) continue
    if (/^(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*$/.test(origin)) continue
    const year = m[1] ?? defaultYear
    const id = buildId(year, origin, m[3])
    if (id && /^\d{2}[A-Z]{4,17}\d{1,7}$/.test(id)) return id
  }
  return null
}

/** Splits a REF value (label removed) into items with offsets in `value`. */
export function splitReferences(value: string, defaultYear: string | null): RefItem[] {
  const marks: { letter: string; start: number; end: number }[] = []
  ENUMERATOR.lastIndex = 0
  for (let m = ENUMERATOR.exec(value); m; m = ENUMERATOR.exec(value)) {
    const letter = m[1] ?? m[2]
    const prev = marks[marks.length - 1]
    // `A. A) STATE 1`: a doubled enumerator names the same item
    if (prev && prev.letter === letter && value.slice(prev.end, m.index).trim() === '') {
      prev.end = m.index + m[0].length
      continue
    }
    // letters run A, B, C…; a list may start elsewhere, and a letter that opens a line starts an item in any order
    const expected = prev ? String.fromCharCode(prev.letter.charCodeAt(0) + 1) : letter
    const opensLine = /(?:^|\n)[ \t]*$/.test(value.slice(Math.max(0, m.index - 8), m.index))
    if (letter !== expected && !opensLine) continue
    marks.push({ letter, start: m.index, end: m.index + m[0].length })
  }
  const items: RefItem[] = []
  if (marks.length === 0) {
    const text = collapseSpace(value).trim()
    if (text) items.push({ letter: null, text, id: citedId(text, defaultYear), start: value.search(/\S/), end: value.trimEnd().length })
    return items
  }
  for (let i = 0; i < marks.length; i++) {
    const stop = i + 1 < marks.length ? marks[i + 1].start : value.length
    const raw = value.slice(marks[i].end, stop)
    const text = collapseSpace(raw).trim().replace(/[,;]$/, '')
    const lead = raw.length - raw.trimStart().length
    items.push({
      letter: marks[i].letter,
      text,
      id: citedId(text, defaultYear),
      start: marks[i].start,
      end: marks[i].end + lead + raw.trim().length,
    })
  }
  return items
}
