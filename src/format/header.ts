import { isCollective, parseAddressee } from './addressee.js'
import { codeAt, firstNonSpaceCode } from './char-codes.js'
import { isLineEnd } from './class-line.js'
import { collapseSpace, type Line } from './lines.js'
import type { Addressee, Diagnostic, Envelope, SegmentKind } from './model.js'
import { isAddresseeLine } from './plad-line.js'
import { PRECEDENCE_WORD } from './precedence.js'
import type { LineIndex } from './span.js'

/** What the header told us; `kinds` runs parallel to the header lines for the lossless segments. */
export interface HeaderResult {
  envelope: Envelope
  origin: string | null
  originSpan: { start: number; end: number } | null
  to: Addressee[] | null
  info: Addressee[] | null
  kinds: SegmentKind[]
  /** Spans (offsets) of FL1–FL5 lines, keyed like Cable.spans. */
  lineSpans: Partial<Record<'transmission' | 'routing' | 'station' | 'security' | 'dtg', { start: number; end: number }>>
  partial: boolean
  /**
   * A DTG line that states no year (`R 151646Z OCT`: day, time and month alone, as some copies write it), null when
   * there is none or the envelope has a whole DTG. Its line is the envelope's (`lineSpans.dtg`); the date it gives is
   * inferred, the year taken from elsewhere (`inferDate`), never read.
   */
  yearlessDtg: { precedence: string[]; day: string; time: string; month: string } | null
}

const FL1 = /^\s*VZCZC([A-Z]{3})(\d{3,4})\s*$/
const FL2 = /^\s*(ZZ|OO|PP|RR)\s+(R[A-Z]{3,7}(?:\s+R[A-Z]{3,7})*)\s*$/
const ROUTES_ONLY = /^\s*(R[A-Z]{3,7})(\s+R[A-Z]{3,7})*\s*$/
const FL3 = /^\s*DE\s+([A-Z]{4,8})\s+#(\d{1,5})(?:\/(\d{1,3}))?\s+(\d{7})\s*$/
const FL4 = /^\s*(ZN[RY])\s+([A-Z]{5})((?:\/[A-Z]{5})?)((?:\s+Z[A-Z]{2})*)\s*$/
/**
 * FL5 `O P 180800Z MAR 08 ZDS`: prosign(s), DTG, trailing operating signals (and service text after them), in
 * any letter case (`r 151646z mar 75` in NARA text captures); the prosigns are kept upper-cased.
 * Copies also write the month in mixed case (`091553Z May 05`), drop the prosign, or add an annotation in
 * parentheses (`R 151646Z OCT 09 (CCY AD1B2C3D)`) or write a signal between slashes (`O 161643Z MAR 08 //ZEL//`,
 * `R 181516Z NOV 09 ///ZFR////`) or, after a prosign, any annotation that opens with an upper-case word
 * (`R 151646Z OCT 09 CORRECTED COPY`, `O 091553Z MAY 05 CITE 1234`); the annotation is kept with the signals as
 * written. Without a prosign only signals and a parenthesis may follow, so a line of text that opens with a DTG
 * is no header.
 */
export const FL5 =
  /^\s*(?:([ZOPRzopr](?:\s[ZOPRzopr])?)\s+)?(\d{2})(\d{4})[Zz]\s+([A-Za-z]{3})\s+(\d{2,4})((?:\s+(?:Z[A-Z0-9]+|\/{2,4}Z[A-Z0-9]{2,3}\/{2,4}(?=\s|$))(?:\s+\S.*)?)?|\s+\(.*|(?<=^\s*[ZOPRzopr](?:\s[ZOPRzopr])?\s+\d{6}[Zz]\s+[A-Za-z]{3}\s+\d{2,4})\s+[A-Z][A-Z0-9]*(?:\s+\S+)*)\s*$/
const PARTIAL = /^This record is a partial extract/i
/** An FL5 line without its year (`R 151646Z OCT`, `020304z feb`): prosign(s), day, time and month, nothing after. */
const FL5_NO_YEAR = /^\s*(?:([ZOPRzopr](?:\s[ZOPRzopr])?)\s+)?(\d{2})(\d{4})[Zz]\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*$/i

/**
 * The notice a publisher puts above a partial record (Cablegate: "This record is a partial extract of the original
 * cable. The full text of the original cable is not available."), as written and nothing after it on its line.
 */
export const PARTIAL_NOTICE = /^\s*This record is a partial extract of the original cable\.(?:\s+The full text of the original cable is not available\.)?\s*$/i

/** FL5 with the offsets of its groups, to find where the signals and service text (group 6) start. */
const FL5_INDICES = new RegExp(FL5.source, 'd')
/**
 * A word of the operating signals and service text after a DTG (spec §4.3 FL5; as the wire writes them:
 * `ZDK`, `ZFF4`, `ZES-2`, `CTG RUEHSD 0060 3230357`, `CITE RUEHSD 0005`, `ZDK DUE TO NUMEROUS SVCS`, `UR SVC #03389`).
 */
const SERVICE_WORD = /^(?:Z[A-Z0-9]{2,3}(?:-\d{1,2})?|\/{2,4}Z[A-Z0-9]{2,3}\/{2,4}|CTG(?:#\s?\d{1,7})?|CITE|SVCS?|SERVICES?|REQUESTS?|NUMEROUS|NUM|DUE|TO|ALL|POSTS?|RE|YOUR|UR|R[A-Z]{3,6}\d{0,5}(?:#\d{1,5})?|#\d{0,7}|\d{1,8}|-{1,2})$/
/**
 * A correction annotation in parentheses after the DTG (`(CCY AD1B2C3D)`, `(CCY ADC1AECC MSI3311-632)`, `(CCY TEXT
 * AD0023CC8D/MSI9728 510)`, `(CCY ADDED CLASS AD0BFDC82 WSC6491 508)`): the word CCY, then codes (each holding a
 * digit: the AD correction number, the operator's MSI/WSC serial) and the few words the wire uses to say what was
 * corrected. At least one code; any other word (`(CCY SOURCE ZORBEK DEFECTS)`) makes it no annotation, so a
 * releasable rendering judges it as portion text (fail closed).
 */
const DTG_ANNOTATION = /^\(CCY((?:\s+[A-Z0-9/-]{1,20}){1,6})\)/
/** The words a CCY annotation says what was corrected with (as the dev corpus's annotations write them). */
const CCY_WORDS: ReadonlySet<string> = new Set(['-', 'ADX', 'TEXT', 'OLD', 'NEW', 'DECL', 'DATE', 'CHANGED', 'SUB', 'SUBJ', 'SUBJECT', 'ADDED', 'CLASS', 'CAPTION', 'TAGS', 'PARA', 'CORRECTED'])

/** The length of a CCY annotation at the start of `s` (`DTG_ANNOTATION`, its words checked); 0 when none. */
function ccyAnnotationLength(s: string): number {
  const m = DTG_ANNOTATION.exec(s)
  if (!m) return 0
  const words = m[1].trim().split(/\s+/)
  const codes = words.filter((w) => /\d/.test(w))
  return codes.length > 0 && words.every((w) => /\d/.test(w) || CCY_WORDS.has(w)) ? m[0].length : 0
}

/**
 * How much of a line is an FL5 DTG line (spec §4.3): prosigns, the DTG, operating signals, the service text the
 * wire writes after them and a code annotation, up to the first word that is none of these (prose a copy
 * appended, which a releasable rendering must judge as portion text). The line's length (trailing blanks
 * included) when all of it is that syntax; 0 when the line is no DTG line.
 *
 * @example
 *   dtgLineLength('R 151646Z OCT 09 ZDK CTG RUEHSD 0060') // the whole line
 *   dtgLineLength('O 121530Z MAR 09 ZFF THE MINISTER')   // up to and with 'ZFF'
 */
export function dtgLineLength(line: string): number {
  const m = FL5_INDICES.exec(line)
  if (!m) return 0
  let end = m.indices![6]?.[0] ?? m.indices![5]![1]
  const rest = line.slice(end)
  const annotation = /^\s+/.exec(rest) ? ccyAnnotationLength(rest.trimStart()) : 0
  if (annotation) end += rest.length - rest.trimStart().length + annotation
  else
    for (const w of rest.matchAll(/\S+/g)) {
      if (!SERVICE_WORD.test(w[0])) break
      end = m.indices![6]![0] + w.index + w[0].length
    }
  return isLineEnd(line.slice(end)) ? line.length : end
}

/**
 * Which envelope format lines a line can be, by its first character other than white space: each of the patterns
 * above opens with `^\s*` and a fixed set of characters (FL1 V, FL2 Z O P R, a routing continuation R, FL3 D,
 * FL4 Z, FL5 a prosign letter in either case or a digit). One table load per line spares the regex calls that
 * cannot match on every line above the FM line.
 */
const CAN_FL1 = 1
const CAN_FL2 = 2
const CAN_ROUTES = 4
const CAN_FL3 = 8
const CAN_FL4 = 16
const CAN_FL5 = 32
const ENVELOPE_CANDIDATES = new Uint8Array(128)
const mark = (chars: string, bit: number) => {
  for (const ch of chars) ENVELOPE_CANDIDATES[ch.charCodeAt(0)] |= bit
}
mark('V', CAN_FL1)
mark('ZOPR', CAN_FL2)
mark('R', CAN_ROUTES)
mark('D', CAN_FL3)
mark('Z', CAN_FL4)
mark('ZOPRzopr0123456789', CAN_FL5)

/**
 * The address lines of the header (FL6–FL8) in any letter case: some releases and OCR texts are lower-cased
 * (`fm amembassy paris`, `to secstate washdc immediate 1234`), and `Fm`/`To` occur. Some publishers and eras write
 * the keyword with a colon (`FM: AMEMBASSY PARIS`, `TO: SECSTATE WASHDC IMMEDIATE 1234`, `INFO:`). Group 1 is the
 * keyword with the colon and white space after it, group 2 the value.
 */
const FM_LINE = /^(\s*FM(?:[ \t]*:[ \t]*|\s+))(\S.*?)\s*$/i
const TO_LINE = /^(\s*TO(?:[ \t]*:[ \t]*|\s+))(\S.*)$/i
const INFO_LINE = /^(\s*INFO(?:[ \t]*:[ \t]*|\s+))(\S.*)$/i
/** A legacy distribution list after INFO (`INFO  LOG-00   NP-00 …`, `info log-00 …`): offices, not addressees. */
const DISTRIBUTION = /\b[A-Z]+-\d\d\b/i

/** ASCII letters upper-cased, every other character as it is: the same length, so offsets hold. */
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (w) => w.toUpperCase())

/**
 * Whether an FM, TO or INFO match (FM_LINE, TO_LINE, INFO_LINE) is a header line. Written in capitals without a
 * colon, as the format writes it, the keyword is enough (as it always was). Written in lower or mixed case (`to`,
 * `Fm`) it is also an ordinary word (`To the minister …`, `fm radio …`), and written with a colon it is also a
 * memo's or a heading's label (`TO: ALL STAFF`, `FM: WORLD MUST AVOID PROTECTIONISM`, the Foreign Minister): the
 * line is the field only when its value is addressee syntax (spec §4.1: a PLAD with its RI, precedence and MCN,
 * `plad-line`), upper-cased as a lower-cased copy lost it.
 */
function isAddressLine(m: RegExpExecArray): boolean {
  const keyword = m[1]
  if (!hasLowerAscii(keyword) && !keyword.includes(':')) return true
  return isAddresseeLine(asciiUpper(m[2]), true)
}

const hasLowerAscii = (s: string): boolean => /[a-z]/.test(s)

/**
 * A header line's value as the fields keep it: PLADs are written in capitals (spec §4.1), so the value of a line
 * that holds lower-case letters (a lower-cased release, an OCR text) is upper-cased; the segments keep the line
 * as written.
 */
const pladText = (s: string): string => (hasLowerAscii(s) ? asciiUpper(s) : s)

/** The front-matter keywords of the text (spec §5.5–5.9) with their separator: `TAGS:`, `SUBJECT:`, `E.O. 12958:`, `REF:`. */
export const FRONT_KEYWORD = /^\s*(?:TAGS|SUBJECT|SUBJ|REFS?|REFTEL)\s*:|^\s*E\.\s?O\.?\s*1\d{4}\b/i

/**
 * True for a line that opens with FM, TO or INFO as a header line does but that is no header line: a lower-case
 * keyword before no addressee syntax (`isAddressLine`), or INFO before a legacy distribution list; and for a
 * front-matter keyword line (`TAGS:`, `SUBJECT:`, `E.O. 12958`, `REF:`): either ends an address list.
 */
function refusedKeywordLine(t: string, c0: number): boolean {
  const c = c0 | 0x20
  // a TAGS, SUBJECT, E.O. or REF line glued under the list opens the text's front matter: no addressee
  if ((c === 0x74 || c === 0x73 || c === 0x65 || c === 0x72) && FRONT_KEYWORD.test(t)) return true
  const m = c === 0x69 /* i */ ? INFO_LINE.exec(t) : c === 0x74 /* t */ ? TO_LINE.exec(t) : c === 0x66 /* f */ ? FM_LINE.exec(t) : null
  return m !== null && ((c === 0x69 && DISTRIBUTION.test(m[2])) || !isAddressLine(m))
}

/** True for an FM line in any letter case that is a header line (`isAddressLine`). */
export function isFmLine(t: string): boolean {
  const m = FM_LINE.exec(t)
  return m !== null && isAddressLine(m)
}

/** True for a TO line in any letter case that is a header line (`isAddressLine`). */
export function isToLine(t: string): boolean {
  const m = TO_LINE.exec(t)
  return m !== null && isAddressLine(m) && !LEGACY_PAGE.test(m[2])
}

/** True for an FM, TO or INFO line in any letter case that is a header line (`isAddressLine`). */
export function isAddressKeywordLine(t: string): boolean {
  const m = FM_LINE.exec(t) ?? TO_LINE.exec(t) ?? INFO_LINE.exec(t)
  return m !== null && isAddressLine(m)
}

/** The CAN_* bits of the envelope lines a line whose first non-space character is `c0` may be (0 for -1 and non-ASCII). */
const envelopeCandidates = (c0: number): number => (c0 >= 0 && c0 < 128 ? ENVELOPE_CANDIDATES[c0] : 0)
export const LEGACY_PAGE = /^\s*PAGE\s+\d{1,3}\s+\S/

/** Parses the header lines (everything before the text). Never throws. */
export function parseHeader(lines: Line[], index: LineIndex, diagnostics: Diagnostic[]): HeaderResult {
  const envelope: Envelope = { transmission: null, routing: null, station: null, security: null, dtg: null }
  const kinds: SegmentKind[] = []
  const lineSpans: HeaderResult['lineSpans'] = {}
  let origin: string | null = null
  let originSpan: HeaderResult['originSpan'] = null
  let to: Addressee[] | null = null
  let info: Addressee[] | null = null
  let list: Addressee[] | null = null
  let listKind: SegmentKind = 'headerOther'
  let lastCollective: Addressee | null = null
  let inXmt = false
  let partial = false
  let yearlessDtg: HeaderResult['yearlessDtg'] = null

  const addAddressee = (text: string, line: Line, offsetInLine: number) => {
    const { addressee, misspelled } = parseAddressee(pladText(text))
    addressee.span = index.span(line.start + offsetInLine, line.end)
    if (misspelled) {
      diagnostics.push({
        code: 'PRECEDENCE_MISSPELLED',
        severity: 'warning',
        message: `Misspelled precedence word in addressee \`${text.trim()}\``,
        span: addressee.span,
      })
    }
    if (addressee.excluded) lastCollective = addressee
    list?.push(addressee)
  }

  /** A `TO` or `INFO` line opens its list with the addressee on the same line. */
  const openList = (kind: 'to' | 'info', m: RegExpExecArray, line: Line): Addressee[] => {
    list = []
    listKind = kind
    inXmt = false
    addAddressee(m[2], line, m[1].length)
    kinds.push(kind)
    return list
  }

  for (const line of lines) {
    const t = line.text
    let m: RegExpExecArray | null
    // each line regex below opens with `^\s*` and a fixed letter: the first other character picks the few that can match
    const c0 = firstNonSpaceCode(t)
    if (line.blank) {
      // an empty line ends an address list: what follows it is no addressee
      list = null
      inXmt = false
      kinds.push('blank')
      continue
    }
    if ((c0 | 0x20) === 0x62 /* B, b */ && /^\s*BT\s*$/i.test(t)) {
      // FL11, start of text: part of the envelope in wire form
      kinds.push('envelope')
      continue
    }
    if ((codeAt(t, 0) | 0x20) === 0x74 /* t, T */ && PARTIAL.test(t)) {
      partial = true
      kinds.push('preamble')
      diagnostics.push({
        code: 'PARTIAL_RECORD',
        severity: 'info',
        message: 'The record is a partial extract: the original header is not available',
        span: index.span(line.start, line.end),
      })
      continue
    }
    // format lines 1–5 precede the FM line; addressee lists after it skip their regexes
    const envelopeLine = origin === null && to === null && info === null
    const can = envelopeLine ? envelopeCandidates(c0) : 0
    if ((can & CAN_FL1) !== 0 && (m = FL1.exec(t)) && !envelope.transmission) {
      envelope.transmission = { channel: m[1], sequence: m[2] }
      lineSpans.transmission = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((can & CAN_FL2) !== 0 && (m = FL2.exec(t)) && !envelope.routing) {
      envelope.routing = { prosign: m[1], routes: m[2].trim().split(/\s+/) }
      lineSpans.routing = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((can & CAN_ROUTES) !== 0 && envelope.routing && !envelope.station && kinds[kinds.length - 1] === 'envelope' && ROUTES_ONLY.test(t)) {
      envelope.routing.routes.push(...t.trim().split(/\s+/))
      lineSpans.routing = { start: lineSpans.routing!.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((can & CAN_FL3) !== 0 && (m = FL3.exec(t)) && !envelope.station) {
      envelope.station = { route: m[1], serial: m[2], section: m[3] ?? null, filed: m[4] }
      lineSpans.station = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((can & CAN_FL4) !== 0 && (m = FL4.exec(t)) && !envelope.security) {
      envelope.security = { opsig: m[1], group: m[2] + m[3], signals: m[4].trim() ? m[4].trim().split(/\s+/) : [] }
      lineSpans.security = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((can & CAN_FL5) !== 0 && (m = FL5.exec(t)) && !envelope.dtg) {
      envelope.dtg = {
        precedence: m[1] ? m[1].toUpperCase().split(/\s/) : [],
        day: m[2],
        time: m[3],
        month: m[4],
        year: m[5],
        signals: m[6].trim() ? (m[6].trim().startsWith('(') ? [m[6].trim()] : m[6].trim().split(/\s+/)) : [],
      }
      lineSpans.dtg = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    // a DTG without its year, tried only where a whole one failed (a line of digits and a month, so rare)
    if ((can & CAN_FL5) !== 0 && !envelope.dtg && yearlessDtg === null && (m = FL5_NO_YEAR.exec(t))) {
      yearlessDtg = { precedence: m[1] ? m[1].toUpperCase().split(/\s/) : [], day: m[2], time: m[3], month: m[4].toUpperCase() }
      lineSpans.dtg = { start: line.start, end: line.end }
      kinds.push('envelope')
      continue
    }
    if ((c0 | 0x20) === 0x66 /* F, f */ && origin === null && (m = FM_LINE.exec(t)) && isAddressLine(m)) {
      origin = collapseSpace(pladText(m[2]))
      originSpan = { start: line.start + m[1].length, end: line.start + m[1].length + m[2].length }
      list = null
      kinds.push('from')
      continue
    }
    if ((c0 | 0x20) === 0x74 /* T, t */ && to === null && (m = TO_LINE.exec(t)) && !LEGACY_PAGE.test(m[2]) && isAddressLine(m)) {
      to = openList('to', m, line)
      continue
    }
    // `INFO  LOG-00 …` is a legacy distribution list, not addressees
    if ((c0 | 0x20) === 0x69 /* I, i */ && info === null && (origin !== null || to !== null) && (m = INFO_LINE.exec(t)) && !DISTRIBUTION.test(m[2]) && isAddressLine(m)) {
      info = openList('info', m, line)
      continue
    }
    if (c0 === 88 /* X */ && (m = /^(\s*XMT\s*\/?\s*)(\S.*)$/.exec(t))) {
      inXmt = true
      excludeFrom(lastCollective, m[2], line, index, diagnostics)
      kinds.push('xmt')
      continue
    }
    if (c0 === 80 /* P */ && LEGACY_PAGE.test(t)) {
      kinds.push('pageHeader')
      continue
    }
    if (list && (to !== null || info !== null) && refusedKeywordLine(t, c0)) {
      // an FM, TO or INFO line the checks above refused (`info` before no addressee syntax, a distribution list
      // `INFO LOG-00 …`) ends the open list: it is never an addressee named `INFO …`
      list = null
      inXmt = false
      kinds.push('headerOther')
      continue
    }
    if (list && (to !== null || info !== null)) {
      // an exclusion is a bare PLAD; a line with a routing indicator or a precedence word is a new addressee
      if (inXmt && lastCollective && !/^\s*[A-Z]{4,8}\s?\//.test(t) && !PRECEDENCE_WORD.test(` ${t.trim()}`) && !isCollective(t.trim())) {
        excludeFrom(lastCollective, t, line, index, diagnostics)
        kinds.push('xmt')
      } else {
        inXmt = false
        addAddressee(t, line, t.length - t.trimStart().length)
        kinds.push(listKind)
      }
      continue
    }
    kinds.push('headerOther')
  }
  return { envelope, origin, originSpan, to, info, kinds, lineSpans, partial, yearlessDtg: envelope.dtg ? null : yearlessDtg }
}

function excludeFrom(collective: Addressee | null, text: string, line: Line, index: LineIndex, diagnostics: Diagnostic[]) {
  const name = collapseSpace(text.trim())
  if (collective?.excluded) {
    collective.excluded.push(name)
    return
  }
  diagnostics.push({
    code: 'XMT_WITHOUT_COLLECTIVE',
    severity: 'warning',
    message: `XMT \`${name}\` follows no collective addressee`,
    span: index.span(line.start, line.end),
  })
}

/**
 * True when line `i` opens a message's envelope (spec §4.3): an FL1 `VZCZC…` line with the DTG line and the FM line
 * of the same envelope within the next lines. A class line above such an envelope is no class line of the message
 * but a printout's banner (an e-mail system's `S E C R E T        DOHA 00214` above its distribution lines).
 */
export function opensEnvelope(lines: readonly { text: string }[], i: number): boolean {
  if (!FL1.test(lines[i].text)) return false
  let dtg = false
  for (let j = i + 1; j < lines.length && j <= i + 10; j++) {
    const t = lines[j].text
    if (FL5.test(t)) dtg = true
    else if (isFmLine(t)) return dtg
  }
  return false
}

/**
 * The line where a header block opens: `from` when its line can open a telegram; else the first line within the
 * next 40 that opens one after an empty line (an FL1 or DTG line with its FM line below), under a block that is no
 * header (a copy's office distribution list `INFO  LOG-00 …`); -1 when there is none.
 */
export function headerOpening(lines: readonly { text: string; blank: boolean }[], from: number): number {
  if (from >= lines.length) return -1
  if (looksLikeHeaderLine(lines[from].text)) return from
  for (let i = from + 1; i < lines.length && i <= from + 40; i++) {
    if (!lines[i - 1].blank || lines[i].blank) continue
    const t = lines[i].text
    if (!FL1.test(t) && !FL5.test(t)) continue
    for (let j = i + 1; j < lines.length && j <= i + 10; j++) if (isFmLine(lines[j].text)) return i
  }
  return -1
}

/**
 * A lone DTG line below a partial record's notice (empty lines between): the index of the line after it, or -1.
 * A publisher keeps the DTG of some partial records on a line of its own (`292031Z Sep 05`).
 */
export function partialNoticeDtgEnd(lines: readonly { text: string; blank: boolean }[], from: number): number {
  if (from >= lines.length || !PARTIAL.test(lines[from].text)) return -1
  let j = from + 1
  while (j < lines.length && lines[j].blank) j++
  return j < lines.length && FL5.test(lines[j].text) ? j + 1 : -1
}

/** True for header lines that can open a telegram (used to tell a header from a body-only fragment). */
export function looksLikeHeaderLine(text: string): boolean {
  return FL1.test(text) || FL5.test(text) || isFmLine(text) || PARTIAL.test(text) || FL2.test(text) || isToLine(text) || FL5_NO_YEAR.test(text)
}

export { isCollective }
