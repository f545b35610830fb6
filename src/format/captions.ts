import { codeAt, hasLowerCase, isSpaceCode } from './char-codes.js'

/**
 * Caption words (spec §5.4, data/captions.tsv): handling and distribution captions that follow the class line.
 * A caption line may also carry attention text (`NOFORN SIPDIS STATE FOR EUR/RUS`); only the leading caption
 * words count as captions.
 */
/** Every caption the parser and drafts know, longest phrases first (spec §5.4, data/captions.tsv). */
export const CAPTION_PHRASES: readonly string[] = [
  'SENSITIVE BUT UNCLASSIFIED',
  'SPECAT EXCLUSIVE',
  'EYES ONLY',
  'ROGER CHANNEL',
  'DISSENT CHANNEL',
  'VISAS VIPER',
  'SENSITIVE',
  'SIPDIS',
  'NOFORN',
  'NODIS',
  'NODIF',
  'EXDIS',
  'LIMDIS',
  'STADIS',
  'CHEROKEE',
  'CONDIS',
  'AGRMENT',
  'SPECAT',
  'TERREP',
  'ORCON',
  'EFTO',
]

/**
 * A caption typed with its letters spaced out (`N O D I S`, `E X D I S`, as some typed originals write them, like
 * the spaced class words of spec §5.2): one space between letters, white space between the words of a phrase; not
 * part of a longer run of spaced letters (`N O D I S C U S S …` is no caption).
 */
const SPACED_CAPTION = `(?<!(?:^|\\s)[A-Za-z] )(?:${CAPTION_PHRASES.map((p) => p.split(' ').map((w) => w.split('').join(' ')).join('\\s+')).join('|')})(?! [A-Za-z](?![A-Za-z]))`
/**
 * Captions whose reading widens who may read a cable (SIPDIS: cleared readers at any post): read only as spelt or
 * with every letter spaced, never with a stray blank inside, so a garbled one is no caption and its line is withheld.
 */
const WIDENING: ReadonlySet<string> = new Set(['SIPDIS'])

/**
 * A caption phrase as typed with blanks inside its words (`NO FORN`, `EX DIS`, `NOF ORN`, `N O FORN`), as typed or
 * wrapped originals write them: the same caption, so a caveat is never lost to a stray blank (fail closed). One
 * pattern per phrase, an optional blank between letters (a pattern per split would slow every line the parser
 * reads). A form opening with a single spaced letter is not part of a longer run of spaced letters, as
 * `SPACED_CAPTION`; none for a caption that widens access (`WIDENING`).
 */
const looseCaption = (p: string) =>
  `(?:(?![A-Za-z] )|(?<!(?:^|\\s)[A-Za-z] ))${p.split(' ').map((w) => w.split('').join(' ?')).join('\\s+')}(?! [A-Za-z](?![A-Za-z]))`

/** Caption phrases by their letters alone, to fold a spaced or glued spelling onto the phrase. */
const BY_LETTERS = new Map(CAPTION_PHRASES.map((p) => [p.replace(/ /g, ''), p]))

/** The caption a matched spelling names (`N O D I S` → NODIS); `SENSITIVE BUT UNCLASSIFIED` is SENSITIVE. */
function captionOf(written: string): string {
  // most captions are written as the table spells them (SIPDIS, NOFORN): found as they stand, without folding
  const direct = BY_LETTERS.get(written)
  if (direct !== undefined) return direct === 'SENSITIVE BUT UNCLASSIFIED' ? 'SENSITIVE' : direct
  const caption = BY_LETTERS.get(written.toUpperCase().replace(/\s+/g, '')) ?? written.toUpperCase().replace(/\s+/g, ' ')
  return caption === 'SENSITIVE BUT UNCLASSIFIED' ? 'SENSITIVE' : caption
}

/** One caption as written: the phrase (or, when it widens nobody's access, with blanks inside its words), or spaced letters; longest phrases first. */
const ONE_CAPTION = `(?:${CAPTION_PHRASES.map((p) => (WIDENING.has(p) ? p.replace(/ /g, '\\s+') : looseCaption(p))).join('|')}|${SPACED_CAPTION})`

/**
 * A run of caption words as a class line may carry them between its class word and `SECTION` (`S E C R E T NODIS
 * SECTION 01 OF 02 …`), for `CLASS_LINE` (an `i` pattern): caption words separated by blanks or `.,;:/`.
 */
export const CAPTION_RUN_SOURCE = `${ONE_CAPTION}(?:[\\s.,;:/]+${ONE_CAPTION})*`

const CAPTION_AT = new RegExp(`^${ONE_CAPTION}(?=$|[\\s.,;:/])`, 'i')

/** CAPTION_AT tried at a given offset (sticky) instead of at the start of a slice of the line. */
const CAPTION_AT_STICKY = new RegExp(CAPTION_AT.source.slice(1), 'iy')

/** `[\s.,;:/]`, the separators between leading caption words. */
const isCaptionSeparator = (c: number) => c === 46 || c === 44 || c === 59 || c === 58 || c === 47 || isSpaceCode(c)

/** The caption words a line starts with, each with its offset in the line; [] when it starts with none. */
export function leadingCaptions(line: string): { caption: string; start: number; end: number }[] {
  const found: { caption: string; start: number; end: number }[] = []
  let pos = 0
  // the length read once: a lookup on a line is megamorphic (see codeAt)
  const n = line.length
  for (;;) {
    while (pos < n && isCaptionSeparator(codeAt(line, pos))) pos++
    CAPTION_AT_STICKY.lastIndex = pos
    const m = CAPTION_AT_STICKY.exec(line)
    if (!m) break
    found.push({ caption: captionOf(m[0]), start: pos, end: pos + m[0].length })
    pos += m[0].length
  }
  return found
}

const CAPTION_ANYWHERE = new RegExp(`(?<![A-Z])${ONE_CAPTION}(?![A-Z])`, 'gi')

/**
 * Every caption word on a caption-zone line, also after attention text
 * (`DEPT OF TREASURY FOR FPARODI SENSITIVE SIPDIS`).
 */
export function captionsIn(line: string): { caption: string; start: number; end: number }[] {
  const found: { caption: string; start: number; end: number }[] = []
  CAPTION_ANYWHERE.lastIndex = 0
  for (let m = CAPTION_ANYWHERE.exec(line); m; m = CAPTION_ANYWHERE.exec(line)) {
    // upper case only: attention text in mixed case uses these words in their ordinary sense
    if (hasLowerCase(m[0])) continue
    found.push({ caption: captionOf(m[0]), start: m.index, end: m.index + m[0].length })
  }
  return found
}

/**
 * Caption words written on the class line between the class word and the MRN (`S E C R E T NODIS QUORIN 000611`,
 * `S E C R E T N O D I S QUORIN 000611`): the class-line pattern reads them into the origin. The captions the
 * origin as read opens with (offsets in it), and where the origin proper starts; no captions when nothing would
 * be left of the origin.
 */
export function captionsBeforeOrigin(origin: string): { captions: { caption: string; start: number; end: number }[]; originStart: number } {
  const captions = leadingCaptions(origin)
  if (!captions.length) return { captions, originStart: 0 }
  const originStart = captions[captions.length - 1].end + /^[\s.,;:/]*/.exec(origin.slice(captions[captions.length - 1].end))![0].length
  return originStart < origin.length ? { captions, originStart } : { captions: [], originStart: 0 }
}

const CAPTION_WORD = `(?:${CAPTION_PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')})`
const CAPTION_WORD_STICKY = new RegExp(CAPTION_WORD, 'y')
const GLUED_CHAIN = new RegExp(`(?<![A-Z])${CAPTION_WORD}(?:[\\s.,;:/]*${CAPTION_WORD})*`, 'g')

/**
 * Caption words of run-together header text (spec §5.4 and §10 "captions run together"), where a flattened
 * rendering dropped the line breaks: `ANKARA 003352SIPDISSIPDISNOFORNE.O. 12958`, `000255NOFORNSIPDISPLEASE
 * PASS TO …`, `…/MKeshishianSIPDIS SENSITIVEE.O.`. Only upper-case words count (mixed-case attention text uses
 * them in their ordinary sense). A run starts where no upper-case letter precedes it (after the MRN serial, a
 * separator or a mixed-case name) and may be glued to the next caption; it counts when it holds two or more
 * caption words, or one that no letter follows, or one that ends the text (the caller cuts the text where a
 * run-together keyword, E.O. or TAGS, starts). `INSENSITIVE` or `SIPDISTRIBUTION` alone are no captions.
 *
 * @example
 *   gluedCaptions('TESSIN 003352SIPDISNOFORN').map((c) => c.caption) // ['SIPDIS', 'NOFORN']
 */
export function gluedCaptions(text: string): { caption: string; start: number; end: number }[] {
  const found: { caption: string; start: number; end: number }[] = []
  GLUED_CHAIN.lastIndex = 0
  for (let m = GLUED_CHAIN.exec(text); m; m = GLUED_CHAIN.exec(text)) {
    const words: { caption: string; start: number; end: number }[] = []
    const word = CAPTION_WORD_STICKY
    let pos = m.index
    const stop = m.index + m[0].length
    while (pos < stop) {
      while (pos < stop && isCaptionSeparator(codeAt(text, pos))) pos++
      word.lastIndex = pos
      const w = word.exec(text)
      if (!w) break
      let caption = w[0].replace(/\s+/g, ' ')
      if (caption === 'SENSITIVE BUT UNCLASSIFIED') caption = 'SENSITIVE'
      words.push({ caption, start: pos, end: pos + w[0].length })
      pos += w[0].length
    }
    const after = codeAt(text, stop)
    const letterAfter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122)
    if (words.length >= 2 || !letterAfter) found.push(...words)
  }
  return found
}

/** True when the line holds nothing but caption words. */
export function isCaptionLine(line: string): boolean {
  return isCaptionLineWith(line, leadingCaptions(line))
}

/** What may follow the caption words of a caption line: separators, a handling instruction. */
const CAPTION_LINE_REST = /^[\s.,;:/-]*(?:(?:PLEASE\s+)?(?:PROTECT|TREAT|HANDLE)\s+ACCORDINGLY[.\s]*)?$/i

/** isCaptionLine for a line whose leading captions (`leadingCaptions(line)`) the caller has read already. */
export function isCaptionLineWith(line: string, leading: readonly { end: number }[]): boolean {
  return leading.length > 0 && CAPTION_LINE_REST.test(line.slice(leading[leading.length - 1].end))
}

/** Service lines that travel with the captions (`C O R R E C T E D COPY (SUBJECT LINE)`). */
export const SERVICE_LINE = /^\s*C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y\b/i

/**
 * Words a service line's note may hold (`C O R R E C T E D COPY (SUBJECT LINE)`, `… - PARA 1, 2, 6`, `… CAPTION
 * ADDED`): what part of the cable was corrected and how, as the wire writes it. Any other word is text.
 */
const SERVICE_NOTE_WORD =
  /^(?:TEXT|SUBJECT|SUBJ|LINES?|CAPTIONS?|TAGS?|ADDRESSEES?|ADRESSEES?|ADDEES?|INFO|ACTION|PARAS?|PARAGRAPHS?|AND|ADD|ADDED|ADDING|CHANGED?|CORRECTED|CORRECT|CORRECTION|CLASSIFICATION|CLASS|BY|MARKINGS?|SIGNATURE|DATE|REFS?|REFERENCES?|DTG|MRN|PRECEDENCE|RENUMBERED|NUMBERS?|HANDLING|INSTRUCTIONS|DELETED|REMOVED|E\.?O\.?|PLA|RI|PRIMARY|SECURITY|FORMATTING|FINAL|\d{1,3})$/i

/**
 * How much of a service line is service-line syntax (spec §5.4): `CORRECTED COPY` in any letter spacing, and a note
 * made only of the words that say what was corrected (`SERVICE_NOTE_WORD`) and caption words, in parentheses or
 * after a dash or colon. A note holding any other word is text the correction carries (`(TEXT OF PLAN)`,
 * `"no more" rather than "more"`): the length of `CORRECTED COPY` alone, the rest to be judged as portion text. 0
 * for a line that is no service line.
 *
 * @example
 *   serviceLineLength('C O R R E C T E D COPY (SUBJECT LINE)')  // the whole line
 *   serviceLineLength('C O R R E C T E D COPY (TEXT OF PLAN)')  // 22: up to COPY
 */
export function serviceLineLength(line: string): number {
  const head = SERVICE_LINE.exec(line)
  if (!head) return 0
  const note = line.slice(head[0].length)
  let rest = note
  for (const c of captionsIn(rest.toUpperCase())) rest = rest.slice(0, c.start) + ' '.repeat(c.end - c.start) + rest.slice(c.end)
  const words = rest.split(/[\s()[\]\-–:;,&/\\"]+/).map((w) => w.replace(/^\.+|\.+$/g, '')).filter(Boolean)
  return words.every((w) => SERVICE_NOTE_WORD.test(w)) ? line.length : head[0].length
}
