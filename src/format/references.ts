import { isDigitCode, isSpaceCode } from './char-codes.js'
import { collapseSpace } from './lines.js'
import { buildId, isTelegramWord, originRepairOf, REFERENCE_ID } from './ids.js'
import { isStation } from './stations.js'
import { looksLikeMark } from './marking.js'
import type { ReferenceKind } from './model.js'

/**
 * The REF block (spec §5.9): lettered items, each resolved to a reference id where it names a cable.
 *   REF: A. TBILISI 1605  B. 06 TBILISI 2601 (NOTAL)  C. LEE-GOLDSTEIN EMAIL 05/11/07
 *        ^item A          ^item B                    ^item C (no cable)
 */
// `REF(S)` ends in a parenthesis, after which no word boundary stands; a label without colon needs an enumerator after it
export const REF_LABEL = /(?:^|(?<=\s))(?:(?:REFS?|REFTELS?|REFERENCES?)\b|REF\(S\))\s*[:.]\s*|^[ \t]*(?:REFS?|REFTELS?)\s+(?=\(?[A-Z]\s?[.)])/im

export interface RefItem {
  letter: string | null
  text: string
  id: string | null
  kind: ReferenceKind
  start: number
  end: number
}

/** What a REF item names: a cable, or a non-cable source kept with its kind (spec §5.9). */
export type { ReferenceKind }

/** Who is citing: the year for items that state none, the MRN origin for EMBTEL/OURTEL, the own id. */
export interface Citing {
  year: string | null
  /** The citing cable's MRN origin (`QUORIN`), for telegram words that mean "our own telegram". */
  origin: string | null
  /**
   * The id origin of the citing cable's one action addressee (`STATE` for a post's cable to the Department), for
   * URTEL/YOURTEL ("your telegram"); null or absent when there is none, several, or one that is no station.
   */
  addressee?: string | null
  /**
   * Citations already read in this parse: the parser reads the REF items when it splits the block and again, as
   * lists, once the cable's id is known (`finishReferences`); the second reading of an item finds what the first
   * found. Every function here that reads an item with this `Citing` uses it.
   */
  memo?: CitationMemo
}

/** What `citeIn` found for the items read in one context (year, citing origin, addressee), by item. */
export interface CitationReadings {
  get(item: string): Citation | null | undefined
  set(item: string, found: Citation | null): unknown
}

interface MemoContext {
  year: string | null
  origin: string | null
  addressee: string | null
  readings: Map<string, Citation | null>
}

/**
 * What `citeIn` found for an item, by the year, citing origin and addressee it was read with (the context) and then
 * by the item. A parse reads its items in a few contexts, so the readings of the last two are kept at hand: a context
 * is compared field by field, and no key string is built per item (joining the context and the item into one key,
 * and hashing that, was about a tenth of reading the REF items).
 */
export class CitationMemo {
  private readonly contexts = new Map<string, Map<string, Citation | null>>()
  // the two contexts asked last: an item is read with the cable's year and, to tell whether it names a cable at all,
  // with a stand-in year (ANY_YEAR), alternately
  private last: MemoContext | null = null
  private before: MemoContext | null = null

  /** The readings made with this year (`defaultYear`), citing origin and action addressee origin (null: none). */
  readings(year: string | null, origin: string | null, addressee: string | null): CitationReadings {
    const last = this.last
    if (last !== null && year === last.year && origin === last.origin && addressee === last.addressee) return last.readings
    const before = this.before
    if (before !== null && year === before.year && origin === before.origin && addressee === before.addressee) {
      this.before = last
      this.last = before
      return before.readings
    }
    // null written as `null`, which no year (digits), origin or addressee (capitals) is spelled as
    const key = `${year}\u0000${origin}\u0000${addressee}`
    let readings = this.contexts.get(key)
    if (readings === undefined) {
      readings = new Map()
      this.contexts.set(key, readings)
    }
    this.before = last
    this.last = { year, origin, addressee, readings }
    return readings
  }

  /** How many readings the memo holds, over all contexts. */
  get size(): number {
    let n = 0
    for (const readings of this.contexts.values()) n += readings.size
    return n
  }
}

// A., A), (A), A: at a word boundary, in either case (`Ref: a. … b. …`); `A. A)` doubled enumerators count once.
const ENUMERATOR = /(?:^|(?<=\s))(?:\(([A-Za-z])\)|([A-Za-z])\s?[.):])(?=\s|[A-Za-z0-9(])/g

/**
 * What a telegram-type word means (spec §5.9): `STATE` the Department's telegrams, `OWN` the citing post's,
 * `ADDRESSEE` the telegrams of the post the citing cable is addressed to, `REFERENCE` "the telegram referred to"
 * (which names no origin itself: the cable it stands for is the one written after it, if any).
 */
export type TelegramWordMeaning = 'STATE' | 'OWN' | 'ADDRESSEE' | 'REFERENCE'

/**
 * The stems of telegram-type words, the word without its `TEL`/`TELS` ending (`DEPCIRTEL` → `DEPCIR`), and what
 * they mean. Data, not code: a word ending in TEL(S) whose stem is neither here nor a station (`NAIROBITEL`,
 * `USUNTEL` are the station's) is a telegram-type word of unknown meaning and builds no id
 * (`telegramWordOrigin`).
 */
export const TELEGRAM_WORD_STEMS: Readonly<Record<string, TelegramWordMeaning>> = {
  DEP: 'STATE',
  // Stryker disable next-line StringLiteral: DEPT is also an alias of STATE (data/origin-aliases.ts), so the station lookup of an unlisted stem gives STATE as well
  DEPT: 'STATE',
  DEPART: 'STATE',
  // Stryker disable next-line StringLiteral: an alias of STATE too, as DEPT above
  DEPARTMENT: 'STATE',
  DEPCIR: 'STATE',
  DEPTCIR: 'STATE',
  CIR: 'STATE',
  CIRC: 'STATE',
  EMB: 'OWN',
  OUR: 'OWN',
  MY: 'OWN',
  CON: 'OWN',
  CONGEN: 'OWN',
  CONSUL: 'OWN',
  MISSION: 'OWN',
  USMISSION: 'OWN',
  LEG: 'OWN',
  UR: 'ADDRESSEE',
  YOUR: 'ADDRESSEE',
  REF: 'REFERENCE',
}

/** A word ending in TEL or TELS (letters only, upper case): the shape of a telegram-type word. */
// Stryker disable next-line Regex: its words are letters only and end in TEL(S) (isTelegramWord), so without `^` the match starts at 0 all the same, and without `$` the lazy stem ends at an earlier TEL only in a word holding TEL twice after its first letter, which no station or stem does
const TEL_WORD = /^([A-Z]+?)TELS?$/

/**
 * The id origin of a cable's one action addressee (`SECSTATE WASHDC` → `STATE`, `AMEMBASSY NAIROBI` →
 * `NAIROBI`), what URTEL/YOURTEL in its REF block point to; null when the TO line names none, several, or one that
 * is no station (a collective, an unknown office): then "your telegram" is nobody's the text can tell.
 */
export function actionAddresseeOrigin(to: readonly { name: string }[] | null | undefined): string | null {
  if (!to || to.length !== 1) return null
  const r = originRepairOf(to[0].name)
  return r.kind === 'known' || r.kind === 'repaired' ? r.origin : null
}

/**
 * The stem of a telegram-type word (`URTEL` → `UR`, `DEPTELS` → `DEP`, `NAIROBITEL` → `NAIROBI`), null when
 * `word` (letters only, upper case) is no such word: it does not end in TEL(S), or it is a station's name.
 */
export function telegramWordStem(word: string): string | null {
  const m = TEL_WORD.exec(word)
  if (!m || !isTelegramWord(word)) return null
  return m[1]
}

/**
 * What a telegram-type word stands for where an origin goes: `{ origin }` the id origin it means (STATE, the
 * citing post, the addressee, the station its stem names: `NAIROBITEL` → NAIROBI), `{ origin: null, reason }`
 * when the meaning cannot be known here, `{ reference: true }` for REFTEL (no origin of its own), and null when
 * `word` is no telegram-type word.
 */
export function telegramWordOrigin(
  word: string,
  citing: Pick<Citing, 'origin' | 'addressee'>,
): { origin: string; reference?: false } | { origin: null; reference: boolean; reason: string } | null {
  const stem = telegramWordStem(word)
  if (stem === null) return null
  const meaning = TELEGRAM_WORD_STEMS[stem]
  if (meaning === 'STATE') return { origin: 'STATE' }
  if (meaning === 'OWN') return citing.origin ? { origin: citing.origin } : { origin: null, reference: false, reason: 'the citing post is unknown' }
  if (meaning === 'ADDRESSEE') {
    return citing.addressee ? { origin: citing.addressee } : { origin: null, reference: false, reason: 'the cable has no single action addressee' }
  }
  if (meaning === 'REFERENCE') return { origin: null, reference: true, reason: 'it names the telegram referred to, not its origin' }
  // a station's own telegram (`NAIROBITEL`, `USUNTEL`)
  const station = originRepairOf(stem)
  if (station.kind === 'known') return { origin: station.origin }
  return { origin: null, reference: false, reason: 'its meaning is unknown' }
}

/** Words that name a non-cable source, by kind; the first kind found in an item wins. */
const NON_CABLE_KINDS: [ReferenceKind, RegExp][] = [
  ['email', /\b(?:E-?MAILS?|EMAILED)\b/i],
  ['fax', /\b(?:FAX|FAXES|TELEFAX|FACSIMILE)\b/i],
  ['memo', /\b(?:MEMO|MEMOS|MEMCON|MEMCONS|MEMORANDUM|MEMORANDA|NOTES?\s+OF\s+MEETING)\b/i],
  ['letter', /\b(?:LETTER|LETTERS|DIPNOTE|DIPLOMATIC\s+NOTE|NOTE\s+VERBALE)\b/i],
  ['meeting', /\b(?:MEETING|MEETINGS|TELCON|TELECON|PHONE\s+CALL|CONVERSATION|DISCUSSIONS?|VIDEO\s?CONFERENCE|DVC|CALL)\b/i],
  ['report', /\b(?:REPORT|REPORTS|IIR|TD-\d|INTSUM|SPOTREP|SITREP|STUDY|ASSESSMENT)|^TD-?\d/i],
]

/** The kind of a REF item that names no cable. */
export function referenceKind(text: string): ReferenceKind {
  for (const [kind, re] of NON_CABLE_KINDS) if (re.test(text)) return kind
  return 'other'
}

const MONTH = /^(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)$/

const NOT_ORIGIN =
  /\b(?:PARA|PARAS|PARAGRAPH|NO|NUMBER|ITEM|OF|SECTION|PART|PREVIOUS|EMAIL|E-MAIL|FAX|LETTER|MEMO|MEMCON|TELCON|DIPNOTE|NOTE|REPORT|IIR|DATED|PAGE|AND|THE|ON|IN|TO|FOR|CODEL|FY|PL|USC|UNSCR|RES|RESOLUTION|DOC|DOCUMENT|TAB|ANNEX|ARTICLE|LAW|DECREE|BILL|HR|S|CFR|ORDER|PRESS|GUIDANCE|CIRCULAR|MESSAGE|MSG|CABLE)\b/

/**
 * Words of a sentence where an origin goes (a REF block run on into the text): several words ending in a month
 * (`FELL SICK FEBRUARY 2`: a date), or several words written in lower or mixed case or holding a sentence's full
 * stop (`cases with 93`, `Brazil. An estimated 1800`) that name no station of the directory (`Sao Paulo 276` does).
 * `origin` is the upper-cased candidate, `written` the text it was read from.
 */
function isProse(origin: string, written: string): boolean {
  // Stryker disable next-line Regex: the origin is letters, blanks, . ' - from a letter to its last letter, so its words are the same whether one blank or a run of them parts them (an empty word is no month and counts only beyond two)
  const words = origin.split(/\s+/)
  if (words.length < 2) return false
  if (MONTH.test(words[words.length - 1])) return true
  if (!/[a-z]/.test(written) && !/\.\s/.test(origin)) return false
  const r = originRepairOf(origin)
  return r.kind !== 'known' && r.kind !== 'repaired'
}

/** A cable named in a REF item, and whether the item wrote its year or the citing cable's year was taken. */
export interface CitedCable {
  id: string
  /** `written`: the item states the year (`06 LIMA 12`, `LIMA 12 (06)`, `KABUL 5679 06`); `citing`: it states none. */
  year: 'written' | 'citing'
}

/** `06` → 2006, `75` → 1975, `2004` → 2004 (Cablegate's two-digit years run from 66: 66…99 are 19xx). */
export function fullYear(year: string | number): number {
  const n = Number(year)
  if (String(year).length > 2) return n
  return n >= 66 ? 1900 + n : 2000 + n
}

// A year written after the serial: `(06)`, `(2004)`, or bare (`KABUL 5679 06`, `MOSCOW 3242 2008`). The bare form
// must end the item or stand before a separator or a caption: a number followed by more words is something
// else (`12 NOV 2009` a date, `2008 SAO PAULO 542` the next cable's leading year, `3/30/09` a date).
const TRAILING_YEAR = /^(?:\s*\(\s*((?:19|20)?\d{2})\s*\)|\s+((?:19|20)?\d{2})(?=\s*(?:$|[,;:)]|\.(?:\s|$)|\((?!\d))))/
// How far back a bare two-digit year after the serial may reach: further back, `06` is more likely a count or a
// day than the year of a cable cited from a later one
const BARE_YEAR_SPAN = 10

/**
 * The year written after a serial (`rest` is the item text after it), or null when none is written or the number
 * there cannot be this cable's year. A year is never after the citing cable's (`citingYear`; a cable cannot cite
 * a later one) nor before 1966; a bare two-digit number (no parentheses) counts only when the citing year is known
 * and it lies at most `BARE_YEAR_SPAN` years before it: `STATE 1234 12` in a 2006 cable is no year.
 */
function trailingYear(rest: string, citingYear: number | null): number | null {
  const m = TRAILING_YEAR.exec(rest)
  if (!m) return null
  const written = m[1] ?? m[2]
  const year = fullYear(written)
  if (year < 1966 || (citingYear !== null && year > citingYear)) return null
  if (m[2] !== undefined && written.length === 2 && (citingYear === null || citingYear - year > BARE_YEAR_SPAN)) return null
  return year
}

/**
 * Finds the cited cable in one item: `[year] ORIGIN SERIAL [year]`, the year written before the origin or after
 * the serial (spec §5.9, §10: `2007`, `07`, `(07)`), else the citing cable's year (`defaultYear`, two or four
 * digits); telegram-type words mapped to origins (`DEPTEL 45678` → STATE, `EMBTEL 1234` → the citing post,
 * `URTEL 4490` → the one action addressee: `telegramWordOrigin`), or skipped when their post cannot be known.
 * `citing` is the citing MRN origin, or that and the action addressee's origin (`Citing`).
 *   06 TBILISI 2601   (07) STATE 071143   2007 MADRID 4554   LIMA 4516 (06)   KABUL 5679 06   State 29549
 * Null when the item names no cable, or names one without a year and `defaultYear` is null.
 */
export function citeCable(item: string, defaultYear: string | null, citing: string | null | Pick<Citing, 'origin' | 'addressee'> = null): CitedCable | null {
  const found = citeIn(item, defaultYear, citing)
  return found && { id: found.id, year: found.year }
}

/** `citeCable` with what list reading needs besides: the written year, and whether the item ends at the citation. */
export interface Citation extends CitedCable {
  /** The two-digit year the item writes, null when it takes the citing cable's. */
  writtenYear: string | null
  /** Nothing but a year or a caption in parentheses follows the serial: a bare number after it continues the list. */
  ends: boolean
}

// what may follow the serial of a citation that a list of serials continues: a year, a caption, a full stop
const CITATION_END = /^\s*(?:\(\s*(?:19|20)?\d{2}\s*\)\s*)?(?:\([A-Z ]{2,12}\)\s*)?\.?\s*$/i

/** The citing cable's full year from a default year of two to four digits; null for one that is no year (`ANY_YEAR` is one). */
function citingYearOf(defaultYear: string | null): number | null {
  return defaultYear?.match(/^\d{2,4}$/) ? fullYear(defaultYear) : null
}

function citeIn(item: string, defaultYear: string | null, citing: string | null | Pick<Citing, 'origin' | 'addressee' | 'memo'>): Citation | null {
  const who: Pick<Citing, 'origin' | 'addressee' | 'memo'> = typeof citing === 'object' && citing !== null ? citing : { origin: citing, addressee: null }
  // what readCitation finds depends on these four only (the tables it reads are constants); a citing post given
  // as a bare origin comes with no memo
  const memo = who.memo
  if (memo === undefined) return readCitation(item, defaultYear, who)
  // an absent addressee reads as none
  const readings = memo.readings(defaultYear, who.origin, who.addressee ?? null)
  let found = readings.get(item)
  if (found === undefined) {
    found = readCitation(item, defaultYear, who)
    readings.set(item, found)
  }
  return found
}

function readCitation(item: string, defaultYear: string | null, who: Pick<Citing, 'origin' | 'addressee'>): Citation | null {
  const re = /(?:^|[\s(,;:])(?:\(?((?:19|20)?\d{2})\)?\s+)?([A-Za-z][A-Za-z .'-]{1,28}?)\s+(?:NO\.?\s*)?0*(\d{1,7})(?![/:.]\d)(?=$|[\s),;:.])/g
  // a default year that is no year (not two to four digits) leaves the citing year unknown: no bare number is judged by it
  const citingYear = citingYearOf(defaultYear)
  for (let m = re.exec(item); m; m = re.exec(item)) {
    // the origin ends at its last letter: the blanks before the serial go to `\s+`
    let origin = m[2].toUpperCase()
    // a leading joining word (`AND VELLORA 1603`, `OF STATE 12`) is no part of the origin, nor is a leading
    // telegram-type word or REF label before another origin (`REFTEL KABUL 2245`, `REF A STATE 12`)
    origin = origin.replace(/^(?:(?:AND|OR|ALSO|SEE|SEPTEL|PER|VIA|IN|ON|OF|TO|BY|FROM|THE|REF(?:\s+[A-Z](?=\s))?)\s+)+/, '')
    const lead = /^([A-Z]+)\s+(?=[A-Z])/.exec(origin)
    if (lead && telegramWordStem(lead[1]) !== null) origin = origin.slice(lead[0].length)
    const tel = telegramWordOrigin(origin.replace(/[^A-Z]/g, ''), who)
    // DEPTEL → the Department, EMBTEL → the citing post, URTEL → the addressee; a word whose post is unknown
    // here (or REFTEL, which names none) builds no id: never one whose origin is the word itself
    if (tel) {
      if (tel.origin === null) continue
      origin = tel.origin
    }
    // a station's own name may hold such a word (PORT OF SPAIN, USDEL OPCW THE HAGUE)
    if ((NOT_ORIGIN.test(origin) && !isStation(origin.replace(/[^A-Z]/g, ''))) || origin.split(/\s+/).length > 4) continue
    // a date (`MARCH 12`, `SEPT 30`) is no cable; a station that begins like a month (MARSEILLE) is
    if (MONTH.test(origin)) continue
    if (isProse(origin, m[2])) continue
    // a year before the origin wins over a number after the serial (`74 TESSIN 12 (75)`)
    const written = m[1] ?? trailingYear(item.slice(re.lastIndex), citingYear)?.toString() ?? null
    const id = buildId(written ?? defaultYear, origin, m[3])
    if (id && REFERENCE_ID.test(id)) {
      return { id, year: written !== null ? 'written' : 'citing', writtenYear: written === null ? null : id.slice(0, 2), ends: CITATION_END.test(item.slice(re.lastIndex)) }
    }
  }
  return null
}

// a piece of a list that names a serial alone, the origin (and year) being the cable's before it: `14`, `NO. 16`,
// `4520 (06)`, `0389 (NOTAL)`
const BARE_SERIAL = /^(?:NO\.?\s*)?0*(\d{1,7})(?=$|\s*\(|\s*\.$)/i
const ID_SHAPE = /^(\d{2})([A-Z]+)(\d+)$/

/**
 * A four-digit number alone after a cable (`MOSCOW 3242, 2008`) that is more likely the year of that cable than
 * another serial: it lies between 1966 and the citing year (2010 when unknown) and far from the serial before it
 * (serials of one list run close together: `PARIS 1990, 1995`).
 */
function readsAsYear(serial: string, previous: number, citingYear: number | null): boolean {
  // four digits by the range alone: a bare serial has no leading zero, and a citing year has four digits at most
  const n = Number(serial)
  return n >= 1966 && n <= (citingYear ?? 2010) && Math.abs(n - previous) > 500
}

/**
 * The cables the pieces of one list name, in order (spec §5.9: `STATE 1234 AND 5678`, `08 PARIS 12, 14 AND 16`,
 * `LIMA 4516 (06) AND LIMA 4520`): each piece is read by `citeCable`; a piece that is a serial alone takes the
 * origin and year of the cable named just before it, when that piece ended at its citation (`STATE 12 OF MARCH 3,
 * 2008` names no cable 2008); a cable of the same origin as the one before, its year unwritten, takes that one's
 * written year. A year carried over counts as written. Null for a piece that names no cable.
 */
export function citeList(pieces: readonly string[], defaultYear: string | null, citing: string | null | Pick<Citing, 'origin' | 'addressee' | 'memo'> = null): (CitedCable | null)[] {
  const out: (CitedCable | null)[] = []
  let prev: Citation | null = null
  const citingYear = citingYearOf(defaultYear)
  for (const raw of pieces) {
    const piece = raw.trim()
    let cited = citeIn(piece, defaultYear, citing)
    const before: RegExpExecArray | null = prev && ID_SHAPE.exec(prev.id)
    if (!cited && prev?.ends && before) {
      const bare = BARE_SERIAL.exec(piece)
      // a serial alone, then nothing but a year or a caption
      if (bare) {
        const rest = piece.slice(bare[0].length)
        if (CITATION_END.test(rest)) {
          const own = trailingYear(rest, citingYear)
          // Stryker disable next-line UnaryOperator: trailingYear gives a four-digit year (1966 on), whose last two digits slice(2) takes too
          const year: string | null = own !== null ? String(own).slice(-2) : prev.writtenYear
          const id = buildId(year ?? defaultYear, before[2], bare[1])
          // Stryker disable next-line ConditionalExpression,LogicalOperator: never null nor of another shape (an origin of 4–17 letters from a cited id, 1–7 digits, a year the cable before had), so only readsAsYear decides
          if (id && REFERENCE_ID.test(id) && !readsAsYear(bare[1], Number(before[3]), citingYear)) cited = { id, year: year !== null ? 'written' : 'citing', writtenYear: year, ends: true }
        }
      }
    } else if (cited && cited.writtenYear === null && prev?.writtenYear && before) {
      const parts = ID_SHAPE.exec(cited.id)
      if (parts && parts[2] === before[2]) cited = { ...cited, id: `${prev.writtenYear}${parts[2]}${parts[3]}`, year: 'written', writtenYear: prev.writtenYear }
    }
    out.push(cited && { id: cited.id, year: cited.year })
    prev = cited ?? null
  }
  return out
}

/** The id of the cable an item cites (`citeCable`), null when it names none. */
export function citedId(item: string, defaultYear: string | null, citing: string | null | Pick<Citing, 'origin' | 'addressee'> = null): string | null {
  return citeCable(item, defaultYear, citing)?.id ?? null
}

/**
 * The year before a two-digit year (`09` → `08`, `00` → `99`): a same-post citation of a later serial than the
 * citing cable's own is of the year before (serials run up through a year, spec §6).
 */
export function previousYear(yy: string): string {
  return String((fullYear(yy) - 1) % 100).padStart(2, '0')
}

/**
 * Where the body of the text starts inside a REF value run on into it (a copy that lost its line breaks, a block
 * with no blank line after it): the shapes that open a paragraph or a portion, never an item (spec §5.9, §5.10).
 * Each alternative starts a word (start of the value or after white space):
 * 1. a paragraph number with a portion mark: `1.(SBU)`, `2. (U)`;
 * 2. a paragraph number before a capital: `1.The`, `1.  In response` (its number after a serial, a year, a
 *    parenthesis or a full stop, so `PARA 3. BERN 45` stays an item);
 * 3. a portion mark before a capitalised word: `(SBU) Poloff delivered`, `(U) Embassy London has`;
 * 4. a rule of four or more dashes, underscores or equals signs (`------- SUMMARY -------`);
 * 5. a SUMMARY label (`SUMMARY:`, `Summary:`, `BEGIN SUMMARY`);
 * 6. a capitalised word after a serial: `CAIRO 2103 Sensitive but …`, `STATE 102414 We delivered …`.
 * Groups: 1 the mark after a number, 2 a number before a capital, 3 a mark before a capital, 4 a capitalised word.
 */
const BODY_OPENING =
  /(?<!\S)(?:\d{1,2}\.[ \t]{0,3}\(([^()\n]{1,16})\)|(\d{1,2})\.[ \t]{0,3}(?=[A-Z])|\(([^()\n]{1,16})\)(?=\s+[A-Z])|-{4,}|_{4,}|={4,}|(?:BEGIN\s+)?SUMMARY\s*:|Summary\s*:|([A-Z][a-z]+)(?=[ \t]+[a-z]{2,}\b))/g
/** A capitalised word that follows a serial as part of an item: a month (`12 May`), a paragraph (`Para 3`). */
const ITEM_WORD = /^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Paras?|Paragraphs?|And|Or|Notal)$/
/** The mark's following words hold one in lower case (a sentence: `(U) Pol/Econ Chief delivered`), within eight words. */
const SENTENCE_AHEAD = /^\s+\S+(?:\s+\S+){0,7}?\s+[a-z]{2,}/

/**
 * Where the references of a REF value (its label removed) end: the offset of the first body opening
 * (`BODY_OPENING`) that is one, else the value's length. A parenthesised single letter that is the next
 * enumerator of a `(A) … (B) …` list is an item, not the `(C)` mark.
 *
 * @example
 *   referencesEnd('STATE 146857 (U) Pol/Econ Chief delivered reftel points') // 13
 *   referencesEnd('A. STATE 12 (NOTAL) B. STATE 14')                          // the whole value
 */
export function referencesEnd(value: string): number {
  BODY_OPENING.lastIndex = 0
  for (let m = BODY_OPENING.exec(value); m; m = BODY_OPENING.exec(value)) {
    if (m.index === 0) continue
    if (m[1] !== undefined) {
      if (looksLikeMark(m[1])) return m.index
    } else if (m[2] !== undefined) {
      const c = codeBefore(value, m.index)
      if (isDigitCode(c) || c === 0x2e /* . */ || c === 0x29 /* ) */) return m.index
    } else if (m[3] !== undefined) {
      const after = value.slice(m.index + m[0].length, m.index + m[0].length + 200)
      if (looksLikeMark(m[3]) && SENTENCE_AHEAD.test(after) && !nextEnumerator(value, m.index, m[3])) return m.index
    } else if (m[4] !== undefined) {
      if (isDigitCode(codeBefore(value, m.index)) && !ITEM_WORD.test(m[4])) return m.index
    } else {
      return m.index
    }
  }
  return value.length
}

/** The char code of the last character other than white space before `at` (NaN at the value's start). */
function codeBefore(value: string, at: number): number {
  let i = at - 1
  while (i >= 0 && isSpaceCode(value.charCodeAt(i))) i--
  return value.charCodeAt(i)
}

/** Whether `(X)` at `at` is the enumerator after the last parenthesised letter before it (`(B) … (C)`). */
function nextEnumerator(value: string, at: number, letter: string): boolean {
  if (letter.length !== 1) return false
  let last: string | null = null
  for (const m of value.slice(0, at).matchAll(/\(([A-Za-z])\)/g)) last = m[1]
  return last !== null && last.toUpperCase().charCodeAt(0) + 1 === letter.toUpperCase().charCodeAt(0)
}

/**
 * Splits a REF value (label removed) into items with offsets in `value`: lettered items (`A.`, `b)`, `(C)`)
 * or, without letters, every cable an unlettered list names (`QUORIN 1091: QUORIN 263; VELLORA 1603`).
 */
export function splitReferences(value: string, citing: Citing): RefItem[] {
  const marks: { letter: string; start: number; end: number }[] = []
  let lower: boolean | null = null
  ENUMERATOR.lastIndex = 0
  for (let m = ENUMERATOR.exec(value); m; m = ENUMERATOR.exec(value)) {
    const written = m[1] ?? m[2]
    const isLower = written !== written.toUpperCase()
    // a list is lettered in one case: the first enumerator decides; a lower-case list starts at `a`
    if (lower === null && isLower && written !== 'a') continue
    if (lower !== null && isLower !== lower) continue
    const letter = written.toUpperCase()
    const prev = marks[marks.length - 1]
    // `A. A) STATE 1`: a doubled enumerator names the same item
    if (prev && prev.letter === letter && value.slice(prev.end, m.index).trim() === '') {
      prev.end = m.index + m[0].length
      continue
    }
    // letters run A, B, C…; a list may start elsewhere, and a letter that opens a line starts an item in any order
    const expected = prev ? String.fromCharCode(prev.letter.charCodeAt(0) + 1) : letter
    if (letter !== expected && !(opensLineAt(value, m.index) && !isLower)) continue
    lower ??= isLower
    marks.push({ letter, start: m.index, end: m.index + m[0].length })
  }
  const items: RefItem[] = []
  if (marks.length === 0) return unletteredItems(value, citing)
  for (let i = 0; i < marks.length; i++) {
    const stop = i + 1 < marks.length ? marks[i + 1].start : value.length
    const raw = value.slice(marks[i].end, stop)
    // an item naming several cables (`A. STATE 1234 AND 5678`) gives a reference for each, all under its letter
    const several = listCables(raw, marks[i].end, marks[i].letter, citing)
    if (several) {
      several[0].start = marks[i].start
      items.push(...several)
      continue
    }
    const text = cleanItem(raw)
    const lead = raw.length - raw.trimStart().length
    items.push(item(marks[i].letter, text, citing, marks[i].start, marks[i].end + lead + raw.trim().length))
  }
  return items
}

/**
 * Whether only blanks and tabs stand between the line start (or the value's start) and `at`:
 * `/^[ \t]*$/.test(value.slice(value.lastIndexOf('\n', at) + 1, at))`, read back from `at` over the blanks only.
 * The search for the line start went back over the whole line for every enumerator, which on a REF run on into a
 * text of one long line (a web rendering's 50 KB paragraph line) was quadratic.
 */
function opensLineAt(value: string, at: number): boolean {
  // asked only for an enumerator after the first (the first is always the expected letter), so the item before it
  // stands between the value's start and \`at\`: the scan meets it (or a line break) before index 0
  let i = at - 1
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the scan stops at the item before, above index 0
  while (i >= 0 && (value.charCodeAt(i) === 32 || value.charCodeAt(i) === 9)) i--
  // Stryker disable next-line ConditionalExpression,EqualityOperator: i is that item's last character, above index 0
  return i < 0 || value.charCodeAt(i) === 10
}

// separators of a list: `;` `,` `:` and AND (`QUORIN 1091: QUORIN 263 AND VELLORA 1603`)
const LIST_SEPARATOR = /\s*(?:[;,:]|\bAND\b)\s*/gi

/** An unlettered REF: one item, or one per cable when the list names several. */
function unletteredItems(value: string, citing: Citing): RefItem[] {
  const text = cleanItem(value)
  if (!text) return []
  return listCables(value, 0, null, citing) ?? [item(null, text, citing, value.search(/\S/), value.trimEnd().length)]
}

/**
 * The cables a list names (`value`, at `offset` in the REF value), one item each under `letter`, in order, with the
 * origin and year carried over to a serial written alone (`citeList`); null when it names fewer than two, so the
 * text stays one item (`STATE 123, PARA 4`). Pieces that name no cable are dropped. Without a citing year the ids
 * stay null (the parser completes them from the cable's own id) while the pieces are still counted as cables.
 */
function listCables(value: string, offset: number, letter: string | null, citing: Citing): RefItem[] | null {
  // the pieces between separators; an empty one (`;;`, a separator at either end) names no cable
  const pieces: { start: number; end: number }[] = []
  let at = 0
  LIST_SEPARATOR.lastIndex = 0
  for (let m = LIST_SEPARATOR.exec(value); m; m = LIST_SEPARATOR.exec(value)) {
    pieces.push({ start: at, end: m.index })
    at = m.index + m[0].length
  }
  // no separator: the value names one cable at most (a shortcut: the count below returns null for its one piece too)
  // Stryker disable next-line ConditionalExpression: the shortcut; without it the one piece names fewer than two cables and the count returns null
  if (pieces.length === 0) return null
  pieces.push({ start: at, end: value.length })
  const texts = pieces.map((p) => cleanItem(value.slice(p.start, p.end)))
  const cited = citeList(texts, citing.year ?? ANY_YEAR, citing)
  if (cited.filter((c) => c !== null).length < 2) return null
  const cables: RefItem[] = []
  pieces.forEach((p, k) => {
    const c = cited[k]
    if (c === null) return
    const raw = value.slice(p.start, p.end)
    const lead = raw.length - raw.trimStart().length
    const start = offset + p.start + lead
    cables.push({ letter, text: texts[k], id: citing.year === null ? null : c.id, kind: 'cable', start, end: start + raw.trim().length })
  })
  return cables
}

// Asked only whether an item names a cable at all, citedId is given a year that is no cable's: any would do.
// Stryker disable next-line StringLiteral: buildId pads an empty year to 00, the same stand-in year
const ANY_YEAR = '00'

function item(letter: string | null, text: string, citing: Citing, start: number, end: number): RefItem {
  const id = citedId(text, citing.year, citing)
  // a cable named without a year, in a text that states none, is still a cable (its id unknown); so is one
  // named by a telegram-type word whose post cannot be known (`URTEL 4490` with several action addressees)
  // Stryker disable next-line ConditionalExpression: a year given never makes citedId null (it only joins the id), so asking again with ANY_YEAR would find no cable the call above missed
  const noYear = citing.year === null
  const cable =
    id !== null ||
    (referenceKind(text) === 'other' && ((noYear && citedId(text, ANY_YEAR, citing) !== null) || unresolvedTelegramWord(text, citing) !== null))
  return { letter, text, id, kind: cable ? 'cable' : referenceKind(text), start, end }
}

/**
 * The telegram-type word of an item that names a telegram by it with a serial (`URTEL 4490`, `REFTEL 3`,
 * `XYZTEL 12`) but whose origin cannot be known here, with why; null when there is none. For the
 * `REF_TELEGRAM_WORD` diagnostic and the kind of such an item (a cable, its id unknown).
 */
export function unresolvedTelegramWord(text: string, citing: Pick<Citing, 'origin' | 'addressee'>): { word: string; reason: string } | null {
  for (const m of text.toUpperCase().matchAll(/\b([A-Z]*TELS?)\s+(?:NO\.?\s*)?\d/g)) {
    const r = telegramWordOrigin(m[1], citing)
    if (r && r.origin === null) return { word: m[1], reason: r.reason }
  }
  return null
}

/** Item text: whitespace collapsed, a trailing separator and a page banner glued to the line end removed. */
function cleanItem(raw: string): string {
  return collapseSpace(raw)
    .trim()
    // white space is one blank by now
    .replace(/ (?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)$/, '')
    .replace(/[,;]$/, '')
}
