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
      // the name opens with a letter and ends before the blanks or hyphen ahead of CHANNEL; a caption's channel is
      // one word (ROGER, DISSENT), so a name of several words, however spaced, is none of them
      const channel = `${m[1].toUpperCase()} CHANNEL`
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

/**
 * The handling a caption block writes out over several lines (QA 11 F1): a line that ends in the middle of ORCON
 * written out (`DISSEMINATION AND EXTRACTION OF INFORMATION` / `CONTROLLED BY ORIGINATOR`) or of a `HANDLE VIA`
 * phrase (`HANDLE VIA` / `COMINT CHANNELS ONLY`) is read together with the caption-block lines after it, so
 * `lines` are consecutive lines of one caption block, in order. `captions`: the captions written out (`ORCON`);
 * `unreadable`: the indices (into `lines`) of lines opening a handling phrase that names a control nobody here reads,
 * or a `HANDLE VIA` the lines after it never complete (fail closed: a channel nobody names may be any).
 *
 * @example
 *   captionBlockHandling(['HANDLE VIA', 'COMINT CHANNELS ONLY']) // { captions: [], unreadable: [0] }
 */
export function captionBlockHandling(lines: readonly string[]): { captions: string[]; unreadable: number[] } {
  const captions = new Set<string>()
  const unreadable: number[] = []
  for (const [i, line] of lines.entries()) {
    // the block from this line on, joined: a phrase opening here is read whole however the lines break it (the
    // patterns take any blanks between words and before a phrase)
    const joined = lines.slice(i).join(' ')
    const written = writtenOutHandling(joined)
    for (const c of written.captions) captions.add(c)
    if (written.unreadable || (HANDLE_VIA_OPENS.test(line) && !WRITTEN_OUT[1][0].test(joined))) unreadable.push(i)
  }
  return { captions: [...captions], unreadable }
}

/** A line opening a `HANDLE VIA` phrase, which names a channel (`WRITTEN_OUT`). */
const HANDLE_VIA_OPENS = /^[\s.,;:/-]*HANDLE[\s-]+VIA\b/i

/** The caption table's one-word captions (`NOFORN`, `SIPDIS`, `NODIS`), which a near miss is measured against. */
const CAPTION_WORDS: readonly string[] = CAPTION_PHRASES.filter((p) => !p.includes(' '))

/**
 * The caption table's captions of several words (`EYES ONLY`, `ROGER CHANNEL`) and ORCON's shorter written-out form
 * (`ORIGINATOR CONTROLLED`), each with the caption it stands for, by their words: a near miss of one is measured word
 * by word (QA 11 F1: `ORIGINATOR CONTROLED` is ORCON). Handling written out at length is `writtenOutHandling`'s.
 */
const CAPTION_PHRASE_WORDS: readonly (readonly [readonly string[], string])[] = [
  ...CAPTION_PHRASES.filter((p) => p.includes(' ') && !WRITTEN_OUT.some(([re]) => re.test(p))).map((p) => [p.split(' '), p] as const),
  [['ORIGINATOR', 'CONTROLLED'], 'ORCON'] as const,
].sort((a, b) => b[0].length - a[0].length)

/** Edits a word may be off a caption word and still be read as it: none up to 2 letters, one up to 4, else two. */
const nearLimit = (w: string) => (w.length <= 2 ? 0 : w.length <= 4 ? 1 : 2)

/**
 * The words of a caption line, a letter-spaced run of single letters joined into the word it spells (QA 11 F1:
 * `E X D I Z` is EXDIZ, measured as such): runs are separated by two blanks or more, or by `.,;:/`.
 */
function captionLineWords(line: string): string[] {
  const words: string[] = []
  // a run holds single blanks only (two or more end it); empty runs and tokens (leading blanks, `..`, a closing
  // `.`) give no word, and a run of one letter is that letter either way
  for (const run of line.split(/\s{2,}|[.,;:/]/)) {
    const tokens = run.split(/\s/).filter(Boolean)
    if (tokens.length > 0 && tokens.every((t) => t.length === 1)) words.push(tokens.join(''))
    else words.push(...tokens)
  }
  return words
}

/**
 * A caption line typed a letter or two off a caption (QA 14 round 10, F6): every word of the line (separated by blanks
 * or `.,;:/`; a letter-spaced run, `E X D I Z`, joined first) is a caption word or a short form as written (`NOFORN`,
 * `NF`) or one or two edits from a caption word (one for words up to 4 letters, as the marking parser's suggestions:
 * `NOFRN`, `NOFORM`, `NODSI`; none for words of 1 or 2), or the words of a caption of several words each so near
 * (`ORIGINATOR CONTROLED` → ORCON, QA 11 F1), and one at least is such a near miss. Each near miss is read as the
 * caption it is nearest to when the nearest captions all demand the same caveats (`read`: `NOFRN` → NOFORN; a near
 * miss of SIPDIS or SENSITIVE alone demands nothing); when captions demanding different caveats are equally near
 * (`NXDIS`: EXDIS or NODIS) it is a control nobody here reads (`unreadable`, fail closed). Null for a line that is none.
 *
 * @example
 *   nearMissCaptions('NOFRN')        // { read: [{ word: 'NOFRN', caption: 'NOFORN' }], unreadable: [] }
 *   nearMissCaptions('NOFORN SIPDIS') // null (no near miss)
 */
export function nearMissCaptions(line: string): { read: { word: string; caption: string }[]; unreadable: string[] } | null {
  const words = captionLineWords(line)
  if (!words.length || words.some((w) => !/^[A-Za-z]+$/.test(w))) return null
  const read: { word: string; caption: string }[] = []
  const unreadable: string[] = []
  const judge = (written: string, nearest: string[]) => {
    const demands = new Set(nearest.map((c) => caveatsOfCaption(c).join()))
    if (demands.size === 1) {
      if (caveatsOfCaption(nearest[0]).length) read.push({ word: written, caption: nearest[0] })
    } else unreadable.push(written)
  }
  for (let at = 0; at < words.length; ) {
    // a caption of several words, word by word: the nearest of those whose every word is near enough
    let phraseBest = Infinity
    // Stryker disable next-line ArrayDeclaration: the first phrase near enough replaces it (d < Infinity) before it is read
    let phraseNearest: string[] = []
    let phraseLength = 0
    for (const [phrase, caption] of CAPTION_PHRASE_WORDS) {
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: no words are near both the three-word caption (SENSITIVE BUT UNCLASSIFIED) and a two-word one, so no shorter phrase follows a match
      if (at + phrase.length > words.length || (phraseLength && phrase.length < phraseLength)) continue
      let d = 0
      // Stryker disable next-line ConditionalExpression: once Infinity, d stays Infinity (Infinity + e); the test only stops early
      for (let k = 0; k < phrase.length && d !== Infinity; k++) {
        const w = words[at + k].toUpperCase()
        const e = editDistance(w, phrase[k])
        d = e > nearLimit(w) ? Infinity : d + e
      }
      if (d === Infinity) continue
      phraseLength = phrase.length
      // a nearer phrase replaces the nearest, an equally near one joins them
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: no words are near two phrases of the table at once (their first words are far apart), so the first match is the only one
      if (d <= phraseBest) [phraseBest, phraseNearest] = [d, d < phraseBest ? [caption] : [...phraseNearest, caption]]
    }
    if (phraseLength) {
      const written = words.slice(at, at + phraseLength).join(' ')
      if (phraseBest > 0) judge(written, phraseNearest)
      at += phraseLength
      continue
    }
    const written = words[at++]
    const w = written.toUpperCase()
    if (CAPTION_WORDS.includes(w) || SHORT_FORMS.some(([s]) => s === w)) continue
    let best = Infinity
    // Stryker disable next-line ArrayDeclaration: the first caption word replaces it (d < Infinity) before it is read
    let nearest: string[] = []
    for (const c of CAPTION_WORDS) {
      const d = editDistance(w, c)
      if (d < best) [best, nearest] = [d, [c]]
      else if (d === best) nearest.push(c)
    }
    if (best > (w.length <= 4 ? 1 : 2)) return null
    judge(written, nearest)
  }
  return read.length || unreadable.length ? { read, unreadable } : null
}


/**
 * The header zone's runs of lines that may be caption lines (spec §5.4: captions stand under the class line, and
 * after the subject, E.O. and TAGS lines), for the archive's header reader (archive/disguised-caveats.ts) and lint
 * (TXT-029) alike, so both read the same lines. `lines` are a cable's lines in text order, each with the kind of the
 * segment holding it; the header zone runs up to the first numbered paragraph, and again from each page header to the
 * next one (a section's repeated header). A run is the consecutive lines of kind `captions` (the parser's caption
 * block) or `lines` (lines it took for no field, after the SUBJECT, E.O. or TAGS line), blank lines skipped; any other
 * kind ends it. Lines of other fields (addressees, SUBJECT, TAGS, E.O., REF, Classified By) are in none, nor are, among
 * `lines`, a field's label line and the lines wrapping it (a header the parser read as text: `TAGS: … PK` / `SI`,
 * Slovenia), nor lines from the first one holding lower-case letters (the text has begun: captions are capitals) to
 * the next class line or page header.
 *
 * @example
 *   headerCaptionBlocks([{ text: 'SUBJECT: TALKS', kind: 'subject' }, { text: 'NOFRN', kind: 'lines' }]) // [[{ text: 'NOFRN', … }]]
 */
export function headerCaptionBlocks<L extends { text: string; kind: string }>(lines: readonly L[]): L[][] {
  const blocks: L[][] = []
  let header = true
  // the text has begun: a line the parser took for no field holding lower-case letters is prose (captions are
  // written in capitals), and no later such line is a caption line until the next class line or page header
  let prose = false
  // the line before is a field's label line (`TAGS:`, `SUBJECT:`) or its wrapped line: a line right under it, with
  // no blank line between, wraps the field (`SI` under a TAGS list is Slovenia), in a header the parser read as text
  let continues = false
  let block: L[] = []
  const end = () => {
    if (block.length) blocks.push(block)
    block = []
  }
  for (const line of lines) {
    if (line.kind === 'para') header = false
    else if (line.kind === 'pageHeader') header = true
    if (line.kind === 'classLine' || line.kind === 'pageHeader') prose = false
    if (line.kind === 'blank' || line.text.trim() === '') {
      continues = false
      continue
    }
    const wraps: boolean = continues
    continues = line.kind === 'lines' ? wraps || FIELD_LABEL.test(line.text) : false
    if (line.kind === 'lines' && /[a-z]/.test(line.text)) prose = true
    const candidate = line.kind === 'captions' || (line.kind === 'lines' && !prose && !wraps && !continues)
    if (header && candidate) block.push(line)
    else end()
  }
  end()
  return blocks
}

/** A header field's label opening a line (spec §4.3–4.6): its own line and lines wrapping it hold no captions. */
const FIELD_LABEL = /^[\s]*(?:TAGS?|SUBJ(?:ECT)?|REFS?|E\.?[ \t]*O\.?|EO|CLASSIFIED[ \t]+BY|REASONS?|DECL|DERIVED[ \t]+FROM)\b[ \t]*[:.]?/i

/**
 * What one run of header caption lines (`headerCaptionBlocks`, as text) demands: `captions`, the captions it spells
 * past the caption reader (handling written out, over several lines too: `captionBlockHandling`; a caption typed a
 * letter or two off: `nearMissCaptions`); `unreadable`, the indices of lines naming controls nobody here reads
 * (`controlsNobodyReads`, handling naming such a control, a near miss equally near captions demanding different
 * caveats), which hold the cable at the highest level (fail closed).
 *
 * @example
 *   readCaptionBlock(['NOFRN', 'TK']) // { captions: ['NOFORN'], unreadable: [1] }
 */
export function readCaptionBlock(lines: readonly string[]): { captions: string[]; unreadable: number[] } {
  const handling = captionBlockHandling(lines)
  const captions = new Set(handling.captions)
  const unreadable = new Set(handling.unreadable)
  lines.forEach((line, i) => {
    if (controlsNobodyReads(line) || writtenOutHandling(line).unreadable) unreadable.add(i)
    const near = nearMissCaptions(line)
    if (near) {
      for (const r of near.read) captions.add(r.caption)
      if (near.unreadable.length) unreadable.add(i)
    }
  })
  return { captions: [...captions], unreadable: [...unreadable].sort((a, b) => a - b) }
}
