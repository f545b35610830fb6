import { isCaptionLine, serviceLineLength } from '../format/captions.js'
import { CLASS_WORD_ONLY } from '../format/classification.js'
import { CLASSIFIED_BY } from '../format/classified-by.js'
import { eoStatementLength } from '../format/eo.js'
import { classLineLength } from '../format/class-line.js'
import { dtgLineLength, PARTIAL_NOTICE } from '../format/header.js'
import type { SegmentKind } from '../format/model.js'
import { markWordKind } from '../format/marking.js'
import { isPageHeader } from '../format/page-header.js'
import { isClassifierStatement, signerLine } from '../format/signer-name.js'
import { isAddresseeLine } from '../format/plad-line.js'
import { enumeratorInSequence, innerMarks, MARK_WORD, markKindAfter, splitMarks, TRAILER_LINE } from './body-portions.js'
import { tagListLength, TAGS_LABEL } from '../format/tags.js'

/**
 * What of a header segment (spec §3–§5.7, §5.11) the releasable rendering may show as it stands. The parser folds
 * body text into header segments when a cable has no empty lines where the format puts them (paragraphs run on
 * after the Classified-by line, CSV-row layouts, text after the signature); a release shows only the part of a
 * segment that is what its kind says, and every other piece is a portion judged by its marks (`markIn`). Pure.
 */

/** A piece of a segment's text: `header` when it carries no portion text, otherwise portion text to judge. */
export interface Piece {
  text: string
  header: boolean
}

/** A mark at the start of a line, alone or after a paragraph or sub-item enumerator (`1.`, `¶2`, `A.`, `a)`, `(1)`, `--`). */
const MARK_AT_LINE_START = new RegExp(String.raw`^([ \t]*(?:(?:¶[ \t]*)?(?:\d{1,3}|[A-Za-z])[ \t]*[.)][ \t]*|\(\d{1,2}\)[ \t]*|-{1,2}[ \t]*)?)${MARK_WORD}`, 'gm')
/** A mark after a paragraph number inside a line (paragraphs run together on one line: `… end. 2.(S) The …`). */
const MARK_AFTER_NUMBER = new RegExp(String.raw`(?<=[\s.;:"'])(?:¶[ \t]*)?\d{1,3}[ \t]*[.)][ \t]*${MARK_WORD}`, 'g')

/**
 * Portion marks written in `text` (at a line start or after a paragraph/sub-item enumerator), each with its
 * offset in `text`: `mark` as written. A parenthesised word there counts as a mark when `markWordKind` reads it
 * as one, readable or not (`(S)`, `(SNF)`); `(a)`, `(Note …)`, `(UN)`, `(S/CT)` do not.
 */
export function marksIn(text: string): { mark: string; at: number }[] {
  const found: { mark: string; at: number }[] = []
  for (const re of [MARK_AT_LINE_START, MARK_AFTER_NUMBER]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const word = re === MARK_AFTER_NUMBER ? m[1] : m[2]
      // the words the body's portions and whole-cable access read as marks (`markWordKind`, `markKindAfter`), and no others
      if ((re === MARK_AFTER_NUMBER ? markWordKind(word, 'number') : markKindAfter(m[1], word)) === 'none') continue
      if (!found.some((f) => f.at === m!.index)) found.push({ mark: word.trim(), at: m.index })
    }
  }
  return found.sort((a, b) => a.at - b.at)
}

/**
 * A REF item's letter (spec §5.9 `["(" LETTER ")" SP+] ITEM`: `(C) THE HAGUE 2308`, `(C) 08 SAO PAULO 119`): a single
 * letter before an origin and a serial, upper case to the line end. Not a portion mark.
 */
const REF_ITEM = /^\([A-H]\)[ \t]*(?:\d{2,4}[ \t]+)?(?:[A-Z][A-Z .'-]*[ \t]\d{1,7}\b[^a-z\n]*|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}[ \t]+\d{1,7}[ \t.;,]*)$/m

/**
 * `marksIn` for a REF block: the letters of REF items are not marks, upper case to the line end or a title-case
 * origin and serial alone (`(C) State 152009`), nor is the next letter of a lettered list (`(A) … (B) … (C)`).
 */
export function marksInReference(text: string): { mark: string; at: number }[] {
  return marksIn(text).filter((m) => {
    const open = text.indexOf('(', m.at)
    if (/^[A-Z]$/.test(m.mark) && enumeratorInSequence(m.mark, text.slice(0, open))) return false
    return !REF_ITEM.test(text.slice(open, (text.indexOf('\n', open) + 1 || text.length + 1) - 1))
  })
}

/** A caption after a REF item (spec §5.9 `ITEM [SP "(" CAPTION ")"]`): the cited cable's, no mark of this one. */
const REF_CAPTION = /^(?:NOTAL|EXDIS|NODIS|STADIS|LIMDIS)$/

/**
 * Every portion mark a piece of text outside the body holds, as the body's portions read them: at a line start or
 * after a paragraph or sub-item enumerator (`marksIn`; in a REF block `marksInReference`), inside a line
 * (`innerMarks`: `Classified By: John Doe (S//NF) …`, `REF: (S//NF) STATE 12345`, `REF: A. (TS) STATE 1`) and broken
 * across a line end (`splitMarks`). Not marks: the reason letters of a Classified-by statement (`1.4 (b) and (d)`),
 * in a REF block an item's letter before its origin and serial (`(C) STATE 12`) and the caption after an item
 * (`(NOTAL)`, `(EXDIS)`).
 */
export function marksOfText(text: string, reference = false): string[] {
  const found = (reference ? marksInReference(text) : marksIn(text)).map((m) => m.mark)
  // reason letters blanked out, offsets kept
  // Stryker disable next-line StringLiteral: no reading of a mark looks at what stood before it but a letter or digit, which a reason never ends with
  const scan = text.replace(new RegExp(REASONS.source, 'gi'), (r) => ' '.repeat(r.length))
  // Stryker disable next-line StringLiteral: text holding no list letter, REF label or citation line before the first line reads the same
  let before = ''
  for (const line of linesOf(scan)) {
    const words = innerMarks(line, before)
    if (!reference) found.push(...words)
    else {
      // the item letters and captions of the line, in the order they stand
      // Stryker disable next-line ArrayDeclaration: a word no mark is never skipped
      const skip: string[] = []
      for (const m of line.matchAll(/\(\s*([A-Za-z]+)\s*\)/g)) {
        const after = line.slice(m.index + m[0].length)
        const item = /^[A-H]$/.test(m[1]) && (REF_ITEM_AFTER.test(after) || enumeratorInSequence(m[1], before + line.slice(0, m.index)))
        if (item || (REF_CAPTION.test(m[1].toUpperCase()) && /\d[\s.,;]*$/.test(line.slice(0, m.index)))) skip.push(m[1].toUpperCase())
      }
      for (const w of words) {
        const k = skip.indexOf(w)
        if (k >= 0) skip.splice(k, 1)
        else found.push(w)
      }
    }
    before += line
  }
  found.push(...splitMarks(scan).map((m) => m.mark))
  return found
}

/** What follows a REF item's letter: an optional year, an origin (upper or title case) and a serial. */
const REF_ITEM_AFTER = /^[ \t]*(?:\d{2,4}[ \t]+)?[A-Z][A-Za-z .'-]{1,30}?[ \t]\d{1,7}\b/

/** Splits text into lines, each with its line end. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/** The letters of a reason (spec §5.6): `(b)`, `(b,d)`, `(B/D)`, or a bare letter. */
const REASON_ITEM = String.raw`(?:\(\s*[a-h](?:\s*(?:,|\/|&|and)\s*[a-h])*\s*\)|[a-h](?![A-Za-z0-9]))`
/** The reasons of a Classified-by line, up to their last letter: `1.4 (b) and (d)`, `1.5B AND D`, `1.4(b,d)`. */
const REASONS = new RegExp(String.raw`\b1\s?\.\s?[45]\s*[:,]?\s*${REASON_ITEM}(?:\s*(?:,|and|&|\/|or)\s*${REASON_ITEM}|\s*\(\s*[a-h]\s*\))*`, 'i')

/** What may follow the reason word when the reasons do not have their shape: numbers, reason letters, `Section`, `E.O.`, `and`. */
const REASON_WORDS = /^(?:[\s\d.,;:()/&+*-]|\b(?:for|per|the|reasons?|reason\(s\)|r\s*e\s*a\s*s\s*o\s*n\s*s?|sections?|e\.?\s?o|and|or|[a-h])\b)*$/i

/** How many words a Classified-by name and title may run to before the reasons (`Acting Deputy Chief of Mission Ada B. Quill, Embassy Quorin, for`) */
const CLASSIFIED_BY_WORDS = 16

/** How far the Classified-by statement may run before its reasons (a wrapped name and title). */
const CLASSIFIED_BY_SPAN = 400

/**
 * The Classified-by statement at the start of a `classifiedBy` segment (spec §5.6): from the label through the
 * reasons and the punctuation closing them (and the line end when nothing else follows on that line). Without
 * reasons within `CLASSIFIED_BY_SPAN` characters, the label's line alone. The length of that statement; 0 when the
 * segment does not open with the label.
 */
function classifiedByLength(raw: string): number {
  // Stryker disable next-line Regex: the pattern matches at the start, if only the empty string
  const lead = /^[ \t]*/.exec(raw)![0].length
  CLASSIFIED_BY.lastIndex = 0
  const label = CLASSIFIED_BY.exec(raw.slice(lead))
  if (!label || label.index !== 0) return 0
  const window = raw.slice(0, CLASSIFIED_BY_SPAN)
  const reasons = REASONS.exec(window)
  let end: number
  if (reasons) end = reasons.index + reasons[0].length
  else {
    const nl = raw.indexOf('\n')
    end = nl === -1 ? raw.length : nl
  }
  // who classified it is a name and a title (spec §5.6, `isClassifierStatement`): anything else before the reasons
  // (a portion mark, a sentence, more than `CLASSIFIED_BY_WORDS` words) is text of the cable; only the label is shown
  const statement = raw.slice(lead + label[0].length, reasons ? reasons.index : end)
  if (!isClassifierStatement(statement) || statement.trim().split(/\s+/).length > CLASSIFIED_BY_WORDS) return lead + label[0].length
  // without reasons of their shape, the rest of the line is shown only when it holds nothing but what reasons are
  // written with (`for Reasons 1/4 (B...`, `Reason: Section 1.4`): `for reasons of state the talks failed` is text
  // (from the reason word: the blanks, stops and `for`, `per`, `the` before it are words of reasons too)
  const tailAt = /\br\s*e\s*a\s*s\s*o\s*n/i.exec(statement)
  if (!reasons && tailAt && !REASON_WORDS.test(statement.slice(tailAt.index))) return lead + label[0].length
  // a portion mark inside the statement (other than a `(U)` before the label and the reason letters) starts body text: the statement ends before it
  // Stryker disable next-line EqualityOperator: no mark opens where the reasons do (`1.4` is no enumerator before a mark)
  const inside = marksIn(raw.slice(0, end)).find((m) => m.at > 0 && !(reasons && m.at >= reasons.index))
  if (inside) return inside.at
  // a portion mark inside a line of the statement (`… for reasons (S//NF) …`: past the word `reasons`, where
  // `isClassifierStatement` stops reading) is text of the cable too: only the label is shown
  if (marksOfText(statement).length) return lead + label[0].length
  // Stryker disable next-line Regex: the pattern matches at the start, if only the empty string
  end += /^[ \t]*[.)\]]*/.exec(raw.slice(end))![0].length
  // the rest of the line joins the statement only when it is empty
  const rest = /^[ \t]*(?:\n|$)/.exec(raw.slice(end))
  if (rest) end += rest[0].length
  return end
}

/** Addressing and routing lines of the header zone (spec §3, §4.1): envelope format lines, addressees, page headers, trailer markers. */
const ROUTING_LINES: RegExp[] = [
  /^\s*VZCZC[A-Z]{3}\d{3,4}\s*$/,
  /^\s*(?:ZZ|OO|PP|RR)\s+R[A-Z]{3,7}(?:\s+R[A-Z]{3,7})*\s*$/,
  /^\s*R[A-Z]{3,7}(?:\s+R[A-Z]{3,7})*\s*$/,
  /^\s*DE\s+[A-Z]{4,8}\s+#\d{1,5}(?:\/\d{1,3})?\s+\d{7}\s*$/,
  /^\s*ZN[RY]\s+[A-Z]{5}(?:\/[A-Z]{5})?(?:\s+Z[A-Z]{2})*\s*$/,
  TRAILER_LINE,
]

/** An office distribution line of older cables: `NSCE-00  OIC-00   NIMA-00  PA-00`. */
const DISTRIBUTION_LINE = /^(?:[ \t]*[A-Z][A-Z0-9]{0,7}-\d{2})+[ \t]*$/
/** Words of a sentence no PLAD holds (verbs, pronouns): a line holding one is prose, not an addressee. */
const SENTENCE_WORD = /(?<![A-Z0-9])(?:WILL|WOULD|SHALL|SHOULD|COULD|MUST|SAID|SAYS|TOLD|HAS|HAVE|HAD|WAS|WERE|ARE|IS|BEEN|THAT|THIS|WHICH|WHO|WHOSE|WHOM|HE|SHE|THEY|WE|HIS|HER|THEIR|ITS|NOT)(?![A-Z0-9])/

/**
 * True when every office note of an addressee line (`//USD:SOLIC//`, `//J-3/J-5//`, `//USDP ADMIN/CHAIRS//`, spec
 * §4.1) is made of office codes: each part between slashes one or two words, each word a code (a digit or `:` `-`
 * `&` `.` in it: `J-3`, `DAPE:MO`, `USD:P&R`) or a short abbreviation of at most five letters (`TCH`, `POLAD`,
 * `ADMIN`). A note holding longer words (`//ZORBEK TALLIV TAPIRNOTE//`, `//FOR AMBASSADOR ONLY SOURCE X//`) is
 * free text the addressee syntax does not explain: the line is judged as portion text (fail closed; QA 14 round 8,
 * F1). True for a line without notes.
 */
export function officeNotesAreCodes(addressee: string): boolean {
  for (const note of addressee.matchAll(/\/\/([^]*?)\/\//g)) {
    for (const part of note[1].split('/')) {
      const words = part.trim().split(/\s+/).filter((w) => w !== '')
      if (words.length > 2) return false
      for (const w of words) if (!/[\d:&.-]/.test(w) && !/^[A-Z]{1,5}$/.test(w)) return false
    }
  }
  return true
}

/**
 * True when a line (or part of one) holds a portion mark anywhere: at its start or after a paragraph enumerator
 * (`marksIn`) or inside it, as the body's portions read marks (`innerMarks`: `Declassified/Released … (S) …`,
 * `TAGS: PREL (SECRET) …`, `RUEHFR/AMEMBASSY PARIS (S//NF)`). A line accepted as header or signature text holds
 * none: one that does is portion text judged by its marks (fail closed; the line-start reading alone let a mark in
 * the middle of a NARA stamp, a TAGS line or a page header through, and the text after it was shown to every reader).
 */
export function holdsMark(text: string): boolean {
  return marksIn(text).length > 0 || linesOf(text).some((line) => innerMarks(ownClassWordBlanked(line)).length > 0)
}

/**
 * A line with the class word it is made of blanked out (offsets kept): a class banner (`C O N F I D E N T I A L`,
 * `CLASS_WORD_ONLY`) or the class-line statement a line opens with (`S E C R E T QUORIN 000123`, `classLineLength`,
 * spec §5.2) is that line's own syntax, which the body's reading of a class word opening a line would take for a
 * mark; anything after the statement is read as written. Every other line as it stands.
 */
function ownClassWordBlanked(line: string): string {
  const t = line.replace(/\n$/, '')
  if (CLASS_WORD_ONLY.test(t)) return ''
  const n = classLineLength(t)
  return ' '.repeat(n) + line.slice(n)
}

/** True for a header-zone line that carries no portion text: an envelope, addressing or routing line (spec §3, §4). */
export function isRoutingLine(line: string): boolean {
  const t = line.replace(/\n$/, '')
  if (t.trim() === '') return true
  if (holdsMark(t)) return false
  // a DTG line only as far as its signals and service text go (`dtgLineLength`); an FM or TO line is an addressee
  // line, read by its syntax below, not taken whole for its label
  if (dtgLineLength(t) === t.length || isPageHeader(t) || CLASS_WORD_ONLY.test(t)) return true
  // an addressee line, with the label of its list on the first line (`INFO RUCNIRA/IRAN COLLECTIVE`)
  const addressee = t.replace(/^\s*(?:FM|TO|INFO|XMT)\s*\/?\s+(?=\S)/, '')
  if (DISTRIBUTION_LINE.test(t) || isPageHeader(addressee)) return true // a page header after a list label (`t` was tested above)
  // an addressee only as far as its PLAD syntax goes, every word of it (`isAddresseeLine`, src/format/plad-line.ts)
  if (!SENTENCE_WORD.test(addressee) && officeNotesAreCodes(addressee) && isAddresseeLine(addressee, addressee !== t)) return true
  return ROUTING_LINES.some((re) => re.test(addressee))
}

/** The length of the TAGS label and the tag list after it (`tagListLength`, spec §5.7); 0 without the label. */
function tagsStatementLength(line: string): number {
  const label = TAGS_LABEL.exec(line)
  return label ? label[0].length + tagListLength(line.slice(label[0].length)) : 0
}

/** A TAGS continuation line (spec §5.7): tags, country codes and parenthesised names, upper case. */
const TAG_LINE = /^\s*[A-Z0-9(][A-Z0-9 ,;/&().'-]*$/
const tagContinuation = (t: string) => TAG_LINE.test(t) && t.trim().split(/\s+/).length <= 8 && t.trim().split(/\s+/).every((w) => w.length <= 16)

/** A line of the signature block (spec §5.11): one to three name words, a repeated class word, a wire or NARA trailer line. */
const SIGNATURE_NAME = /^\s*[A-Z][A-Za-z'.-]*(?:[ ][A-Za-z][A-Za-z'.-]*){0,2}\s*$/
/** Words no signer's name is made of (articles, prepositions, common verbs and adverbs of time): a line holding one is prose. */
const NOT_A_NAME = /(?<![A-Z0-9'])(?:THE|AN|TO|IN|ON|AT|FOR|AND|OR|BUT|IF|NO|YES|ALL|NOW|THEN|WHEN|WHERE|WHY|HOW|WHAT|TODAY|TOMORROW|YESTERDAY|FAILED|FAILS|PLANS?|WILL|IT|BY|WITH|FROM|OUT|UP|OFF|OVER|AFTER|BEFORE|AGAIN|SOON|NEXT|LAST|NEW|OLD|SECRET|RESIGNS?|RESIGNED|ATTACKS?|AGREED|AGREES|REFUSED|REFUSES|WANTS|KNOWS)(?![A-Z0-9'])/
const NARA_STAMP = /Declassified\/Released\b|\bEO\s+Systematic\s+Review\b/i

/** True for a line a signature block may hold. */
export function isSignatureLine(line: string): boolean {
  const t = line.replace(/\n$/, '')
  if (t.trim() === '') return true
  if (holdsMark(t)) return false
  // a trailer word with text after it (`BT THE PLAN`, `NNNNTHE PLAN`) is no name: the text is portion text
  if (/^\s*(?:BT|NNNN|#\d{3,5})(?=\s*\S)/.test(t) && !TRAILER_LINE.test(t)) return false
  return (SIGNATURE_NAME.test(t) && t.trim().length <= 40 && !SENTENCE_WORD.test(t.toUpperCase()) && !NOT_A_NAME.test(t.toUpperCase())) || CLASS_WORD_ONLY.test(t) || TRAILER_LINE.test(t) || (NARA_STAMP.test(t) && t.length <= 120)
}

/** True when one line is what a header segment of `kind` holds (the segment's first line when `first`). */
function lineIsHeader(kind: SegmentKind, t: string, first: boolean): boolean {
  // Stryker disable next-line Regex: `t` is one line
  const line = t.replace(/\n$/, '')
  if (line.trim() === '') return true
  // a line holding a portion mark anywhere is portion text, whatever its kind (`holdsMark`)
  if (holdsMark(line)) return false
  switch (kind) {
    case 'captions':
      // a service line only as far as its syntax goes (`serviceLineLength`); `headerPrefix` cuts one that holds more
      return isCaptionLine(line) || serviceLineLength(line) === line.length
    case 'eo':
      // a whole line only when nothing follows the statement (`headerPrefix` cuts a line that holds more)
      // (a line without the statement is all left over, and not blank)
      return first && line.slice(eoStatementLength(line)).trim() === ''
    case 'tags':
      // the label and a tag list to the line end (spec §5.7); `headerPrefix` cuts a line that holds more
      return first ? tagsStatementLength(line) === line.length : tagContinuation(line) && tagListLength(line) === line.length
    // (a signature segment is read by `headerPieces` itself: its lines by `isSignatureLine`, the signer's alone shown)
    case 'headerOther':
    case 'from':
    case 'to':
    case 'info':
    case 'xmt':
    case 'envelope':
      return isRoutingLine(line)
    case 'classLine':
      // the class line to its end only when all of it is class-line syntax (`classLineLength`, spec §5.2)
      return first && classLineLength(line) === line.length
    case 'preamble':
      // the publisher's partial-record notice as written, nothing after it
      return PARTIAL_NOTICE.test(line)
    // Stryker disable next-line ConditionalExpression: without the case the function returns undefined, read as false
    default:
      return false
  }
}

/**
 * How much of a line that is not wholly header (`lineIsHeader`) opens with what its kind says: the E.O. statement
 * (`eoStatementLength`, spec §5.5) of an `eo` segment's first line, the label and tag list (`tagListLength`, spec
 * §5.7) of a `tags` segment's first line, when no portion mark stands inside it; 0 for every other line.
 */
function headerPrefix(kind: SegmentKind, line: string, first: boolean): number {
  // a DTG line of the envelope with text after its signals: the DTG statement (`dtgLineLength`, spec §4.3)
  if (kind === 'envelope' || kind === 'headerOther') {
    const n = dtgLineLength(line.replace(/\n$/, ''))
    return holdsMark(line.slice(0, n)) ? 0 : n
  }
  // a service line with a note that is no service-line syntax (`C O R R E C T E D COPY (TEXT OF PLAN)`): `CORRECTED COPY`
  if (kind === 'captions') {
    const n = serviceLineLength(line.replace(/\n$/, ''))
    return holdsMark(line.slice(0, n)) ? 0 : n
  }
  if (!first) return 0
  if (kind === 'classLine') {
    const n = classLineLength(line.replace(/\n$/, ''))
    return holdsMark(line.slice(0, n)) ? 0 : n
  }
  if (kind === 'tags') {
    const n = tagsStatementLength(line.replace(/\n$/, ''))
    return holdsMark(line.slice(0, n)) ? 0 : n
  }
  if (kind === 'eo') {
    const n = eoStatementLength(line.replace(/\n$/, ''))
    return holdsMark(line.slice(0, n)) ? 0 : n
  }
  return 0
}

/**
 * A header segment (`kind` one of the header kinds) cut into pieces whose texts join to `raw`: the pieces that
 * are what the kind says (`header`) and the pieces that are portion text. A `classifiedBy` segment shows its
 * statement up to the reasons (`classifiedByLength`); `captions` caption words and service lines; `eo` and
 * `tags` their line (and tag continuation lines); `signature` name, class-word and trailer lines;
 * `headerOther` and the addressee kinds addressing and routing lines (`isRoutingLine`); `classLine` its
 * line. Every other line, and everything after the first line that is not header, is portion text: one
 * piece per paragraph (a new piece at each line that opens with a paragraph number).
 */
export function headerPieces(kind: SegmentKind, raw: string): Piece[] {
  const pieces: Piece[] = []
  const push = (text: string, header: boolean) => {
    if (!text) return
    const last = pieces[pieces.length - 1]
    if (last && last.header && header) last.text += text
    else pieces.push({ text, header })
  }
  let rest = raw
  if (kind === 'classifiedBy') {
    const n = classifiedByLength(raw)
    push(raw.slice(0, n), true)
    rest = raw.slice(n)
  } else if (kind === 'signature') {
    // signature lines up to the first that is not one; of their name lines only the signer's is shown
    // (`signerLine`, spec §5.11): other lines that merely look like names are portion text, one piece per run
    const lines = linesOf(raw)
    let end = lines.findIndex((l) => !isSignatureLine(l))
    if (end < 0) end = lines.length
    const isName = (l: string) => l.trim() !== '' && !CLASS_WORD_ONLY.test(l) && !TRAILER_LINE.test(l) && !NARA_STAMP.test(l)
    const nameAt = lines.slice(0, end).flatMap((l, i) => (isName(l) ? [i] : []))
    const signer = nameAt[signerLine(nameAt.map((i) => lines[i]))] ?? -1
    let text = ''
    for (let i = 0; i < end; i++) {
      if (!nameAt.includes(i) || i === signer) {
        if (text) pieces.push({ text, header: false })
        text = ''
        push(lines[i], true)
      } else text += lines[i]
    }
    if (text) pieces.push({ text, header: false })
    rest = lines.slice(end).join('')
  } else {
    const lines = linesOf(raw)
    rest = ''
    // header lines until the first that is not; the rest of the segment is portion text (fail closed: text the
    // parser took for a header line after body text began is body text). A line whose statement stops short of
    // its end (E.O., TAGS) shows the statement, and the rest of the line is portion text
    for (let i = 0; i < lines.length; i++) {
      if (lineIsHeader(kind, lines[i], i === 0)) {
        push(lines[i], true)
        continue
      }
      const n = headerPrefix(kind, lines[i], i === 0)
      push(lines[i].slice(0, n), true)
      rest = lines[i].slice(n) + lines.slice(i + 1).join('')
      break
    }
  }
  for (const p of paragraphsOf(rest)) push(p, false)
  return pieces
}

/** Portion text cut at each line that opens with a paragraph number (`1.`, `¶2`, `3)`), so each paragraph is judged by its own marks. */
export function paragraphsOf(text: string): string[] {
  const out: string[] = []
  for (const line of linesOf(text)) {
    if (out.length === 0 || (/^[ \t]*(?:¶[ \t]*)?\d{1,3}[ \t]*[.)](?![0-9])/.test(line) && out[out.length - 1].trim() !== '')) out.push(line)
    else out[out.length - 1] += line
  }
  return out
}
