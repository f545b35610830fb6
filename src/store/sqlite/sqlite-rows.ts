import type { DiagnosticRecord, ReferenceRecord, SourceRecord, StoredCable } from '../store.js'
import { splitList } from './sqlite-writer.js'
import { unpackText } from '../pack-text.js'

/** A `cables` row as SQLite returns it. */
export interface CableRow {
  rowid: number
  key: string
  id: string | null
  raw_id: string | null
  date: string | null
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
    origin: row.origin,
    originKey: row.origin_key,
    precedence: row.precedence,
    classification: row.classification,
    level: row.level,
    caveats: splitList(row.caveats),
    subject: row.subject,
    captions: JSON.parse(row.captions) as string[],
    tags: splitList(row.tags),
    addressees: JSON.parse(row.addressees),
    references,
    text: unpackText(row.text),
    diagnostics: JSON.parse(row.diagnostics) as DiagnosticRecord[],
    errorCount: row.error_count,
    sources: sources.map((s) => ({ ...s, metadata: JSON.parse(s.metadata) as Record<string, string> })),
  }
}
