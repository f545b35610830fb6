import { unpackText } from './pack-text.js'
import type { CableVersion, SourceRecord } from './store.js'
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
 * The rows of a hand-over of the version shown (`shownRow` chose `to` in place of `from`, the row shown so far or the
 * one that was to be shown): `from` keeps its text in its version row (`fromText`, deflated), `to` holds none (the
 * shown text lives in the cable's text row). Gives the two rows to store and `rows` with both replaced, the versions
 * the writer files and indexes the cable from. Pure; both engines' writers call it wherever the version shown changes.
 */
export function handOver<R extends { text: unknown }>(rows: readonly R[], from: R, fromText: NonNullable<R['text']>, to: R): { old: R; now: R; rows: R[] } {
  const old = { ...from, text: fromText }
  const now = { ...to, text: null } as R
  return { old, now, rows: rows.map((v) => (v === to ? now : v === from ? old : v)) }
}
