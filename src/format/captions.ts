import { isSpaceCode } from './char-codes.js'

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

const CAPTION_AT = new RegExp(`^(?:${CAPTION_PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')}|${SPACED_CAPTION})(?=$|[\\s.,;:/])`, 'i')

/** CAPTION_AT tried at a given offset (sticky) instead of at the start of a slice of the line. */
const CAPTION_AT_STICKY = new RegExp(CAPTION_AT.source.slice(1), 'iy')

/** `[\s.,;:/]`, the separators between leading caption words. */
const isCaptionSeparator = (c: number) => c === 46 || c === 44 || c === 59 || c === 58 || c === 47 || isSpaceCode(c)

/** The caption words a line starts with, each with its offset in the line; [] when it starts with none. */
export function leadingCaptions(line: string): { caption: string; start: number; end: number }[] {
  const found: { caption: string; start: number; end: number }[] = []
  let pos = 0
  for (;;) {
    while (pos < line.length && isCaptionSeparator(line.charCodeAt(pos))) pos++
    CAPTION_AT_STICKY.lastIndex = pos
    const m = CAPTION_AT_STICKY.exec(line)
    if (!m) break
    found.push({ caption: captionOf(m[0]), start: pos, end: pos + m[0].length })
    pos += m[0].length
  }
  return found
}

const CAPTION_ANYWHERE = new RegExp(`(?<![A-Z])(?:${CAPTION_PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')}|${SPACED_CAPTION})(?![A-Z])`, 'gi')

/**
 * Every caption word on a caption-zone line, also after attention text
 * (`DEPT OF TREASURY FOR FPARODI SENSITIVE SIPDIS`).
 */
export function captionsIn(line: string): { caption: string; start: number; end: number }[] {
  const found: { caption: string; start: number; end: number }[] = []
  CAPTION_ANYWHERE.lastIndex = 0
  for (let m = CAPTION_ANYWHERE.exec(line); m; m = CAPTION_ANYWHERE.exec(line)) {
    // upper case only: attention text in mixed case uses these words in their ordinary sense
    if (m[0] !== m[0].toUpperCase()) continue
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
      while (pos < stop && isCaptionSeparator(text.charCodeAt(pos))) pos++
      word.lastIndex = pos
      const w = word.exec(text)
      if (!w) break
      let caption = w[0].replace(/\s+/g, ' ')
      if (caption === 'SENSITIVE BUT UNCLASSIFIED') caption = 'SENSITIVE'
      words.push({ caption, start: pos, end: pos + w[0].length })
      pos += w[0].length
    }
    const after = text.charCodeAt(stop)
    const letterAfter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122)
    if (words.length >= 2 || !letterAfter) found.push(...words)
  }
  return found
}

/** True when the line holds nothing but caption words. */
export function isCaptionLine(line: string): boolean {
  const c = leadingCaptions(line)
  return c.length > 0 && /^[\s.,;:/-]*(?:(?:PLEASE\s+)?(?:PROTECT|TREAT|HANDLE)\s+ACCORDINGLY[.\s]*)?$/i.test(line.slice(c[c.length - 1].end))
}

/** Service lines that travel with the captions (`C O R R E C T E D COPY (SUBJECT LINE)`). */
export const SERVICE_LINE = /^\s*C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y\b/i
