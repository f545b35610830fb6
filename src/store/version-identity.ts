import { createHash } from 'node:crypto'
import { parseCable } from '../format/parse.js'
import type { SegmentKind } from '../format/model.js'
import type { CableRecord } from './store.js'

/**
 * What makes two texts of one cable the same version or different ones, and which version an archive shows.
 * Engines share these rules so a SQLite and a PostgreSQL archive keep the same versions of the same inputs.
 */

/**
 * SHA-256 (hex) of a text's content (`versionContent`) with every run of whitespace made one space and the ends
 * trimmed: two renderings of one text (a Cablegate page, a cables.csv row, a file wrapped at another width, a
 * copy with an archive's declassification stamp after the signature) hash alike; a text with one word changed
 * (a name restored in a later release, a corrected copy) does not.
 */
export function contentSha256(text: string): string {
  return createHash('sha256').update(versionContent(text).replace(/\s+/g, ' ').trim(), 'utf8').digest('hex')
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
