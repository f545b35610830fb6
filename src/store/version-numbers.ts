import { unpackText } from './pack-text.js'
import type { CableVersion, SourceRecord } from './store.js'
import { compareVersionNumbers, contentSha256, rankOfRow, STALE_CONTENT_SHA256, type VersionColumns } from './version-identity.js'

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
