import type { DateSourceRecord, DiagnosticRecord, ReferenceRecord, SourceRecord, StoredCable } from '../store.js'
import { splitList, splitTagList } from './sqlite-writer.js'
import { unpackText } from '../pack-text.js'

/** A `cables` row as SQLite returns it. */
export interface CableRow {
  rowid: number
  key: string
  id: string | null
  raw_id: string | null
  date: string | null
  date_basis: string | null
  date_precision: string | null
  /** JSON list. */
  date_from: string | null
  origin: string | null
  origin_key: string | null
  precedence: string | null
  classification: string | null
  level: number
  caveat_mask: number
  caveats: string
  subject: string | null
  captions: string
  tags: string
  addressees: string
  diagnostics: string
  error_count: number
  text: Buffer
  text_bytes: number
  text_sha256: string
}

/**
 * A row's date provenance (archive-007): null for an undated cable; `unknown` for one dated by a row written
 * before the columns existed and never migrated (not a case the migrations leave, but never shown as read).
 */
export function dateSourceOf(row: { date: string | null; date_basis: string | null; date_precision: string | null; date_from: string | null }): DateSourceRecord | null {
  if (row.date === null) return null
  return {
    basis: (row.date_basis ?? 'unknown') as DateSourceRecord['basis'],
    precision: row.date_precision as DateSourceRecord['precision'],
    from: row.date_from ? (JSON.parse(row.date_from) as string[]) : [],
  }
}

/** Rebuilds the stored record from its row, its references and its sources. */
export function rowToStored(
  row: CableRow,
  references: ReferenceRecord[],
  sources: (Omit<SourceRecord, 'metadata'> & { metadata: string })[],
): StoredCable {
  return {
    key: row.key,
    id: row.id,
    rawId: row.raw_id,
    date: row.date,
    dateSource: dateSourceOf(row),
    origin: row.origin,
    originKey: row.origin_key,
    precedence: row.precedence,
    classification: row.classification,
    level: row.level,
    caveats: splitList(row.caveats),
    subject: row.subject,
    captions: JSON.parse(row.captions) as string[],
    tags: splitTagList(row.tags),
    addressees: JSON.parse(row.addressees),
    references,
    text: unpackText(row.text),
    diagnostics: JSON.parse(row.diagnostics) as DiagnosticRecord[],
    errorCount: row.error_count,
    sources: sources.map((s) => ({ ...s, metadata: JSON.parse(s.metadata) as Record<string, string> })),
  }
}
