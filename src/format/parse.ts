import { codeAt, firstNonSpaceCode, foldAsciiCode, isSpaceCode } from './char-codes.js'
import { controlCharOffsets, describeChar } from './control-chars.js'
import { containerDate, unwrapContainer } from './container.js'
import { datelineToIso, dtgToIso, findDateStamp, MONTHS } from './dates.js'
import { inferDate } from './date-inference.js'
import { isAddresseeLine } from './plad-line.js'
import { FRONT_KEYWORD, headerOpening, isAddressKeywordLine, isFmLine, isToLine, opensEnvelope, parseHeader, partialNoticeDtgEnd, type HeaderResult } from './header.js'
import { buildId, canonicalId, originRepairOf } from './ids.js'
import { originFromMrn } from './post-origin.js'
import { lineFeedsOnly, splitLines, type Line } from './lines.js'
import type { Cable, Diagnostic, Layout, ParseCode, Segment, SegmentKind, Span } from './model.js'
import { readFields } from './fields.js'
import { actionAddresseeOrigin, CitationMemo, citeList, previousYear, type CitedCable } from './references.js'
import { CLASS_LINE, caveatsOfCaption, opensClassWordAt } from './classification.js'
import { parseMarking } from './marking.js'
import { leadOfOrigin } from './class-line.js'
import { parseAddressee } from './addressee.js'
import { containerStation } from './container-stations.js'
import { splitTags } from './tags.js'
import { precedenceOfProsign, highestPrecedence } from './precedence.js'
import { LineIndex, emptySpan } from './span.js'
import { layoutText } from './text.js'
import { buildBody } from './body.js'
import { rememberParsedText } from './telegram-text.js'

export interface ParseOptions {
  /** Skip container detection (HTML page, CSV row) and read the input as telegram text. */
  plain?: boolean
  /**
   * What the publisher states outside the text (a file named by its reference id, an HTML metadata table,
   * a CSV id column). Used only where the text is silent: partial records have no DTG, so no year.
   */
  hint?: { id?: string }
}

/**
 * Parses a telegram in any rendering into a Cable. Never throws: what it cannot place stays in the
 * segments as text and is reported in `diagnostics` with its line and column.
 *
 * @example
 *   const cable = parseCable(text)
 *   cable.id        // '09STATE99704'
 *   renderLossless(cable) === text // true
 */
export function parseCable(input: string, options: ParseOptions = {}): Cable {
  try {
    if (!options.plain) {
      const unwrapped = unwrapContainer(input)
      if (unwrapped) {
        const cable = parseText(unwrapped.text, { id: options.hint?.id ?? unwrapped.hintId })
        cable.container = unwrapped.container
        cable.diagnostics.push(...unwrapped.diagnostics)
        useContainerMetadata(cable, unwrapped.container.metadata, unwrapped.container.rendering)
        return cable
      }
    }
    return parseText(input, options.hint)
  } catch (error) {
    // A parser bug must not lose the input: keep it whole and say what happened.
    const cable = emptyCable(input)
    cable.diagnostics.push({
      code: 'UNPLACED_TEXT',
      severity: 'error',
      message: `Internal parser error, text kept unparsed: ${error instanceof Error ? error.message : String(error)}`,
      span: new LineIndex(input).span(0, input.length),
    })
    return cable
  }
}

/**
 * Parses the telegram text of a record that came with metadata (a cables.csv row read by the importer, a
 * CFPF record): the text is parsed as `parseCable` would parse it inside its container, and the metadata
 * fills the fields the text lacks (id, date, origin), marked as from the container. Never throws.
 */
export function parseRecordText(text: string, metadata: Record<string, string>, rendering: string): Cable {
  const cable = parseCable(text, { plain: true, hint: { id: metadataId(metadata) } })
  if (!text.trim() && Object.keys(metadata).length > 0) markTextMissing(cable, metadata)
  useContainerMetadata(cable, metadata, rendering)
  useRecordFields(cable, metadata, rendering)
  return cable
}

/**
 * A record (CFPF export row) that comes with metadata and no text at all is a text-unavailable record, as
 * one that says so is: its metadata is all there is, which is no error. The reason is the record's own
 * locator when it names one (`TEXT ON MICROFILM`, `ADS TEXT UNRETRIEVABLE`).
 */
function markTextMissing(cable: Cable, metadata: Record<string, string>) {
  const locator = metadataValue(metadata, ['locator'])
  const stated = locator && /TEXT (?:ON MICROFILM|UNRETRIEVABLE|NOT AVAILABLE)|UNAVAILABLE/i.exec(locator)
  cable.unavailable = stated ? stated[0].toUpperCase() : 'NO TEXT IN RECORD'
  cable.diagnostics = cable.diagnostics.filter((d) => d.code !== 'EMPTY_INPUT' && d.code !== 'NO_HEADER')
  cable.diagnostics.push({
    code: 'TEXT_UNAVAILABLE',
    severity: 'info',
    message: `The record holds no telegram text (${cable.unavailable}): only its metadata is kept`,
    span: emptySpan(),
  })
}

/** Words a handling-restrictions column holds that mean "none". */
const NO_VALUE = /^(?:n\/?a|none|null|-)?$/i

/**
 * The record fields a text-unavailable or partial record lacks and its container states (CFPF exports: `to`,
 * `subject`, `tags`, `handling`), each use marked with a diagnostic. Handling restrictions are captions: one the
 * text does not state is added (a container can only restrict a cable further, never lift a caption).
 */
function useRecordFields(cable: Cable, metadata: Record<string, string>, rendering: string) {
  const note = (code: ParseCode, field: string, value: string) =>
    cable.diagnostics.push({ code, severity: 'info', message: `The text states no ${field}: taken from the ${rendering} record (${value})`, span: emptySpan() })
  const to = metadataValue(metadata, ['to'])
  if (to && !NO_VALUE.test(to) && (cable.to === null || cable.to.length === 0)) {
    const listed = to.split(/\s*[;,|\n]\s*|\s{2,}/).map((n) => n.trim()).filter((n) => n && !NO_VALUE.test(n))
    // a name that is no station (a stray quote, a spreadsheet formula: QA 10 F4) is said so and never an addressee
    const names: string[] = []
    for (const n of listed) {
      const station = containerStation(pladOfLabel(n))
      if (station) names.push(station)
      else
        cable.diagnostics.push({
          code: 'CONTAINER_VALUE_UNREAD',
          severity: 'warning',
          message: `The ${rendering} record's addressee ${JSON.stringify(n)} is no station name: kept in the record's metadata, not read as an addressee`,
          span: emptySpan(),
        })
    }
    if (names.length > 0) {
      cable.to = names.map((n) => parseAddressee(n).addressee)
      note('ADDRESSEES_FROM_CONTAINER', 'addressees', to)
    }
  }
  const subject = metadataValue(metadata, ['subject'])
  if (subject && !NO_VALUE.test(subject) && !cable.subject) {
    cable.subject = subject.replace(/\s+/g, ' ')
    note('SUBJECT_FROM_CONTAINER', 'subject', subject)
  }
  const tags = metadataValue(metadata, ['tags'])
  if (tags && !NO_VALUE.test(tags) && cable.tags.length === 0) {
    cable.tags = splitTags(tags).tags.map((t) => t.text)
    cable.tagSpans = cable.tags.map(() => emptySpan())
    if (cable.tags.length > 0) note('TAGS_FROM_CONTAINER', 'TAGS', tags)
  }
  // the record's marking (a CFPF record's classification and handling columns combined) is what access control
  // reads: one the marking parser cannot read files the cable TOP SECRET (marking not understood), and is said so
  const marking = metadata.shape === undefined ? null : metadataValue(metadata, ['classification'])
  if (marking && !NO_VALUE.test(marking.trim()) && !parseMarking(marking).ok) {
    cable.diagnostics.push({
      code: 'CONTAINER_VALUE_UNREAD',
      severity: 'warning',
      message: `The ${rendering} record's classification ${marking} is no marking the parser reads: kept in the record's metadata; the archive files the cable TOP SECRET (marking not understood)`,
      span: emptySpan(),
    })
  }
  const handling = metadataValue(metadata, ['handling'])
  if (handling && !NO_VALUE.test(handling)) {
    const have = new Set(cable.captions.map((c) => c.toUpperCase().replace(/\s+/g, ' ')))
    for (const term of handling.split(/\s*(?:[,;]|\/\/?)\s*/)) {
      const caption = term.toUpperCase().replace(/\s+/g, ' ').trim()
      if (!caption || NO_VALUE.test(caption) || have.has(caption)) continue
      if (caveatsOfCaption(caption).length === 0) {
        // kept in the metadata and the record's marking (where it fails closed), but no caption: said so, not dropped
        cable.diagnostics.push({
          code: 'CONTAINER_VALUE_UNREAD',
          severity: 'warning',
          message: `The ${rendering} record's handling restriction ${caption} (${handling}) is no caption the parser knows: kept in the record's metadata and marking, not added as a caption`,
          span: emptySpan(),
        })
        continue
      }
      cable.captions.push(caption)
      cable.captionSpans.push(emptySpan())
      have.add(caption)
      note('CAPTION_FROM_CONTAINER', `caption ${caption}`, handling)
    }
  }
}

const ID_KEYS = ['refid', 'reference id', 'reference_id', 'document number', 'document_number', 'doc_nbr', 'docnumber']
const DATE_KEYS = ['date', 'created', 'draft date', 'authored', 'document date', 'document_date', 'doc_date', 'msgdate']
const ORIGIN_KEYS = ['origin', 'from', 'office origin']

function metadataValue(metadata: Record<string, string>, keys: string[]): string | undefined {
  for (const [k, v] of Object.entries(metadata)) if (keys.includes(k.toLowerCase()) && v.trim()) return v.trim()
  return undefined
}

function metadataId(metadata: Record<string, string>): string | undefined {
  return metadataValue(metadata, ID_KEYS)
}

/**
 * How precise a container's date value is: `minute` when it gives a time of day, else `day`. A date column
 * without a time (CFPF `1975-03-15`) is known to the day, and so is one stamped with a zero time
 * (History Lab's `1975-03-15T00:00:00`, a database timestamp of a date-only field): a cable dated exactly at
 * midnight cannot be told from it, and claiming the minute would invent a precision the publisher never had.
 */
function containerDatePrecision(value: string): 'minute' | 'day' {
  const time = /(\d{1,2}):(\d\d)(?::(\d\d)(?:\.\d+)?)?/.exec(value)
  if (!time) return 'day'
  return Number(time[1]) === 0 && Number(time[2]) === 0 && Number(time[3] ?? 0) === 0 ? 'day' : 'minute'
}

/**
 * Container metadata for every field the text lacks (spec §10): the date (a partial record's inferred date
 * gives way to the publisher's full one), and the origin; the id comes in as the parser's hint. Each use is
 * marked: `dateSource.basis = 'container'`, and a diagnostic naming the field and the container.
 */
function useContainerMetadata(cable: Cable, metadata: Record<string, string>, rendering: string) {
  const dateValue = metadataValue(metadata, DATE_KEYS)
  const date = dateValue ? containerDate(dateValue) : null
  if (date && (cable.date === null || cable.dateSource?.basis === 'inferred')) {
    const key = Object.keys(metadata).find((k) => DATE_KEYS.includes(k.toLowerCase()))!
    cable.date = date
    cable.dateSource = { basis: 'container', from: [`${rendering}:${key}`], precision: containerDatePrecision(dateValue!) }
    cable.diagnostics = cable.diagnostics.filter((d) => d.code !== 'NO_DTG' && d.code !== 'DATE_INFERRED' && d.code !== 'DTG_NO_YEAR')
    cable.diagnostics.push({
      code: 'DATE_FROM_CONTAINER',
      severity: 'info',
      message: `No date-time group: the date ${date} is the ${rendering} ${key} (${dateValue})`,
      span: emptySpan(),
    })
  }
  if (dateValue && !date && !NO_VALUE.test(dateValue.trim())) {
    const key = Object.keys(metadata).find((k) => DATE_KEYS.includes(k.toLowerCase()))!
    cable.diagnostics.push({
      code: 'CONTAINER_VALUE_UNREAD',
      severity: 'warning',
      message: `The ${rendering} ${key} (${dateValue}) is no date the parser reads: kept in the record's metadata, not used as the date`,
      span: emptySpan(),
    })
  }
  const originValue = metadataValue(metadata, ORIGIN_KEYS)
  if (!cable.origin && originValue) {
    cable.origin = pladOfLabel(originValue)
    cable.diagnostics.push({
      code: 'ORIGIN_FROM_CONTAINER',
      severity: 'info',
      message: `No FM line or known MRN origin: the originator ${cable.origin} is the ${rendering} origin (${originValue})`,
      span: emptySpan(),
    })
  }
}

/** An archive's origin label back as a PLAD: `Embassy Quorin` → `AMEMBASSY QUORIN`; other labels upper-cased. */
function pladOfLabel(label: string): string {
  const l = label.trim().replace(/\s+/g, ' ')
  const m = /^(Embassy|Consulate|US Mission|Mission|US Interests Section)\s+(.+)$/i.exec(l)
  const types: Record<string, string> = { embassy: 'AMEMBASSY', consulate: 'AMCONSUL', 'us mission': 'USMISSION', mission: 'USMISSION', 'us interests section': 'USINT' }
  if (m) return `${types[m[1].toLowerCase()]} ${m[2].toUpperCase()}`
  if (/^Secretary of State$/i.test(l)) return 'SECSTATE WASHDC'
  return l.toUpperCase()
}

function parseText(input: string, hint: ParseOptions['hint']): Cable {
  // a lone CR ends a line (old Mac files, some archive exports): every reader below is written for LF and CRLF, so
  // they read a copy with LF in its place, of the same length (every offset, span and line start holds for the
  // input); the segments are cut from the input itself, so the lossless rendering stays byte for byte. A text
  // without any CR (nearly every one) is scanned once for it, as before, and read as it is.
  const inputHasCR = input.includes('\r')
  const text = inputHasCR ? lineFeedsOnly(input) : input
  // the line starts are the offsets after each \n, which splitLines finds anyway
  const starts: number[] = []
  const lines = splitLines(text, starts, false)
  const index = new LineIndex(text, starts)
  // whole-text scans that several steps need, made once: a carriage return (control characters, CRLF layout)
  // and the web rendering's ¶ (layout, paragraph text)
  const hasCR = inputHasCR && text.includes('\r')
  const firstPilcrow = text.indexOf('¶')
  const diagnostics: Diagnostic[] = []
  const cable = emptyCable(input)

  if (text.length === 0 || lines.every((l) => l.blank)) {
    diagnostics.push({ code: 'EMPTY_INPUT', severity: 'error', message: 'The input holds no text', span: emptySpan() })
  } else {
    // The scan for control characters comes first: the characters that make a text look binary are control
    // characters too, so a text without any (nearly every cable) needs no binary test.
    const controls = controlCharOffsets(text, hasCR)
    if (controls.length > 0 && looksBinary(text)) {
      diagnostics.push({ code: 'BINARY_INPUT', severity: 'error', message: 'The input looks binary, not telegram text', span: emptySpan() })
    } else if (controls.length) {
      // kept byte for byte (the text is evidence), flagged so readers know; terminal output neutralises them
      diagnostics.push({
        code: 'CONTROL_CHARACTER',
        severity: 'warning',
        message: `${controls.length} control character${controls.length > 1 ? 's' : ''} in the text (first ${describeChar(text[controls[0]])}); kept as received, shown neutralised`,
        span: index.span(controls[0], controls[0] + 1),
      })
    }
  }

  let leadingEmptyLines = 0
  while (leadingEmptyLines < lines.length - 1 && lines[leadingEmptyLines].text === '') leadingEmptyLines++
  const { bodyStart, banner, classMatch } = findBodyStart(lines, leadingEmptyLines)
  const headerLines = lines.slice(leadingEmptyLines, bodyStart)
  const header = parseHeader(headerLines, index, diagnostics)
  if (headerLines.length === 0 || (!header.origin && !header.envelope.dtg && !header.yearlessDtg && !header.to)) {
    if (!header.partial) {
      diagnostics.push({ code: 'NO_HEADER', severity: 'info', message: 'No telegram header (FM/TO lines) was found', span: emptySpan() })
    }
  }

  const layoutInfo = layoutText(lines, bodyStart, text, classMatch)

  // Date: the DTG; else a stated dateline (newspaper-derived copies).
  let date: string | null = null
  let yearSource: string | null = null
  if (header.envelope.dtg) {
    date = dtgToIso(header.envelope.dtg)
    if (!date) {
      diagnostics.push({ code: 'BAD_DTG', severity: 'warning', message: 'The date-time group names no real date', span: spanOf(index, header.lineSpans.dtg) })
    } else {
      yearSource = header.envelope.dtg.year
      cable.dateSource = { basis: 'read', from: ['dtg'], precision: 'minute' }
    }
  }
  if (!date) {
    const head = text.slice(0, lines[Math.min(lines.length - 1, bodyStart + 2)]?.next ?? text.length)
    const dateline = datelineToIso(head)
    if (dateline) {
      date = dateline.iso
      yearSource = date.slice(0, 4)
      cable.spans.dtg = index.span(dateline.index, dateline.index + dateline.length)
      cable.dateSource = { basis: 'read', from: ['dateline'], precision: dateline.iso.endsWith('T00:00:00Z') ? 'day' : 'minute' }
    }
  }
  cable.date = date

  // the REF items are read when the block is split and again once the id is known: the second reading finds the first's
  const citations = new CitationMemo()
  readFields(cable, { text, lines, index, layout: layoutInfo, header, diagnostics, yearSource, firstPilcrow, citations })
  if (cable.mrn === null && banner !== null) mrnOfBanner(cable, lines[banner].text)

  cable.envelope = header.envelope
  cable.origin = header.origin
  if (header.originSpan) cable.spans.origin = index.span(header.originSpan.start, header.originSpan.end)
  cable.to = header.to
  cable.info = header.info
  for (const key in header.lineSpans) {
    const r = header.lineSpans[key as keyof typeof header.lineSpans]!
    cable.spans[key as keyof typeof header.lineSpans] = index.span(r.start, r.end)
  }
  cable.precedence = cablePrecedence(header)

  // a publisher's redaction of the origin (`XXXXXXXXXXXX 000004`) leaves the MRN without a usable origin
  const redacted = cable.mrn !== null && /^X+$/.test(cable.mrn.origin.replace(/\s/g, ''))
  if (cable.mrn && yearSource && !redacted) {
    cable.rawId = `${yearSource.slice(-2)}${cable.mrn.origin.replace(/\s+/g, '')}${cable.mrn.serial}`
    cable.id = buildId(yearSource, cable.mrn.origin, cable.mrn.serial)
    reportOriginRepair(cable.mrn.origin, cable.spans.classLine ?? emptySpan(), diagnostics)
  }
  const head = text.length > 4096 ? text.slice(0, 4096) : text
  const unavailable = textUnavailableStatement(head)
  if (unavailable) readUnavailableRecord(cable, text, unavailable, index, diagnostics)
  if (!cable.id && hint?.id) idFromHint(cable, hint.id, diagnostics)
  if (!cable.date) readDateStamp(cable, lines, index, diagnostics)
  if (!cable.date) inferCableDate(cable, lines, header, diagnostics)
  if (cable.id) finishReferences(cable, yearSource, diagnostics, citations)
  if (!cable.id) {
    diagnostics.push({
      code: 'UNRESOLVED_ID',
      severity: 'warning',
      message: cable.mrn ? 'The cable year is unknown, so no reference id can be built' : 'No classification line with a message reference number',
      span: cable.spans.classLine ?? emptySpan(),
    })
  }
  if (!cable.origin && (cable.mrn || cable.id)) {
    const mrnOrigin = cable.mrn?.origin ?? cable.id!.replace(/^\d{2}|\d+$/g, '')
    cable.origin = originFromMrn(mrnOrigin)
    diagnostics.push({
      code: 'NO_ORIGIN',
      severity: 'info',
      message: cable.origin
        ? `No FM line: the originator ${cable.origin} is taken from the MRN`
        : `No FM line, and the MRN origin ${mrnOrigin} names no known post`,
      span: cable.spans.classLine ?? emptySpan(),
    })
  }

  // the kinds of the leading empty and header lines, written into the layout's own table once the fields (which
  // read the text's kinds as the layout found them) are read: a copy of the table per cable cost a pass over all lines
  const kinds: SegmentKind[] = layoutInfo.kinds
  for (let i = 0; i < leadingEmptyLines; i++) kinds[i] = 'blank'
  for (let i = 0; i < header.kinds.length; i++) kinds[leadingEmptyLines + i] = header.kinds[i]
  cable.layout = layoutOf(text, leadingEmptyLines, hasCR, firstPilcrow !== -1)
  cable.body = buildBody(lines, kinds, layoutInfo, cable)
  cable.segments = segmentsOf(lines, kinds, input)
  rememberParsedText(cable, input, index.starts)
  cable.diagnostics = diagnostics
  return cable
}

/**
 * NARA CFPF records whose telegram text was never captured or cannot be read: the record still has its MRN
 * (document number) and whatever metadata came with it (spec §10).
 *   MRN: 1974KINSHA001299  SEGMENT NUMBER: 000001  ERROR READING TEXT INDEX FILE; TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE
 */
const X_CASES = ['X', 'x'] as const

const TEXT_UNAVAILABLE = /TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE|TEXT ON MICROFILM|TEXT NOT AVAILABLE|TELEGRAM TEXT (?:IS )?(?:NOT )?UNAVAILABLE/i

/** TEXT_UNAVAILABLE anchored where it is tried: the same alternatives, matched only at a given offset. */
const TEXT_UNAVAILABLE_AT = new RegExp(TEXT_UNAVAILABLE.source, 'iy')
const TELEGRAM_SPACE = 'TELEGRAM '.length

/**
 * `TEXT_UNAVAILABLE.exec(s)`, without its scan: every alternative holds the word TEXT (any case) at its start or
 * after `TELEGRAM `, so the statement can only start at a TEXT or 9 characters before one. `indexOf` finds the
 * rare X of each TEXT (its letters are then checked in place, folded as `/i` folds them) and the anchored pattern
 * is tried at those offsets in text order: the first that matches is the leftmost match, as the scan would find.
 * The case-insensitive alternation scanned at a fraction of the speed of `indexOf`.
 */
function textUnavailableStatement(s: string): RegExpExecArray | null {
  let candidates: number[] | null = null
  for (const x of X_CASES) {
    for (let at = s.indexOf(x, 2); at !== -1 && at + 1 < s.length; at = s.indexOf(x, at + 1)) {
      if (foldAsciiCode(s.charCodeAt(at - 2)) === 0x74 && foldAsciiCode(s.charCodeAt(at - 1)) === 0x65 && foldAsciiCode(s.charCodeAt(at + 1)) === 0x74) {
        candidates ??= []
        if (at - 2 - TELEGRAM_SPACE >= 0) candidates.push(at - 2 - TELEGRAM_SPACE)
        candidates.push(at - 2)
      }
    }
  }
  if (candidates === null) return null
  candidates.sort((a, b) => a - b)
  for (const at of candidates) {
    TEXT_UNAVAILABLE_AT.lastIndex = at
    const m = TEXT_UNAVAILABLE_AT.exec(s)
    if (m) return m
  }
  return null
}

function readUnavailableRecord(cable: Cable, text: string, m: RegExpExecArray, index: LineIndex, diagnostics: Diagnostic[]) {
  // a record that states its text is missing and holds no paragraphs of its own
  if (cable.paragraphs.length > 0) return
  cable.unavailable = m[0].toUpperCase().replace(/\s+/g, ' ')
  // the statement is no signature, though it may stand where one does (`TEXT ON MICROFILM` alone)
  if (cable.signers.some((s) => textUnavailableStatement(s) !== null)) {
    cable.signers = cable.signers.filter((s) => textUnavailableStatement(s) === null)
    if (cable.signers.length === 0) delete cable.spans.signature
  }
  const mrn = /\bMRN\s*:?\s*((?:19|20)\d\d[A-Z]{2,}\d{2,})\b/i.exec(text)
  if (!cable.id && mrn) {
    cable.id = canonicalId(mrn[1])
    cable.rawId = mrn[1].toUpperCase()
    if (cable.id) reportOriginRepair(mrn[1].slice(4).replace(/\d+$/, ''), index.span(mrn.index, mrn.index + mrn[0].length), diagnostics)
  }
  diagnostics.push({
    code: 'TEXT_UNAVAILABLE',
    severity: 'info',
    message: `The record says its telegram text is unavailable (${cable.unavailable}): only its metadata is kept`,
    span: index.span(m.index, m.index + m[0].length),
  })
}

/** Says when the origin of an MRN or document number was repaired against the directory, or could not be. */
function reportOriginRepair(origin: string, span: Span, diagnostics: Diagnostic[]) {
  if (!origin) return
  const r = originRepairOf(origin)
  if (r.kind === 'repaired') {
    diagnostics.push({
      code: 'ID_REPAIRED',
      severity: 'info',
      message: `The origin ${origin} names no station: read as ${r.origin} (${r.how === 'truncation' ? 'cut short' : 'misspelled'}); the written form is kept as rawId`,
      span,
    })
  } else if (r.kind === 'ambiguous') {
    diagnostics.push({
      code: 'ID_AMBIGUOUS',
      severity: 'warning',
      message: `The origin ${origin} names no station and is equally close to ${r.candidates.join(', ')}: left as written`,
      span,
    })
  }
}

/**
 * References once the cable's own id is known: items without a year take the id's year when the text stated
 * none; an item naming the cable itself is no citation (kind `self`, no id). An item without a year that names
 * a later serial of the cable's own post than its own is of the year before (serials run up through a year,
 * spec §6: `CAIRO 2111` in 09CAIRO1436 is 08CAIRO2111), said with a `REF_PREVIOUS_YEAR` note at the item; one
 * whose written year is the cable's own (`09 CAIRO 2111` in 09CAIRO1436) names an impossible cable and keeps no
 * id (kind `cable`, `REF_IMPOSSIBLE` warning). References to other posts keep their year: their serials say
 * nothing about this one's. `memo` holds what the items' first reading (`readFields`) found.
 */
function finishReferences(cable: Cable, yearSource: string | null, diagnostics: Diagnostic[], memo: CitationMemo) {
  const own = cable.id!
  const ownParts = ID_PARTS.exec(own)
  const origin = cable.mrn && !/^X+$/.test(cable.mrn.origin.replace(/\s/g, '')) ? cable.mrn.origin : null
  // the references one item or list gave (the same letter, or the unlettered ones) are read again as one list, so
  // that a serial written alone takes the origin and year of the cable before it (`STATE 1234 AND 5678`)
  const refs = cable.references
  const citedOf: (CitedCable | null)[] = []
  // Stryker disable next-line EqualityOperator: at a = refs.length the slice below is empty and citeList adds nothing
  for (let a = 0; a < refs.length; ) {
    let b = a + 1
    while (b < refs.length && refs[b].letter === refs[a].letter) b++
    citedOf.push(...citeList(refs.slice(a, b).map((r) => r.text), yearSource ?? own.slice(0, 2), { origin, addressee: actionAddresseeOrigin(cable.to), memo }))
    a = b
  }
  for (const [k, r] of refs.entries()) {
    // an item readFields found no cable in with the year the block was read with (the DTG's or dateline's), and the
    // origin and addressee used here, is found none in again; without that year (the id's) every item is read again
    // Stryker disable next-line ConditionalExpression: never skipped, such an item is read again to the same null (the skip spares the work)
    if (r.id === null && yearSource !== null) continue
    const cited = citedOf[k]
    if (!cited) continue
    r.id = cited.id
    r.kind = 'cable'
    const parts = ID_PARTS.exec(cited.id)
    // Stryker disable next-line ConditionalExpression,LogicalOperator: every id here has the shape (buildId made the cable's, REFERENCE_ID passed the cited), so neither exec is null
    const shaped = ownParts !== null && parts !== null
    const later = shaped && parts[1] === ownParts[1] && parts[2] === ownParts[2] && Number(parts[3]) > Number(ownParts[3])
    if (later && cited.year === 'written') {
      // the year is written, and with it the item names a cable issued after this one: which part is wrong
      // (the year, the serial) the text cannot say, so no id is guessed
      r.id = null
      diagnostics.push({
        code: 'REF_IMPOSSIBLE',
        severity: 'warning',
        message: `REF${r.letter ? ` ${r.letter}` : ''} (${r.text}) names ${cited.id}, a later serial of this cable's own post and year than its own ${ownParts![3]}: a cable cannot cite one issued after it, so the item is left without an id`,
        span: r.span ?? emptySpan(),
      })
    } else if (later) {
      r.id = `${previousYear(parts![1])}${parts![2]}${parts![3]}`
      diagnostics.push({
        code: 'REF_PREVIOUS_YEAR',
        severity: 'info',
        message: `REF${r.letter ? ` ${r.letter}` : ''} (${r.text}) states no year and cites serial ${parts[3]} of this cable's own post, above its own ${ownParts[3]}: a post numbers its cables in order through the year, so it is read as the year before's ${r.id}`,
        span: r.span ?? emptySpan(),
      })
    }
    if (r.id === own) {
      r.id = null
      r.kind = 'self'
    }
  }
}

const ID_PARTS = /^(\d{2})([A-Z]+)(\d+)$/

/**
 * A text without a readable DTG or dateline that holds an archive's `Cable dated:` stamp: the stamp is the cable's
 * date when it is this cable's, read to the minute and marked as from the stamp (`dateSource.from` `date-stamp`).
 * Whose it is shows in the class line it is run into: a stamp whose MRN (or year) is another cable's than the id
 * (a page that holds another cable's text) is not used, and said so.
 */
function readDateStamp(cable: Cable, lines: Line[], index: LineIndex, diagnostics: Diagnostic[]) {
  const stamp = findDateStamp(lines)
  if (!stamp) return
  const span = index.span(lines[stamp.line].start, lines[stamp.line].end)
  const own = cable.id ? /^(\d{2})([A-Z]+)(\d+)$/.exec(cable.id) : null
  const otherYear = own !== null && own[1] !== stamp.iso.slice(2, 4)
  const otherMrn = own !== null && stamp.mrn !== null && (!stamp.mrn.origin.endsWith(own[2]) || stamp.mrn.serial !== Number(own[3]))
  if (otherYear || otherMrn) {
    const whose = stamp.mrn ? `${stamp.mrn.origin} ${stamp.mrn.serial}` : `the year ${stamp.iso.slice(0, 4)}`
    diagnostics.push({
      code: 'DATE_STAMP_MISMATCH',
      severity: 'warning',
      message: `The \`Cable dated:\` stamp ${stamp.iso} belongs to ${whose}, not to ${cable.id}: not used as its date`,
      span,
    })
    return
  }
  cable.date = stamp.iso
  cable.dateSource = { basis: 'read', from: ['date-stamp'], precision: 'minute' }
  diagnostics.push({ code: 'DATE_FROM_STAMP', severity: 'info', message: `No date-time group: the date ${stamp.iso} is read from the archive's \`Cable dated:\` stamp`, span })
}

/**
 * A partial record without a readable DTG: the date put together from its page headers, DECL date and the
 * id's year, marked as inferred (spec §4.3); without even a year, the date stays unknown.
 */
function inferCableDate(cable: Cable, lines: Line[], header: HeaderResult, diagnostics: Diagnostic[]) {
  const fromHint = diagnostics.some((d) => d.code === 'ID_FROM_METADATA')
  // a DTG without its year (`R 151646Z OCT`) gives day, time and month; the year is the id's or the text's dates'
  const y = header.yearlessDtg
  const dtg = y && { day: Number(y.day), time: y.time, month: MONTHS.indexOf(y.month as (typeof MONTHS)[number]) }
  const clues = { lines, year: cable.id ? cable.id.slice(0, 2) : null, yearFrom: fromHint ? 'id-hint' : 'id', declassify: cable.eo?.declassify ?? null, dtg }
  const inferred = cable.id || dtg ? inferDate(clues) : null
  if (inferred) {
    cable.date = inferred.date
    cable.dateSource = inferred.source
    diagnostics.push({
      code: 'DATE_INFERRED',
      severity: 'info',
      message: `No date-time group: the date ${inferred.date} is inferred from ${inferred.source.from.join(', ')} (precision: ${inferred.source.precision})`,
      span: cable.spans.classLine ?? emptySpan(),
    })
  } else if (y) {
    diagnostics.push({
      code: 'DTG_NO_YEAR',
      severity: 'info',
      message: `The date-time group ${y.day}${y.time}Z ${y.month} states no year, and neither the id nor a date of the text gives one: the cable date is unknown`,
      span: cable.spans.dtg ?? emptySpan(),
    })
  } else if (!header.envelope.dtg) {
    diagnostics.push({ code: 'NO_DTG', severity: 'info', message: 'No date-time group: the cable date is unknown', span: emptySpan() })
  }
}

/** Control characters other than tab, line feed, form feed and carriage return in the first kilobyte. */
function looksBinary(text: string): boolean {
  // one regex scan (native code) rather than a charCodeAt loop
  return BINARY_CONTROL.test(text.length > 1024 ? text.slice(0, 1024) : text)
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return (9–13). */
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f]/

/**
 * The first letters of the class words in either case (CLASS_LINE is an `i` pattern opening with `^(\s*)`): a line
 * whose first character other than white space is none of them cannot be a class line.
 */
const CLASS_INITIAL_CODES = new Set([...'UCSTLucstl'].map((c) => c.charCodeAt(0)))

/**
 * The text starts at the first class line that follows a blank line (or opens the input), unless a message
 * envelope follows that line (`opensEnvelope`): then the line is a printout's banner, and the text starts at the
 * first such class line below the envelope.
 */
function findBodyStart(lines: Line[], from: number): { bodyStart: number; banner: number | null; classMatch: RegExpExecArray | null } {
  const limit = Math.min(lines.length, from + 1500)
  let start = from
  let banner: number | null = null
  for (let i = from; i < limit; i++) {
    // wire form: the text starts after the BT line (FL11); `^\s*BT` needs a B first
    const glued = i > start && !lines[i - 1].blank && !((firstNonSpaceCode(lines[i - 1].text) | 0x20) === 0x62 /* B, b */ && /^\s*BT\s*$/i.test(lines[i - 1].text))
    // a class line glued under the address lines (a copy that lost its empty lines) is still the class line: only
    // near the top, under an unbroken run of lines opened by an FM, TO or INFO line, and nothing after its MRN
    if (glued && (i - from > 60 || !CLASS_INITIAL_CODES.has(firstNonSpaceCode(lines[i].text)))) continue
    const t = lines[i].text
    const m = classLineMatch(t)
    if (glued && (m === null || m[7].trim() !== '' || !underAddressLines(lines, i, start))) continue
    if (m !== null && !/^\s*PAGE\b/.test(t)) {
      const envelope = envelopeBelow(lines, i + 1, limit)
      // the match is the layout's class line too (its first non-blank line): handed on, not matched again
      if (envelope === -1) return { bodyStart: i, banner, classMatch: m }
      banner ??= i
      start = envelope
      i = envelope
    }
  }
  // No class line: a header block (if any) runs to the first blank line after its FM/TO lines.
  const opening = headerOpening(lines, start)
  if (opening !== -1) {
    let sawAddress = false
    for (let i = opening; i < limit; i++) {
      if (isAddressKeywordLine(lines[i].text)) sawAddress = true
      if (lines[i].blank && sawAddress) return { bodyStart: i, banner, classMatch: null }
      // a TAGS, SUBJECT, E.O. or REF line glued under the address lines opens the text (a copy without empty lines)
      if (sawAddress && i > opening && FRONT_KEYWORD.test(lines[i].text) && underAddressLines(lines, i, opening)) return { bodyStart: i, banner, classMatch: null }
    }
    const dtgEnd = partialNoticeDtgEnd(lines, opening)
    if (dtgEnd !== -1) return { bodyStart: dtgEnd, banner, classMatch: null }
  }
  return { bodyStart: from, banner, classMatch: null }
}

/**
 * `CLASS_LINE.exec(t)`, screened: after the white space `^(\s*)` takes, the line must open with the first three
 * letters of a class word (`opensClassWordAt`); the `TO` lines of every header and other lines opening with a class
 * initial are refused without a call of the pattern.
 */
function classLineMatch(t: string): RegExpExecArray | null {
  let i = 0
  while (isSpaceCode(codeAt(t, i))) i++
  return CLASS_INITIAL_CODES.has(codeAt(t, i)) && opensClassWordAt(t, i) ? CLASS_LINE.exec(t) : null
}

/**
 * True when line `i` is glued under the address block: the line above is an address line (an FM, TO or INFO line
 * or an addressee of its list) and the unbroken run of non-blank lines above holds an FM or TO line. An INFO line alone is no such block (`INFO LOG-00 …`, the
 * office distribution list of a later section's page header, sits above that section's class line).
 */
function underAddressLines(lines: Line[], i: number, from: number): boolean {
  // the line right above is an address line itself: a keyword line or an addressee of its list
  const above = lines[i - 1].text
  if (!isAddressKeywordLine(above) && !isAddresseeLine(above.replace(/[a-z]+/g, (w) => w.toUpperCase()), false)) return false
  for (let j = i - 1; j >= from && j > i - 40; j--) {
    if (lines[j].blank) return false
    if (isFmLine(lines[j].text) || isToLine(lines[j].text)) return true
  }
  return false
}

/**
 * The MRN of a printout's banner (`S E C R E T        DOHA 00214`), for a text whose own class line below the
 * envelope is lost or names none: the banner reprints the message's class line, so its origin and serial are
 * the message's. Only the MRN is taken; the level comes from the envelope (FL4) or the text as before.
 */
function mrnOfBanner(cable: Cable, line: string) {
  const m = CLASS_LINE.exec(line)
  if (!m) return
  const { originStart } = leadOfOrigin(m[5])
  cable.mrn = { origin: m[5].slice(originStart).trim().toUpperCase().replace(/\s+/g, ' '), serial: m[6] }
}

/**
 * The first line of an envelope (`opensEnvelope`) after an empty line within the 40 lines below a class line; -1 when
 * there is none. `V` opens every FL1 line: one compare per line spares the regexes on all others (this runs below
 * the class line of every cable).
 */
function envelopeBelow(lines: Line[], from: number, limit: number): number {
  for (let j = from; j < limit && j < from + 40; j++) {
    if (firstNonSpaceCode(lines[j].text) === 86 /* V */ && lines[j - 1].blank && opensEnvelope(lines, j)) return j
  }
  return -1
}

function cablePrecedence(header: HeaderResult) {
  const words = [...(header.to ?? []), ...(header.info ?? [])].map((a) => a.precedence)
  const prosigns = header.envelope.dtg?.precedence ?? header.yearlessDtg?.precedence
  const fl5 = prosigns ? precedenceOfProsign(prosigns[0]) : null
  const niact = (header.to ?? []).some((a) => a.precedence === 'NIACT IMMEDIATE')
  if (niact) return 'NIACT IMMEDIATE' as const
  return fl5 ?? highestPrecedence(words)
}

/**
 * The text has an MRN but no year (partial records): take the year from the publisher's id when that id
 * names the same origin and serial; without an MRN, take the publisher's id as it is.
 */
function idFromHint(cable: Cable, hintId: string, diagnostics: Diagnostic[]) {
  const id = canonicalId(hintId)
  if (!id) return
  if (cable.mrn && !/^X+$/.test(cable.mrn.origin.replace(/\s/g, ''))) {
    const mrnTail = buildId('00', cable.mrn.origin, cable.mrn.serial)?.slice(2)
    if (mrnTail !== id.slice(2)) return
  }
  cable.id = id
  // the publisher's form (`1975KINSHA01234`, `1975NEWDE14031_b`) is the written id, as an MRN's would be
  const as = hintId.trim()
  if (!cable.rawId && as.toUpperCase() !== id) cable.rawId = as
  const written = /^\d{2,4}([A-Z]+)\d/i.exec(hintId.trim())
  if (written) reportOriginRepair(written[1].toUpperCase(), cable.spans.classLine ?? emptySpan(), diagnostics)
  diagnostics.push({
    code: 'ID_FROM_METADATA',
    severity: 'info',
    message: `The text states no year; the reference id ${id} comes from the publisher's metadata`,
    span: cable.spans.classLine ?? emptySpan(),
  })
}

/** The web rendering marks itself with ¶ before paragraph numbers and `[TAG](#)` links. */
/**
 * `/[\n\r]$/.test(text)` read at the last character: the pattern (no `m` flag, so `$` is the end of the text) was
 * scanned over the whole input for every cable, though only its last character can match.
 */
function endsWithLineBreak(text: string): boolean {
  const last = text.charCodeAt(text.length - 1)
  return last === 10 || last === 13
}

function layoutOf(text: string, leadingEmptyLines: number, hasCR: boolean, hasPilcrow: boolean): Layout {
  const web = hasPilcrow || text.includes('](#)') // both scans run at several GB/s
  return { profile: web ? 'web' : 'telegram', leadingEmptyLines, finalNewline: text.endsWith('\n'), crlf: hasCR && text.includes('\r\n') }
}

/** Consecutive lines of one kind make a segment; each paragraph starts its own. Segments tile the text. */
function segmentsOf(lines: Line[], kinds: SegmentKind[], text: string): Segment[] {
  // each segment is one slice of the text, cut when it closes (appending line by line builds rope strings)
  const segments: Segment[] = []
  let kind: SegmentKind | null = null
  let segStart = 0
  let end = 0
  for (let i = 0; i < lines.length; i++) {
    const k = kinds[i] ?? 'unplaced'
    if (kind !== null && (k !== kind || k === 'para')) {
      segments.push({ kind, raw: text.slice(segStart, end) })
      segStart = end
    }
    kind = k
    end = lines[i].next
  }
  if (kind !== null) segments.push({ kind, raw: text.slice(segStart, end) })
  if (end < text.length) segments.push({ kind: 'unplaced', raw: text.slice(end) })
  return segments
}

function spanOf(index: LineIndex, r: { start: number; end: number } | undefined) {
  return r ? index.span(r.start, r.end) : emptySpan()
}

export function emptyCable(text: string): Cable {
  return {
    id: null,
    date: null,
    dateSource: null,
    origin: null,
    precedence: null,
    classification: null,
    captions: [],
    tags: [],
    subject: null,
    to: null,
    info: null,
    references: [],
    paragraphs: [],
    summary: null,
    comment: null,
    signers: [],
    eo: null,
    classifiedBy: null,
    sections: null,
    diagnostics: [],
    unavailable: null,
    trailer: null,
    rawId: null,
    mrn: null,
    subjectMarking: null,
    envelope: { transmission: null, routing: null, station: null, security: null, dtg: null },
    body: [],
    layout: { profile: 'telegram', leadingEmptyLines: 0, finalNewline: endsWithLineBreak(text), crlf: false },
    spans: {},
    tagSpans: [],
    captionSpans: [],
    segments: text ? [{ kind: 'unplaced', raw: text }] : [],
    container: null,
  }
}
