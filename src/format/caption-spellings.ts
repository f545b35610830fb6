import { CAPTION_PHRASES } from './captions.js'
import { isUnreadControl, markSkeleton } from './marking.js'

/**
 * Caption lines spelt past the caption reader (spec §5.4, §7 rule 4; QA 14 round 9, F4): a caption spelt letter by
 * letter with separators between its letters (`N.O.F.O.R.N`, `N/O/D/I/S`, `NO/FORN`), and a line of controls nobody
 * here reads (`SI`, `TK`). Read by the archive's header reader (archive/disguised-caveats.ts) and by lint alike. Pure.
 */

/** What may stand between the letters of a caption spelt out letter by letter: blanks, `.`, `/`, `_`, hyphens and dashes. */
const LETTER_SEPARATORS = /[\s./_\u2010-\u2015-]+/g
/** The caption phrases by their letters alone (`NOFORN`, `SPECATEXCLUSIVE`), longest first. */
const CAPTION_LETTERS: readonly (readonly [string, string])[] = CAPTION_PHRASES.map((p) => [p.replace(/ /g, ''), p] as const).sort((a, b) => b[0].length - a[0].length)

/**
 * The captions a line spells when the separators between its letters are taken out (`LETTER_SEPARATORS`): a
 * line whose letters, in any case, are caption words one after the other and nothing else (`N.O.F.O.R.N` →
 * NOFORN, `N. O. F. O. R. N.`, `NO/FORN`, `E/X/D/I/S` → EXDIS, `N.O.F.O.R.N SIPDIS` → NOFORN, SIPDIS). A line holding
 * any other letter, a digit or other punctuation spells none ([]). A screen shows each as the caption (fail closed).
 *
 * @example
 *   spelledCaptions('N/O/D/I/S')  // ['NODIS']
 *   spelledCaptions('NO. 5 FORN') // []
 */
export function spelledCaptions(line: string): string[] {
  const letters = markSkeleton(line).replace(LETTER_SEPARATORS, '').toUpperCase()
  // (no test of the letters: a line holding anything but A-Z spells no caption, since every caption's letters are A-Z;
  // the bound keeps the walk's recursion short: ten captions spelt out are 60 letters, a caption line is shorter)
  if (letters.length > 60) return []
  const walk = (at: number): string[] | null => {
    if (at === letters.length) return []
    for (const [word, caption] of CAPTION_LETTERS) {
      if (!letters.startsWith(word, at)) continue
      const rest = walk(at + word.length)
      if (rest) return [caption, ...rest]
    }
    return null
  }
  return walk(0) ?? []
}

/**
 * Whether a header line states controls nobody here can read: its words, separated by blanks or `/`, `//`, `.`, `,`,
 * `-`, `_`, are all in capitals, each a control marking of the US system this archive does not read as a caveat
 * (`isUnreadControl`: `SI`, `TK`, `HCS`, `SCI`, `SI/TK`), and the marking parser reads no marking in the line. A
 * caption line of such controls (`SI` under the class line) may restrict readers in ways no filter here knows: the
 * cable is filed TOP SECRET, marking not understood (fail closed), as `(S//SI)` in a portion is.
 *
 * @example
 *   controlsNobodyReads('SI/TK') // true;  controlsNobodyReads('SIPDIS') // false;  controlsNobodyReads('Si') // false
 */
export function controlsNobodyReads(line: string): boolean {
  // (each word is one of the upper-case words of `isUnreadControl`, so the marking parser, which refuses every one of
  // them, reads no marking in such a line: no further test of case or of the parser is needed)
  const words = line.split(/[\s./,_-]/).filter(Boolean)
  return words.length > 0 && words.every(isUnreadControl)
}
