import { createHash } from 'node:crypto'
import { parseCable } from '../format/parse.js'
import type { SegmentKind } from '../format/model.js'
import type { CableRecord } from './store.js'

/**
 * What makes two texts of one cable the same version or different ones, and which version an archive shows.
 * Engines share these rules so a SQLite and a PostgreSQL archive keep the same versions of the same inputs.
 */

/**
 * SHA-256 (hex) of a text's content (`versionContent`) laid out as `versionLayout` reads it: two renderings of one
 * text (a Cablegate page, a cables.csv row, a copy with CR LF line ends or more blank lines between paragraphs,
 * a copy with an archive's declassification stamp after the signature) hash alike; a text with one word changed (a
 * name restored in a later release, a corrected copy) does not, and neither does one whose lines break elsewhere (a
 * blank line added or removed, a file wrapped at another width), as where a line starts decides the portion
 * structure a reader in part is shown (QA 14 F9).
 */
export function contentSha256(text: string): string {
  return createHash('sha256').update(versionLayout(versionContent(text)), 'utf8').digest('hex')
}

/** A line of nothing but white space: a blank line to the parser. */
const BLANK_LINE = /^\s*$/

/**
 * The layout of a text that makes its version (QA 14 F9): its lines as they stand, CR LF and a lone CR one line end, a
 * line of blanks only a blank line, each run of blank lines one blank line, and no blank line at the start or end.
 * Every line break stays: the portion structure (docs/research.md, "Portions") is read line by line, so a blank line
 * decides whether a sentence is a block of its own or part of the marked paragraph above it, and a line start decides
 * whether a paragraph number, a sub-item enumerator or a portion mark opens a portion or is a word inside one (`2. (S)`
 * moved mid-line by rewrapping). The blanks inside a line stay as they stand too: the parser reads a line that ends in
 * a blank as wrapped (a Classified By line continued), and a handling line with doubled gaps (`SENSITIVE  BUT
 * UNCLASSIFIED`) otherwise than with single ones (dev corpus, bench/version-layout-report.ts). Two copies alike in this
 * layout give every reader the same portions; copies that differ in it are two versions, which portion-level access
 * compares rendering by rendering (`versionAgreement`, src/archive/redact.ts).
 *
 * @example
 *   versionLayout('1. (C) A b.\r\n \r\n\r\n2. (S) C.\r\n') // '1. (C) A b.\n\n2. (S) C.'
 */
export function versionLayout(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (BLANK_LINE.test(line) ? '' : line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
}

/** Segments that end a text without being its content: the archive's trailer, wire end lines, blank lines. */
const AFTER_CONTENT: ReadonlySet<SegmentKind> = new Set(['trailer', 'envelope', 'blank'])

/**
 * What of a text makes a version: the text without what follows its last line of content, as the parser reads
 * it (spec §5.11: the wire end lines BT, #nnnn, NNNN and an archive's trailer: end-of-document marker,
 * message attributes, NARA declassification and review stamps). Such lines say where and when a copy was
 * released, not what the cable says: a copy that adds or lacks them is the same version, a source of its own.
 * A text that is nothing but such lines is its own content.
 */
export function versionContent(text: string): string {
  const segments = parseCable(text).segments
  let end = segments.length
  while (end > 0 && AFTER_CONTENT.has(segments[end - 1].kind)) end--
  if (end === segments.length || end === 0) return text
  let out = ''
  for (let i = 0; i < end; i++) out += segments[i].raw
  return out
}

/** A run of six or more X standing alone: how releases mark a withheld name or passage (`XXXXXXXXXXXX`). */
const WITHHELD_RUN = /(?<![A-Za-z0-9])X{6,}(?![A-Za-z0-9])/g

/** How many passages a release withheld (runs of `XXXXXX…`). */
export function withheldRuns(text: string): number {
  return text.match(WITHHELD_RUN)?.length ?? 0
}

/** What ranks one version against another. */
export interface VersionRank {
  errorCount: number
  withheldRuns: number
  textBytes: number
  contentSha256: string
}

/**
 * Orders versions best first: fewer parse errors, then fewer withheld passages (the fuller release), then the
 * longer text, then the content hash, so the version an archive shows never depends on import order.
 */
export function compareVersions(a: VersionRank, b: VersionRank): number {
  return (
    a.errorCount - b.errorCount ||
    a.withheldRuns - b.withheldRuns ||
    b.textBytes - a.textBytes ||
    (a.contentSha256 < b.contentSha256 ? -1 : a.contentSha256 > b.contentSha256 ? 1 : 0)
  )
}

/** A version's rank and the SHA-256 of the copy kept of it: what orders versions totally (`compareShown`). */
export interface NumberedRank extends VersionRank {
  textSha256: string
}

/**
 * Orders versions best first, totally: `compareVersions`, then (two versions of one content: a whole telegram and its
 * sections assembled alike, or rows a migration left `STALE_CONTENT_SHA256`) the lower text SHA-256. The first is the
 * version shown.
 */
export function compareShown(a: NumberedRank, b: NumberedRank): number {
  return compareVersions(a, b) || (a.textSha256 < b.textSha256 ? -1 : a.textSha256 > b.textSha256 ? 1 : 0)
}

/**
 * Orders versions as they are numbered (docs/research.md, "Version numbers"): the reverse of `compareShown`, so
 * version 1 is the one ranked last and the highest number is the version shown. A function of the set of texts alone
 * (never of import order or time), so `cable diff ID 1 2` names the same two texts in any archive holding the same
 * texts, whatever order they were imported in, on either engine.
 */
export function compareVersionNumbers(a: NumberedRank, b: NumberedRank): number {
  return compareShown(b, a)
}

/** The columns a version row stores about one text, as both engines name them. */
export interface VersionColumns {
  text_sha256: string
  content_sha256: string
  classification: string | null
  level: number
  caveats: string
  error_count: number
  withheld_runs: number
  text_bytes: number
}

/** The version columns of a record's text (`sha` its SHA-256, `content` its `contentSha256`). */
export function versionColumns(r: CableRecord, sha: string, content: string): VersionColumns {
  return {
    text_sha256: sha,
    content_sha256: content,
    classification: r.classification,
    level: r.level,
    caveats: r.caveats.join(' '),
    error_count: r.errorCount,
    withheld_runs: withheldRuns(r.text),
    text_bytes: Buffer.byteLength(r.text, 'utf8'),
  }
}

/** The rank of a stored version row, for `compareVersions`. */
export function rankOfRow(v: VersionColumns): VersionRank {
  return { errorCount: v.error_count, withheldRuns: v.withheld_runs, textBytes: v.text_bytes, contentSha256: v.content_sha256 }
}

/** A copy of a text: its parse errors and the SHA-256 of its bytes. */
export interface CopyRank {
  errorCount: number
  textSha256: string
}

/**
 * Whether copy `a` of a version's text (same `contentSha256`) is to be kept, and shown, rather than copy `b`: the one
 * with fewer parse errors, then the lower text SHA-256. A total order on copies, so the copy an archive keeps of a
 * version, its text hash in the archive's content hash (`cable snapshot`) and every rendering of it never depend on
 * import order (QA 14 F9).
 */
export function betterCopy(a: CopyRank, b: CopyRank): boolean {
  return a.errorCount < b.errorCount || (a.errorCount === b.errorCount && a.textSha256 < b.textSha256)
}

/**
 * The `content_sha256` a migration leaves on a version row when the identity rule changed (archive-011 on SQLite,
 * archive-008 on PostgreSQL): a migration never runs application code, so the writer hashes such a row again from
 * its stored text (`contentSha256`) before it compares another copy with it.
 */
export const STALE_CONTENT_SHA256 = ''

/** The diagnostic code of a record whose telegram text is unavailable (docs/data-model.md, `unavailable`). */
export const TEXT_UNAVAILABLE = 'TEXT_UNAVAILABLE'

/**
 * Whether a record holds no text of its cable (QA 14 F10): a NARA CFPF record saying `TELEGRAM TEXT FOR THIS MRN IS
 * UNAVAILABLE` or `TEXT ON MICROFILM`, or one with an empty text column, as the parser marks it (diagnostic
 * `TEXT_UNAVAILABLE`). Beside a record with the cable's text it is a source of the cable carrying its metadata, never
 * a version and never the text shown; a cable known only from such records is stored as a text-unavailable record.
 */
export function holdsNoText(r: Pick<CableRecord, 'diagnostics'>): boolean {
  return r.diagnostics.some((d) => d.code === TEXT_UNAVAILABLE)
}

/**
 * `cable_sources.version` of a source whose record holds no text (`holdsNoText`) of a cable that has one: a source of
 * the cable, of none of its versions.
 */
export const NO_TEXT_VERSION = 0
