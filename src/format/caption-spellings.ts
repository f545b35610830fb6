import { CAPTION_PHRASES } from './captions.js'
import { caveatsOfCaption } from './classification.js'
import { editDistance, isUnreadControl, markingParts, markSkeleton } from './marking.js'

/**
 * Caption lines spelt past the caption reader (spec §5.4, §7 rule 4; QA 14 round 9, F4): a caption spelt letter by
 * letter with separators between its letters (`N.O.F.O.R.N`, `N/O/D/I/S`, `NO/FORN`), and a line of controls nobody
 * here reads (`SI`, `TK`). Read by the archive's header reader (archive/disguised-caveats.ts) and by lint alike. Pure.
 */

/** What may stand between the letters of a caption spelt out letter by letter: blanks, `.`, `/`, `_`, hyphens and dashes. */
const LETTER_SEPARATORS = /[\s./_\u2010-\u2015-]+/g
/**
 * The marking parser's short forms of captions (`NF` NOFORN, `OC` ORCON), which a caption line may spell with
 * separators too (`N/F`, `O.C.`; QA 14 round 10, F6).
 */
const SHORT_FORMS: readonly (readonly [string, string])[] = [['NF', 'NOFORN'], ['OC', 'ORCON']]
/** The caption phrases by their letters alone (`NOFORN`, `SPECATEXCLUSIVE`) and the short forms, longest first. */
const CAPTION_LETTERS: readonly (readonly [string, string])[] = [...CAPTION_PHRASES.map((p) => [p.replace(/ /g, ''), p] as const), ...SHORT_FORMS].sort((a, b) => b[0].length - a[0].length)

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

/**
 * Handling lines written out in words (data/captions.tsv; QA 14 round 10, F6), in any letter case: ORCON in full
 * (`DISSEMINATION AND EXTRACTION OF INFORMATION CONTROLLED BY ORIGINATOR`), read as ORCON; a line routing the cable
 * through a channel (`HANDLE VIA COMINT CHANNELS ONLY`, `HANDLE VIA TALENT-KEYHOLE CHANNELS`): the caption when the
 * channel is one of the caption table's (`HANDLE VIA ROGER CHANNEL`), else an SI-type control nobody here reads.
 */
const WRITTEN_OUT: readonly (readonly [RegExp, (m: RegExpExecArray) => string | null])[] = [
  [/\bDISSEM(?:INATION)?[\s-]+AND[\s-]+EXTRACTION[\s-]+OF[\s-]+INFO(?:RMATION)?[\s-]+CONTROLLED[\s-]+BY[\s-]+(?:THE[\s-]+)?ORIGINATOR\b/i, () => 'ORCON'],
  [
    /^[\s.,;:/-]*HANDLE[\s-]+VIA[\s-]+([A-Za-z][A-Za-z\s/-]*?)[\s-]+CHANNELS?\b/i,
    (m) => {
      const channel = `${m[1].trim().toUpperCase().replace(/\s+/g, ' ')} CHANNEL`
      return CAPTION_PHRASES.includes(channel) ? channel : null
    },
  ],
]

/**
 * What a header line's handling written out in words demands (`WRITTEN_OUT`): the captions it stands for, and
 * whether it names a control nobody here reads (`unreadable`: the cable is filed TOP SECRET, marking not understood).
 *
 * @example
 *   writtenOutHandling('HANDLE VIA COMINT CHANNELS ONLY') // { captions: [], unreadable: true }
 */
export function writtenOutHandling(line: string): { captions: string[]; unreadable: boolean } {
  const captions: string[] = []
  let unreadable = false
  for (const [pattern, caption] of WRITTEN_OUT) {
    const m = pattern.exec(line)
    if (!m) continue
    const c = caption(m)
    if (c === null) unreadable = true
    else captions.push(c)
  }
  return { captions, unreadable }
}

/** The caption table's one-word captions (`NOFORN`, `SIPDIS`, `NODIS`), which a near miss is measured against. */
const CAPTION_WORDS: readonly string[] = CAPTION_PHRASES.filter((p) => !p.includes(' '))

/**
 * A caption line typed a letter or two off a caption (QA 14 round 10, F6): every word of the line (separated by blanks
 * or `.,;:/`) is a caption word or a short form as written (`NOFORN`, `NF`) or one or two edits from a caption word
 * (one for words up to 4 letters, as the marking parser's suggestions: `NOFRN`, `NOFORM`, `NODSI`), and one at least is
 * such a near miss. Each near miss is read as the caption it is nearest to when the nearest captions all demand the
 * same caveats (`read`: `NOFRN` → NOFORN; a near miss of SIPDIS or SENSITIVE alone demands nothing); when captions
 * demanding different caveats are equally near (`NXDIS`: EXDIS or NODIS) it is a control nobody here reads
 * (`unreadable`, fail closed). Null for a line that is none.
 *
 * @example
 *   nearMissCaptions('NOFRN')        // { read: [{ word: 'NOFRN', caption: 'NOFORN' }], unreadable: [] }
 *   nearMissCaptions('NOFORN SIPDIS') // null (no near miss)
 */
export function nearMissCaptions(line: string): { read: { word: string; caption: string }[]; unreadable: string[] } | null {
  const words = line.trim().split(/[\s.,;:/]+/).filter(Boolean)
  if (!words.length || words.some((w) => !/^[A-Za-z]+$/.test(w))) return null
  const read: { word: string; caption: string }[] = []
  const unreadable: string[] = []
  for (const written of words) {
    const w = written.toUpperCase()
    if (CAPTION_WORDS.includes(w) || SHORT_FORMS.some(([s]) => s === w)) continue
    const limit = w.length <= 4 ? 1 : 2
    let best = Infinity
    let nearest: string[] = []
    for (const c of CAPTION_WORDS) {
      const d = editDistance(w, c)
      if (d < best) [best, nearest] = [d, [c]]
      else if (d === best) nearest.push(c)
    }
    if (best > limit) return null
    const demands = new Set(nearest.map((c) => caveatsOfCaption(c).join('/')))
    if (demands.size === 1) {
      if (caveatsOfCaption(nearest[0]).length) read.push({ word: written, caption: nearest[0] })
    } else unreadable.push(written)
  }
  return read.length || unreadable.length ? { read, unreadable } : null
}
