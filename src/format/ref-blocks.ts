import type { Line } from './lines.js'
import type { Reference, SegmentKind } from './model.js'
import { referencesEnd } from './references.js'
import type { Range } from './text.js'

/**
 * Texts with more than one REF block (spec §5.9): a header block repeated with a shorter REF, a block that letters
 * on (`C.`, `D.` after the header's `A.`, `B.`), a block inside a paragraph. The parser reads the cable's block (the
 * front-matter block naming the most items, `layoutText`) and then the others, in text order, with
 * `placeRefBlocks`; the blocks inside the body are found by `bodyRefBlocks`.
 */

/** A REF label with its colon, at an offset (`REF:`, `REFS :`, `Reftel:`, `REF(S):`); sticky, tried where a `REF`/`Ref` stands. */
const LABEL_AT = /(?:REFS?|REFTELS?|REF\(S\)|Refs?|Reftels?|Ref\(s\))[ \t]*:/y
/** What may stand before a body REF label on its line: blanks, or a paragraph's number and portion mark (`3. (C) `). */
const LABEL_LEAD = /^[ \t]*(?:¶[ \t]?)?(?:\d{1,2}\.[ \t]*(?:\([^()\n]{1,16}\)[ \t]*)?)?$/
/** A line that goes on with the next lettered item of a block (`D. VELLORA 99`, `(D) …`, `d) …`). */
const ITEM_LINE = /^[ \t]*(?:\([A-Za-z]\)|[A-Za-z][.)])[ \t]/

/**
 * REF blocks inside the body, from line `fromLine` (the first paragraph's) on: a `REF:` label (with its colon; `REFS`,
 * `REFTEL`, in capitals or title case) that opens a paragraph or text line, after the paragraph's number and mark
 * at most, and runs to the end of its line and the lines under it that each open with an item's letter, cut where
 * the body goes on (`referencesEnd`). Mid-sentence words (`AS REPORTED IN REFTEL: …`, `PER REF A`) are no block.
 * Ranges run from the label to the last item; in text order.
 *
 * Cost: two `indexOf` scans from the first paragraph (most bodies hold neither `REF` nor `Ref`); a sticky pattern is
 * tried only where one stands.
 */
export function bodyRefBlocks(text: string, lines: readonly Line[], kinds: readonly SegmentKind[], fromLine: number): Range[] {
  if (fromLine < 0 || fromLine >= lines.length) return []
  const from = lines[fromLine].start
  let out: Range[] | null = null
  for (const word of ['REF', 'Ref']) {
    for (let at = text.indexOf(word, from); at !== -1; at = text.indexOf(word, at + 3)) {
      LABEL_AT.lastIndex = at
      const label = LABEL_AT.exec(text)
      if (!label) continue
      const i = lineAt(lines, at, fromLine)
      if (kinds[i] !== 'para' && kinds[i] !== 'lines') continue
      if (!LABEL_LEAD.test(text.slice(lines[i].start, at))) continue
      let end = lines[i].end
      for (let j = i + 1; j < lines.length && !lines[j].blank && kinds[j] === 'lines' && ITEM_LINE.test(lines[j].text); j++) end = lines[j].end
      const valueStart = at + label[0].length
      end = valueStart + referencesEnd(text.slice(valueStart, end))
      while (end > valueStart && /\s/.test(text[end - 1])) end--
      if (end > valueStart) (out ??= []).push({ start: at, end })
    }
  }
  return out === null ? [] : out.sort((a, b) => a.start - b.start)
}

/** The index of the line holding `offset` (at or after line `from`): a binary search over the line starts. */
function lineAt(lines: readonly Line[], offset: number, from: number): number {
  let lo = from
  let hi = lines.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lines[mid].start <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** A REF block other than the cable's, with its items as read (spans set). */
export interface OtherRefBlock {
  range: Range
  items: Reference[]
  /** Found inside the body (`bodyRefBlocks`): a block there that names no cable and has no letters is prose, not read. */
  body: boolean
}

/** What placing the other blocks left unplaced: a whole block (a repeat) or one item, with the reason. */
export interface UnplacedRef {
  range: Range | null
  /** The item's span when one item is unplaced; null for a whole block (`range` then). */
  item: Reference | null
  message: string
}

/**
 * Places the items of the cable's other REF blocks (`blocks`, in text order) among its references (`placed`, the
 * cable's block's, appended to in place), as their lettering says:
 * - a block whose first letter comes after the last letter placed (`C.` after `A.`, `B.`) letters on: its items are
 *   the cable's references too; so are the items of any block when the cable has none yet;
 * - a block that starts its lettering again, or has none, names references the placed ones either repeat (the same
 *   id, or the same text: nothing is lost) or cannot join (two items lettered `A` would cite differently): each such
 *   item is reported, at the item; a block that only repeats is reported once, as a block.
 * A body block without letters that names no cable is prose (`REFTEL: THE MINISTER SAID …`) and skipped.
 * Returns what stays unplaced, in text order.
 */
export function placeRefBlocks(placed: Reference[], blocks: readonly OtherRefBlock[]): UnplacedRef[] {
  const out: UnplacedRef[] = []
  let last = lastLetter(placed)
  for (const b of blocks) {
    const items = b.items
    if (items.length === 0) continue
    const first = items[0].letter
    if (b.body && first === null && !items.some((r) => r.kind === 'cable')) continue
    if (placed.length === 0 || (first !== null && last !== null && first > last)) {
      placed.push(...items)
      last = lastLetter(placed)
      continue
    }
    const fresh = items.filter((r) => !placed.some((p) => sameReference(p, r)))
    if (fresh.length === 0) {
      out.push({ range: b.range, item: null, message: 'A second REF block repeats references already read: it is left in the text' })
      continue
    }
    for (const r of fresh) {
      const named = `REF${r.letter ? ` ${r.letter}` : ''} (${r.text})`
      out.push({
        range: null,
        item: r,
        message: `${named} is in a second REF block that ${first === null ? 'has no letters' : `starts its lettering again at ${first}`}: it cannot be placed among the cable's references and is left in the text`,
      })
    }
  }
  return out
}

/** The last letter among references (`D`), null when none is lettered. */
function lastLetter(refs: readonly Reference[]): string | null {
  let last: string | null = null
  for (const r of refs) if (r.letter !== null && (last === null || r.letter > last)) last = r.letter
  return last
}

/** The same citation: the same cable id, or (naming no cable) the same text, letter case aside. */
function sameReference(a: Reference, b: Reference): boolean {
  if (a.id !== null || b.id !== null) return a.id === b.id
  return a.text.toUpperCase() === b.text.toUpperCase()
}
