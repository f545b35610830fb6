import type { Cable } from '../format/model.js'
import { CAPTION_PHRASES } from '../format/captions.js'
import { caveatsOfCaption } from '../format/classification.js'
import { CONTROL_SEQUENCE, markSkeleton } from '../format/marking.js'

/**
 * The one-word captions that restrict readers (spec §5.4, §7 rule 4): the caption table's own words whose caveats
 * (`caveatsOfCaption`) are not empty, so a caption the table learns is read here too.
 */
// Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator,EqualityOperator: the filter only keeps the set small: a word caveatWord sees holds no blank, and caveatsOfCaption gives [] for a phrase that restricts nobody
const RESTRICTING_WORDS: ReadonlySet<string> = new Set(CAPTION_PHRASES.filter((p) => !p.includes(' ') && caveatsOfCaption(p).length > 0))


/** Segments before the text that hold no captions. */
const NO_CAPTIONS: ReadonlySet<string> = new Set([
  // Stryker disable next-line StringLiteral: a blank segment holds no word, read or not
  'blank',
  'from', 'to', 'info', 'xmt', 'ref', 'classifiedBy', 'eo', 'tags', 'pageHeader',
])

/**
 * The restrictive caveats a cable's header spells in a form the caption reader does not take (spec §5.4, §7 rule 4):
 * a caption or class-line caveat written with lookalike, fullwidth, invisible or control characters (`NОFORN` with a
 * Cyrillic O, `ＮＯＦＯＲＮ`, `NO\u00adFORN`, `NODI\u200bS`), with a digit or a lower-case letter standing for a
 * capital (`NOF0RN`, `NODlS`, `N0DIS`), or with a hyphen inside (`NO-FORN`). A screen shows each as the caveat, so
 * the cable demands it (fail closed): a reader without NOFORN never reads a cable whose header shows NOFORN, however
 * it is typed. Words written exactly (`NOFORN`, `noforn`) are the parser's, not listed here.
 *
 * @example
 *   disguisedCaveats(parseCable('S E C R E T QUORIN 000001\n\nN\u041eFORN\nSIPDIS\n…')) // ['NOFORN']
 */
export function disguisedCaveats(cable: Cable): string[] {
  const found = new Set<string>()
  for (const seg of cable.segments) {
    // the whole header, up to the first numbered paragraph: captions also stand after the subject, E.O. and TAGS
    // lines, where a caption the parser does not take is read as text lines; addressees, subject, REF, E.O. and
    // TAGS lines hold names and words of their own, no captions
    if (seg.kind === 'para') break
    if (NO_CAPTIONS.has(seg.kind)) continue
    // control sequences show as nothing, and hold brackets that would split a word; a line holding one is read
    // whole as it shows (the parser saw the sequences)
    // a subject's own line is its words; a line the parser joined to it (a caption right under the subject line,
    // `NОFORN` it did not take for one) is read
    const raw = seg.kind === 'subject' ? seg.raw.replace(/^[^\n]*\n?/, '') : seg.raw
    const shown = raw.replace(CONTROL_SEQUENCE, '')
    const controlled = shown !== raw
    // every word, however long: invisible characters pad a caveat to any length (`NO` and 35 zero-width spaces and
    // `FORN` show as NOFORN), and the header is short
    for (const token of shown.split(/[\s.,;:/()[\]]+/)) {
      const word = caveatWord(token)
      if (word !== null && (controlled || word !== token.toUpperCase())) for (const c of caveatsOfCaption(word)) found.add(c)
    }
  }
  return [...found]
}

/** The restricting word a token shows on a screen, null when it shows none. */
function caveatWord(token: string): string | null {
  const seen = markSkeleton(token)
    .replace(/[\s\u2010-\u2015-]/g, '')
    // a digit or a lower-case l standing for a capital among capitals (`NOF0RN`, `NODlS`)
    .replace(/0/g, 'O')
    .replace(/[1l|]/g, 'I')
    .toUpperCase()
  return RESTRICTING_WORDS.has(seen) ? seen : null
}
