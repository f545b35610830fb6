import { createHash } from 'node:crypto'
import { parseRecordText } from '../../format/parse.js'
import type { Rendering } from '../../store/store.js'
import { cfpfRecord, type CfpfShape } from './cfpf-columns.js'
import type { ImportItem } from './import-types.js'

/**
 * One record of a NARA CFPF export (AAD CSV row, History Lab JSON object or CSV row) as a cable: its text
 * column is the telegram, parsed as a record's text is (`parseRecordText`), and its columns fill what the text
 * lacks, each use marked as from the container (id, date, origin, addressees, subject, TAGS, handling
 * captions). A record without text is a text-unavailable record carrying its metadata. The stored text is the
 * text column byte for byte; the hash covers text and metadata, so the same record read again is the same source.
 *
 * @example
 *   cfpfItem('aad.csv#row=2', 'csv', 'nara-aad', { 'Document Number': '1975QUORIN01234', … })
 */
export function cfpfItem(locator: string, rendering: Rendering, shape: CfpfShape, fields: Record<string, unknown>): ImportItem {
  const { text, metadata } = cfpfRecord(shape, fields)
  const cable = parseRecordText(text, metadata, shape)
  // the columns travel with the cable, so `cable parse` shows them and its JSON Lines import as this record does
  cable.container = { rendering: 'cfpf', raw: text, metadata }
  return {
    locator,
    rendering,
    sha256: createHash('sha256').update(text).update(JSON.stringify(metadata)).digest('hex'),
    cable,
    text: cable.segments.map((s) => s.raw).join(''),
    metadata,
  }
}
