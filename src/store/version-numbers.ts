import { unpackText } from './pack-text.js'
import { recordOfText } from './sections.js'
import type { CableRecord, CableVersion, SourceRecord } from './store.js'
import { compareShown, compareVersionNumbers, contentSha256, rankOfRow, STALE_CONTENT_SHA256, type VersionColumns } from './version-identity.js'

/** A `cable_versions` row as both engines store it (`version` the row's stored number, `text` null for the shown one). */
export interface StoredVersionRow extends VersionColumns {
  version: number
  first_seen: string
  text: Uint8Array | null
}

/**
 * The versions of a cable with several texts (its `cable_versions` rows) as `Store.versions` gives them, numbered as
 * `compareVersionNumbers` orders them (1 the version ranked last, the highest the one shown): the number a row was
 * stored under records only the order the archive first saw the texts in, so it is read as a row id, never shown
 * (docs/research.md, "Version numbers"; an archive written before needs no migration). `shownText` is the shown
 * text (`cable_texts`), `sourcesOf` the sources stored under a row's number. A row a migration left
 * `STALE_CONTENT_SHA256` is ranked by the content hash of its stored text, as the writer would hash it again.
 */
export function versionsOfRows(rows: readonly StoredVersionRow[], shownText: string, sourcesOf: (stored: number) => SourceRecord[]): CableVersion[] {
  return rows
    .map((row) => {
      const text = row.text === null ? shownText : unpackText(row.text)
      const content = row.content_sha256 === STALE_CONTENT_SHA256 ? contentSha256(text) : row.content_sha256
      return { row, text, rank: { ...rankOfRow(row), contentSha256: content, textSha256: row.text_sha256 } }
    })
    .sort((a, b) => compareVersionNumbers(a.rank, b.rank))
    .map(({ row, text }, i) => ({
      version: i + 1,
      current: row.text === null,
      textSha256: row.text_sha256,
      classification: row.classification,
      level: row.level,
      caveats: row.caveats === '' ? [] : row.caveats.split(' '),
      errorCount: row.error_count,
      withheldRuns: row.withheld_runs,
      firstSeen: row.first_seen,
      sources: sourcesOf(row.version),
      text,
    }))
}

/** A version row's rank and text hash, for `compareShown`. */
function shownRank(row: VersionColumns) {
  return { ...rankOfRow(row), textSha256: row.text_sha256 }
}

/**
 * The version row to show of a cable's version rows (each with the copy kept of it, `betterCopy`): the first by
 * `compareShown`, the one `versionsOfRows` numbers last. Writers call it after every write that changes a row's rank
 * (a new version, a better copy of any version, the shown one included), so the version shown is a function of the set
 * of texts, never of import order (docs/research.md, "Version numbers"). `rows` must not be empty.
 */
export function shownRow<T extends VersionColumns>(rows: readonly T[]): T {
  return rows.reduce((best, row) => (compareShown(shownRank(row), shownRank(best)) < 0 ? row : best))
}

/**
 * The record to show for a version whose text the archive kept in a version row (`text`, unpacked) when a write made it
 * the one shown (`shownRow`) though no record of it is at hand (a better copy of the version shown so far ranked that
 * one below it): its text read as an import reads it, under key `key`, with `source` (its earliest stored source, so
 * what the container states outside the text counts as it did when that copy was imported). Its filing and portions
 * are set from every version by the writer, as for any record it shows beside other versions.
 */
export function shownVersionRecord(key: string, text: string, source: SourceRecord): CableRecord {
  return recordOfText(key, text, source)
}
