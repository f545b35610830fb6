import type { Level } from './classification.js'

/**
 * The Cable model: what a parsed telegram is.
 *
 * The public fields (id, date, origin, …, diagnostics) are the JSON contract of `cable parse` and are
 * documented in docs/data-model.md. Everything else records what the canonical renderer needs to write
 * a telegram from fields alone (envelope, body blocks, layout), and what the lossless renderer needs to
 * reproduce the input byte for byte (segments). A Cable survives a JSON round trip unchanged.
 */

/** A place in the source: line and column from 1, offset from 0 (UTF-16 code units). */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A range in the source; `end` is the first character after it. A composed field has no span. */
export interface Span {
  start: Point
  end: Point
}

export type Severity = 'error' | 'warning' | 'info'

/** Closed set of parser diagnostic codes; tests match codes and spans, never wording. */
export type ParseCode =
  | 'UNPLACED_TEXT'
  | 'NO_HEADER'
  | 'PARTIAL_RECORD'
  | 'UNKNOWN_HEADER_LINE'
  | 'BAD_DTG'
  | 'NO_DTG'
  | 'DATE_INFERRED'
  | 'DTG_NO_YEAR'
  | 'DATE_FROM_STAMP'
  | 'DATE_STAMP_MISMATCH'
  | 'DATE_FROM_CONTAINER'
  | 'ORIGIN_FROM_CONTAINER'
  | 'ADDRESSEES_FROM_CONTAINER'
  | 'SUBJECT_FROM_CONTAINER'
  | 'TAGS_FROM_CONTAINER'
  | 'CAPTION_FROM_CONTAINER'
  | 'CONTAINER_VALUE_UNREAD'
  | 'NO_CLASS_LINE'
  | 'NO_ORIGIN'
  | 'XMT_WITHOUT_COLLECTIVE'
  | 'PRECEDENCE_MISSPELLED'
  | 'SECTION_OUT_OF_RANGE'
  | 'UNRESOLVED_ID'
  | 'UNPLACED_REF'
  | 'REF_PREVIOUS_YEAR'
  | 'REF_IMPOSSIBLE'
  | 'REF_TELEGRAM_WORD'
  | 'ID_REPAIRED'
  | 'ID_AMBIGUOUS'
  | 'TEXT_UNAVAILABLE'
  | 'ID_FROM_METADATA'
  | 'BAD_CSV_ROW'
  | 'CONTAINER_PREFIX'
  | 'BAD_HTML'
  | 'HTML_HIDDEN_TEXT'
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'BAD_MARKING'
  | 'PORTION_ABOVE_OVERALL'
  | 'CONTROL_CHARACTER'

export interface Diagnostic {
  code: ParseCode
  severity: Severity
  message: string
  span: Span
}

export type PrecedenceWord = 'FLASH' | 'NIACT IMMEDIATE' | 'IMMEDIATE' | 'PRIORITY' | 'ROUTINE'

/** One FM/TO/INFO/XMT addressee. */
export interface Addressee {
  /** Routing indicator before the slash (`RUEHDBU`), null when written without one. */
  route: string | null
  /** The PLAD (`AMEMBASSY DUSHANBE`, `ALL SOUTH AND CENTRAL ASIA COLLECTIVE`). */
  name: string
  /** The per-addressee precedence word, normalised (misspellings repaired), null when absent. */
  precedence: PrecedenceWord | null
  /** Message continuity number as written (`1302`, `0018`), null when absent. */
  serial: string | null
  /** For a collective: the PLADs its XMT line(s) exclude. Null for a non-collective. */
  excluded: string[] | null
  /**
   * What follows `PASS TO` after the PLAD (spec §4.1 attention text: `AMEMBASSY COYOTEPASS` of `RUEHFR/AMEMBASSY
   * PARIS PASS TO AMEMBASSY COYOTEPASS`), as written, whitespace-collapsed: a note, no addressee of its own. Absent
   * when the line has none.
   */
  passTo?: string
  span?: Span
}

export interface Reference {
  /** The REF letter (`A`), null for a single unlettered reference. */
  letter: string | null
  /** Canonical reference id of the cited cable (`09STATE99704`), null when the item names no cable. */
  id: string | null
  /** The item's text as written, whitespace-collapsed, a page banner glued to it removed. */
  text: string
  /**
   * `cable` when `id` is set; else what the item names: `email`, `memo`, `letter`, `report`, `fax`, `meeting`,
   * `other`, or `self` for the citing cable itself (kept as text, never an edge of the reference graph).
   */
  kind: ReferenceKind
  span?: Span
}

export type ReferenceKind = 'cable' | 'email' | 'memo' | 'letter' | 'report' | 'fax' | 'meeting' | 'self' | 'other'

export interface Paragraph {
  /** 1, 2, … for numbered paragraphs; 0 for an unnumbered block that opens with a portion mark (a lone portion). */
  number: number
  /** Portion mark without parentheses (`U`, `SBU`, `C`, `S//NF`), null when unmarked. */
  marking: string | null
  /** Text after the number and mark, continuation blocks attached, page headers removed. */
  text: string
  span?: Span
}

export interface ExecutiveOrder {
  /** `12958`, `13526`, …; null when the line names none. */
  order: string | null
  /** ISO date (`2019-09-24`) when DECL is a date; else the value as written (`N/A`, `X1`, `OADR`). */
  declassify: string | null
  span?: Span
}

export interface ClassifiedBy {
  name: string | null
  title: string | null
  /** Reason codes as `1.4(b)`; empty when the line names none. */
  reasons: string[]
  span?: Span
}

/** ACP-127 format lines 1–5 as recorded; every part optional because archives lose them. */
export interface Envelope {
  /** FL1 `VZCZCXRO3809` */
  transmission: { channel: string; sequence: string } | null
  /** FL2 `OO RUEHAST …`: digraph and destination routing indicators (continuation lines included). */
  routing: { prosign: string; routes: string[] } | null
  /** FL3 `DE RUEHC #9704/01 2671955` */
  station: { route: string; serial: string; section: string | null; filed: string } | null
  /** FL4 `ZNR UUUUU ZZH` */
  security: { opsig: string; group: string; signals: string[] } | null
  /** FL5 `O 241936Z SEP 09` */
  dtg: { precedence: string[]; day: string; time: string; month: string; year: string; signals: string[] } | null
}

/**
 * Body blocks: the structured text, enough for the canonical renderer. Blocks are separated by one empty
 * line unless `tight` (no empty line before it, as E.O., TAGS and SUBJECT share one block in the seed).
 */
export type TextBlock = TextBlockBody & { tight?: boolean }

export type TextBlockBody =
  | { type: 'classLine'; level: Level; spaced: boolean; section: { number: string; of: string } | null; origin: string; serial: string; extra: string | null; /** Controls joined to the class word with `//` as written (`NF`, `ORCON/NF`); absent or null for none. */ controls?: string | null }
  | { type: 'captions'; lines: string[] }
  | { type: 'eo'; text: string }
  | { type: 'tags'; tags: string[]; links: boolean }
  /** `label` is the keyword as written (`SUBJ:`); the canonical renderer always writes `SUBJECT:`. */
  | { type: 'subject'; marking: string | null; text: string; label: string }
  | { type: 'ref'; text: string }
  | { type: 'classifiedBy'; text: string }
  | { type: 'para'; number: number; marking: string | null; text: string; pilcrow: boolean }
  | { type: 'lines'; lines: string[] }
  | { type: 'pageHeader'; text: string }
  | { type: 'signature'; lines: string[] }

/** How the text was laid out, so the canonical renderer can lay it out the same way. */
export interface Layout {
  /** `web`: reflowed paragraphs with ¶ and `[TAG](#)` links (the seed); `telegram`: wrapped raw lines. */
  profile: 'web' | 'telegram'
  leadingEmptyLines: number
  /** The text ends with a line end (LF, CRLF or a lone CR). */
  finalNewline: boolean
  /**
   * The text has CRLF line ends, which the canonical rendering writes too. A text whose lines end with a lone CR
   * (old Mac files) is read as any other, and renders canonically with LF: only the lossless rendering keeps its CRs.
   */
  crlf: boolean
}

/** What one contiguous run of the input is; segments tile the input exactly. */
export type SegmentKind =
  | 'blank'
  | 'preamble'
  | 'envelope'
  | 'from'
  | 'to'
  | 'info'
  | 'xmt'
  | 'headerOther'
  | 'classLine'
  | 'captions'
  | 'eo'
  | 'tags'
  | 'subject'
  | 'ref'
  | 'classifiedBy'
  | 'para'
  | 'lines'
  | 'pageHeader'
  | 'signature'
  | 'trailer'
  | 'unplaced'

export interface Segment {
  kind: SegmentKind
  raw: string
}

/** Where a cable's text came from when it was wrapped in another rendering. */
export interface Container {
  /** `cfpf`: a record of a NARA CFPF export (AAD or History Lab), its text column the telegram. */
  rendering: 'html' | 'csv' | 'tsv' | 'cfpf'
  /** The whole input as received, for the lossless renderer (a CFPF record: its text column). */
  raw: string
  /** Fields the container states outside the cable text (HTML metadata table, CSV columns). */
  metadata: Record<string, string>
}

/**
 * How a cable's `date` was found. `read`: stated in the text (the DTG, a dateline); `inferred`: put together
 * from pieces of a partial record (page headers, DECL date, the id's year), never as sure as read;
 * `container`: the container's metadata (a CSV row's date column, an HTML page's Created).
 */
export interface DateSource {
  basis: 'read' | 'inferred' | 'container'
  /** What the date rests on, most specific first: `dtg`, `dateline`, `date-stamp` (an archive's `Cable dated:` stamp), `page-header`, `decl-month`, `text-month`, `dtg-no-year` (day, time and month of a DTG without its year), `text-date` (the year of the text's dates), `decl-year` (the DECL date chose among them), `id`, `id-hint`, `mrn`, `csv:date`, `html:Created`. */
  from: string[]
  /** How much of `date` is known; `date` is written to that precision (`2009`, `2009-09`, `2009-09-24T19:36:00Z`). */
  precision: 'minute' | 'day' | 'month' | 'year'
}

/** The part of a record after the message: metadata of the archive that kept it, never message text. */
export interface Trailer {
  /** The end-of-message marker as written (`NNN`, `NNNN`, `NNNNMAFVVZCZ`, `<< END OF DOCUMENT >>`), null when none. */
  marker: string | null
  /** `Key: value` lines of an attribute block (`Document Number`, `Locator`, `Original Classification`), keys as written. */
  attributes: Record<string, string>
  /** Other trailer lines (declassification stamps, review notes), trimmed. */
  lines: string[]
  span?: Span
}

export interface Cable {
  // ── public fields: the `cable parse` JSON contract ──
  id: string | null
  /** ISO 8601 UTC, reduced to the known precision for inferred dates (see `dateSource`). */
  date: string | null
  dateSource: DateSource | null
  origin: string | null
  precedence: PrecedenceWord | null
  classification: string | null
  captions: string[]
  tags: string[]
  subject: string | null
  to: Addressee[] | null
  info: Addressee[] | null
  references: Reference[]
  paragraphs: Paragraph[]
  summary: string | null
  comment: string | null
  signers: string[]
  eo: ExecutiveOrder | null
  classifiedBy: ClassifiedBy | null
  sections: number | null
  diagnostics: Diagnostic[]
  /**
   * For a record whose telegram text is missing (NARA CFPF `TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE`,
   * `TEXT ON MICROFILM`): the statement as written, upper-cased. Null for a record with text.
   */
  unavailable: string | null
  /** What follows the end of the message: end marker (`NNN`, `<< END OF DOCUMENT >>`), attribute block, archive stamps. */
  trailer: Trailer | null

  // ── recorded structure ──
  /** The reference id as the text spells it before canonicalisation, e.g. `09STATE099704`. */
  rawId: string | null
  /** Message reference number from the class line (origin as printed, serial as printed). */
  mrn: { origin: string; serial: string } | null
  /** Portion mark of the subject, without parentheses. */
  subjectMarking: string | null
  envelope: Envelope
  body: TextBlock[]
  layout: Layout
  /** Spans of scalar fields, keyed by field name (`id`, `date`, `origin`, `classification`, `tags`, `subject`, …). */
  spans: Partial<Record<SpanKey, Span>>
  /** Spans of the individual TAGS, parallel to `tags`. */
  tagSpans: Span[]
  /** Spans of caption occurrences, parallel to `captions`. */
  captionSpans: Span[]
  segments: Segment[]
  container: Container | null
}

export type SpanKey =
  | 'transmission'
  | 'routing'
  | 'station'
  | 'security'
  | 'dtg'
  | 'origin'
  | 'classLine'
  | 'classification'
  | 'captions'
  | 'eo'
  | 'tags'
  | 'subject'
  | 'subjectMarking'
  | 'references'
  | 'classifiedBy'
  | 'summary'
  | 'comment'
  | 'signature'
  | 'trailer'
  | 'header'
  | 'body'
