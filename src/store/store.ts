import type { QueryNode } from './query/ast.js'

/**
 * The archive's storage contract. Every engine (SQLite now, PostgreSQL later) implements it; nothing above
 * `src/store` sees SQL. Methods are async so a networked engine fits the same shape.
 */

/**
 * Who is reading. `level` is the clearance rank (UNCLASSIFIED 0, SBU 1, CONFIDENTIAL 2, SECRET 3,
 * TOP SECRET 4); `caveats` are the caveats the reader holds. A cable is visible when its level is at most
 * the reader's and the reader holds every caveat on it, and, in an operator database (`needToKnow` set),
 * when the reader also has a need to know (see `NeedToKnow`). `undefined` access means archive mode: all
 * visible. Every engine applies this one rule inside its queries, on every read path.
 */
export interface Access {
  level: number
  caveats: string[]
  /** Set for a directory user of an operator database; absent for a reader of a released archive. */
  needToKnow?: NeedToKnow
  /**
   * Portion-level access (docs/search.md): the caller renders a cable the reader may read only in part
   * redacted, so `search`, `facetedPage`, `count`, `facets` and `histogram` may also return cables above the
   * reader whose portions he may partly read, matching query words only in those portions. Honoured only
   * when the archive is configured for it (`portionAccess`); every other read path keeps the whole-cable rule.
   */
  portions?: boolean
}

/**
 * One portion of a cable (subject, paragraph with its continuation lines) that a reader not cleared for
 * the whole cable may still read: the level and caveats it demands and its text (`portionsOf` in
 * src/archive/redact.ts). Only such portions are stored; a cable's other portions are read with it whole.
 * `tag` and `caption` are no text but one value of that field the cable's redacted rendering shows (`text`
 * is the value as `CableRecord.tags` or `captions` holds it), stored with each demand its portions make: for
 * a reader who may read the cable only in part, `tag:`, `caption:` and their facets read these alone, never
 * the cable's own fields, so a value from a withheld line is never his to find or count. `date` (the date as
 * `CableRecord.date` writes it) and `date-source` (its `DateSourceRecord` as JSON) are likewise the date his
 * rendering gives (`date:`, the year facet, the histogram, date order and the date a hit shows read them for
 * him); a cable whose rendering gives him no date has none. `origin` is the originating post his rendering's FM
 * line gives (the origin a hit shows him; none when that line is withheld). Never full-text indexed.
 */
export interface PortionRecord {
  kind: 'subject' | 'body' | 'tag' | 'caption' | 'date' | 'date-source' | 'origin'
  level: number
  caveats: string[]
  text: string
}

/**
 * The need-to-know half of the access rule (docs/messaging.md, "Who may read a cable"), on top of level
 * and caveats:
 * - a cable released in this database is readable at its originating post and at every post it was
 *   delivered to (collective members included: delivery expands collectives to posts);
 * - one captioned SIPDIS also by cleared readers at any post;
 * - one carrying NODIS or EXDIS only by the principals named for it at release, whatever their post;
 * - a cable imported into the database (not released in it) only by holders of the archive-reader role.
 * A released cable's level, caveats and captions are read from its release record, which nothing changes
 * after release; its archive row must agree too. An import never writes under a released cable's id
 * (`UpsertOutcome.releasedKept`).
 */
export interface NeedToKnow {
  /** The reader's directory name (matched against a cable's principals). */
  user: string
  /** The reader's post, as a PLAD (`AMEMBASSY DUSHANBE`). */
  post: string
  /** Holds the archive-reader role: may read imported historical cables. */
  archiveReader: boolean
}

export type Rendering = 'text' | 'html' | 'csv' | 'tsv' | 'jsonl'

/** Where one copy of a cable came from. */
export interface SourceRecord {
  /** File path, `path#row=N` for a CSV row, `path#line=N` for a JSON line. */
  locator: string
  rendering: Rendering
  /** SHA-256 (hex) of the bytes of this copy as read. */
  sha256: string
  /** ISO timestamp of the import that first saw this copy. */
  importedAt: string
  /** Fields the container states outside the text (CSV columns, HTML metadata). */
  metadata: Record<string, string>
}

export interface AddresseeRecord {
  role: 'to' | 'info'
  name: string
  route: string | null
  precedence: string | null
}

/**
 * What a REF item names (the parser's `ReferenceKind`, src/format/model.ts): `cable` when `id` is set; else
 * `email`, `memo`, `letter`, `report`, `fax`, `meeting`, `other`, or `self` (the citing cable itself). Never
 * an edge of the reference graph unless `cable`. `unknown`: stored before the archive kept kinds (archive
 * migration 007/004) and not re-imported since; such an item names no cable.
 */
export type ReferenceKindRecord = 'cable' | 'email' | 'memo' | 'letter' | 'report' | 'fax' | 'meeting' | 'self' | 'other' | 'unknown'

export interface ReferenceRecord {
  letter: string | null
  /** Canonical id of the cited cable, null when the item names none. */
  id: string | null
  text: string
  kind: ReferenceKindRecord
}

/**
 * How a stored cable's `date` was found (the parser's `DateSource`, src/format/model.ts): `read` from the text
 * (DTG, dateline), `inferred` from pieces of a partial record, `container` from the metadata of the file that
 * held it; `unknown` for a cable stored before the archive kept this (archive migration 007 on SQLite, 004 on
 * PostgreSQL) and not re-imported since. `precision` is how much of `date` is known (`date` is written to it:
 * `2000`, `2000-09`, `2000-09-27T14:58:00Z`), null when unknown; `from` names what the date rests on, most
 * specific first (`dtg`, `decl-month`, `id`, `csv:date`), empty when unknown.
 */
export interface DateSourceRecord {
  basis: 'read' | 'inferred' | 'container' | 'unknown'
  precision: 'minute' | 'day' | 'month' | 'year' | null
  from: string[]
}

export interface DiagnosticRecord {
  code: string
  severity: string
  message: string
  line: number
  column: number
}

/** One cable as the archive stores it: parsed fields plus its lossless text. */
export interface CableRecord {
  /** Canonical id, or `sha256:<hex>` of the text for a cable whose id could not be read. */
  key: string
  id: string | null
  rawId: string | null
  date: string | null
  /** How `date` was found; null exactly when `date` is. */
  dateSource: DateSourceRecord | null
  /** Origin as the cable gives it, and the station key used for `origin:` and facets (`HARARE`, `STATE`). */
  origin: string | null
  originKey: string | null
  precedence: string | null
  classification: string | null
  level: number
  caveats: string[]
  subject: string | null
  captions: string[]
  tags: string[]
  addressees: AddresseeRecord[]
  references: ReferenceRecord[]
  text: string
  diagnostics: DiagnosticRecord[]
  /** Number of error-severity diagnostics; a copy with fewer errors replaces a worse one. */
  errorCount: number
  /**
   * Which section of a telegram sent in sections this text is, when it is one section alone (`sectionOf`,
   * src/store/sections.ts: `SECTION 02 OF 03` on its class line); absent or null for any other text. The engines keep
   * such texts as sections of one version, not as versions (docs/research.md, "Sections").
   */
  section?: { number: number; of: number } | null
  source: SourceRecord
  /**
   * The portions a reader below the cable's level could read, for portion-level access; stored only while
   * the archive has it on. Absent: none (the cable is read whole or not at all).
   */
  portions?: PortionRecord[]
  /**
   * `text` as the engine stores it, when computed ahead by `packRecordText`: the import's parse worker does,
   * so the thread that writes the database only writes. An engine computes it itself when absent.
   */
  packed?: PackedText
  /**
   * The engine's own index data for this record, computed ahead by `prepareRecord`
   * (`src/store/prepare-record.ts`) in the import's parse worker; an engine uses only what was prepared
   * for it and computes anything absent itself.
   */
  prepared?: PreparedIndex
}

/**
 * Index data an engine derives from a record alone. PostgreSQL: the word vectors of subject and body, of
 * the addressees, and of the subject alone, in binary tsvector format (`src/store/postgres/pg-tsvector.ts`).
 */
export interface PreparedIndex {
  engine: 'postgres'
  fts: Uint8Array
  to: Uint8Array
  subject: Uint8Array
  /** Highest overflow bucket the vectors use. */
  maxBucket: number
}

/** A cable text's SHA-256 (hex, of its UTF-8) and its deflated bytes (`src/store/pack-text.ts`). */
export interface PackedText {
  sha256: string
  deflated: Uint8Array
}

/** A stored cable as read back. */
export interface StoredCable extends Omit<CableRecord, 'source' | 'packed' | 'prepared' | 'portions' | 'section'> {
  sources: SourceRecord[]
}

/** The few fields lists and graphs need. */
export interface CableSummary {
  key: string
  id: string | null
  date: string | null
  origin: string | null
  classification: string | null
  subject: string | null
}

export interface UpsertOutcome {
  inserted: number
  /** A better copy (fewer parse errors) of a text already stored took its place. */
  replaced: number
  /** A different text of a cable already stored (a later release, a corrected copy), kept beside the others. */
  versionsAdded: number
  /**
   * A section of a telegram sent in sections that the archive held no text of (`SECTION 02 OF 03` beside its
   * SECTION 01): part of the cable's text from now on, no version (docs/research.md, "Sections").
   */
  sectionsAdded: number
  unchanged: number
  sourcesAdded: number
  /**
   * Texts under the id of a cable released in this database, not stored: a released cable is immutable and
   * its archive row holds the released text only (an import cannot add a version, a source or a better
   * copy to it). Never shown to an importer who might not read the cable (it would tell him it exists).
   */
  releasedKept: number
}

/**
 * One text of a cable. Renderings of the same text (whitespace aside) are one version with several sources;
 * a text that differs in a word is another version. Versions are numbered from 1 by rank, a function of the set of
 * texts alone (`compareVersionNumbers`: version 1 the one ranked last, the highest number the one shown), never by
 * import order, so two archives holding the same texts number them alike (docs/research.md, "Version numbers");
 * `current` is the one the archive shows and indexes fields from (`compareVersions`), listed last.
 */
export interface CableVersion {
  version: number
  current: boolean
  /** SHA-256 (hex) of the stored copy's UTF-8. */
  textSha256: string
  classification: string | null
  level: number
  caveats: string[]
  errorCount: number
  /** Passages the release withheld (`XXXXXX` runs). */
  withheldRuns: number
  /** ISO timestamp of the import that first saw this text. */
  firstSeen: string
  sources: SourceRecord[]
  /**
   * The text: for a cable kept in sections, its sections in order, one the archive holds no text of stated as
   * missing (`missingSectionLine`, src/store/sections.ts).
   */
  text: string
  /**
   * For a version made of the sections of a telegram sent in sections: each section in order, the text the archive
   * holds of it (its SHA-256, parse errors, filing and sources; a text shared by several versions is listed in each),
   * or `missing: true` for one it holds no text of. Absent for a version that is one text.
   */
  sections?: VersionSection[]
}

/** One section of a version made of sections (`CableVersion.sections`). */
export interface VersionSection {
  /** Its number and the telegram's number of sections (`SECTION 02 OF 03`: 2 of 3). */
  section: number
  of: number
  /** True when the archive holds no text of this section; the fields below are then empty. */
  missing: boolean
  textSha256: string
  classification: string | null
  level: number
  caveats: string[]
  errorCount: number
  firstSeen: string
  sources: SourceRecord[]
  text: string
}

/** A saved query snapshot: its short id, when it was saved, and its body (JSON, opaque to the store). */
export interface SnapshotRecord {
  id: string
  savedAt: string
  body: string
}

/** A cable's key with the text hash of one of its versions: what an archive's content hash is made of. */
export interface CableDigest {
  key: string
  textSha256: string
}

export type SortOrder = 'rank' | 'date' | 'date-desc'

export interface SearchOptions {
  sort: SortOrder
  limit?: number
  offset?: number
  /** Return each hit's text (for snippets); costs a read per hit. */
  withText?: boolean
}

export interface SearchHit extends CableSummary {
  /** How `date` was found (an inferred or container date is never shown as read); null when undated. */
  dateSource: DateSourceRecord | null
  tags: string[]
  /** BM25 score (lower is better, as FTS5 reports it); null when the query has no text terms. */
  score: number | null
  text?: string
  /**
   * Set on a hit the reader may read only in part (portion-level access): the level and caveats the archive
   * files the cable under, so the caller can redact `text`. `subject` is null then unless its portion is readable.
   */
  partial?: { level: number; caveats: string[] }
}

/**
 * The facets of a result. `tag` counts every listed TAG (a repeat counts again); `caption` counts each
 * cable once per distinct caption, so a caption's count is what `caption:X` selects.
 */
export type FacetName = 'origin' | 'year' | 'classification' | 'tag' | 'precedence' | 'caption'
export type Facets = Record<FacetName, { value: string; count: number }[]>

/** A page of hits with the total and facets of the whole result. */
export interface FacetedPage {
  total: number
  facets: Facets
  hits: SearchHit[]
}

/** Width of a date histogram's bins. */
export type HistogramInterval = 'year' | 'month' | 'day'

/**
 * Cables per bin over a whole result set, bins in date order (`1979`, `1979-03`, `1979-03-14`); cables with
 * no date counted under `(none)`, first. The counts sum to the result's total.
 */
export type DateHistogram = { value: string; count: number }[]

export interface ArchiveStats {
  cables: number
  sources: number
  withErrors: number
  byYear: { value: string; count: number }[]
  byOrigin: { value: string; count: number }[]
  byClassification: { value: string; count: number }[]
  byMonth: { value: string; count: number }[]
}

/** What `Store.setPortionAccess` hands its `portions` function for each stored cable. */
export interface PortionSource {
  key: string
  level: number
  caveats: string[]
  /** The shown text. */
  text: string
  /** The TAGS and captions stored for it; absent, they are read from `text` as the archive would store them. */
  tags?: string[]
  captions?: string[]
  /** The date stored for it and how it was found; absent, the date of `text` as the archive parses it. */
  date?: string | null
  dateSource?: DateSourceRecord | null
  /** The texts of its other versions, for a cable with several. */
  versions?: string[]
}

/** A cited id (`Store.referencedIds`). */
export interface ReferencedId {
  id: string
  /** Visible cables citing it. */
  citedBy: number
  /** Latest stored date among those cables (ISO, at the precision stored), null when none is dated. */
  lastCitedAt: string | null
}

export interface Store {
  readonly engine: string
  /** Writes a batch in one transaction: upsert by key, every new source recorded. */
  upsertCables(batch: CableRecord[]): Promise<UpsertOutcome>
  /** Streams the hits of a query (null = every visible cable) in the requested order. */
  search(query: QueryNode | null, options: SearchOptions, access?: Access): AsyncIterable<SearchHit>
  /** One page with total and facets, in one pass over the matches (what a results screen needs). */
  facetedPage(query: QueryNode | null, options: SearchOptions & { limit: number }, access?: Access, top?: number): Promise<FacetedPage>
  count(query: QueryNode | null, access?: Access): Promise<number>
  facets(query: QueryNode | null, access?: Access, top?: number): Promise<Facets>
  /** A cable by canonical id, raw id or surrogate key. */
  getCable(idOrKey: string, access?: Access): Promise<StoredCable | null>
  /** Visible cables whose REF names `id`. */
  citing(id: string, access?: Access): Promise<CableSummary[]>
  /** Visible cables among `ids`, keyed by canonical id. */
  resolve(ids: string[], access?: Access): Promise<Map<string, CableSummary>>
  stats(access?: Access): Promise<ArchiveStats>
  /** Matches of `query` (null = every visible cable) per year, month or day of their date. */
  histogram(query: QueryNode | null, interval: HistogramInterval, access?: Access): Promise<DateHistogram>
  /**
   * Every text of a visible cable, numbered by rank, the shown one last (`CableVersion`), each with its sources; null when `idOrKey` names no visible
   * cable. A cable is visible when the reader may read every one of its versions (the stored level and
   * caveats are the highest of them).
   */
  versions(idOrKey: string, access?: Access): Promise<CableVersion[] | null>
  /** One digest per version of every visible cable (any order); `keys` narrows to those cables. */
  digests(access?: Access, keys?: string[]): AsyncIterable<CableDigest>
  /**
   * Every cable id named in a REF of a visible cable, with how many visible cables cite it and the latest date
   * among them (`lastCitedAt`, the stored ISO date, null when none of them is dated): a cable cannot be issued
   * after the last cable that cites it (the gap map's date check).
   */
  referencedIds(access?: Access): Promise<ReferencedId[]>
  /** Whether the archive is configured for portion-level access (off unless turned on). */
  portionAccess(): Promise<boolean>
  /**
   * Turns portion-level access on or off. On: `portions` gives each cable's readable portions (called with
   * every cable's key, level, caveats and shown text, the TAGS and captions stored for it, `versions` the texts of
   * its other versions) and they are stored; cables written from then on store theirs. Off: every stored portion
   * is dropped.
   */
  setPortionAccess(on: boolean, portions: (cable: PortionSource) => PortionRecord[]): Promise<void>
  /**
   * A cable the reader may read only in part under portion-level access: not readable whole, at least one of
   * its stored portions readable, need to know (operator databases) met. Null otherwise, and when the archive
   * has portion-level access off. The text is whole: the caller renders it redacted.
   */
  partialCable(idOrKey: string, access: Access): Promise<StoredCable | null>
  /** Records a query snapshot (`src/archive/snapshots.ts` makes the body); saving the same id again keeps the first. */
  saveSnapshot(snapshot: SnapshotRecord): Promise<void>
  /** A saved snapshot by id, null when this archive holds none by that id. */
  snapshot(id: string): Promise<SnapshotRecord | null>
  close(): Promise<void>
}
