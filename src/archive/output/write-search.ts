import type { DateSourceRecord, Facets } from '../../store/store.js'
import { dateSourceCell } from '../date-source.js'
import type { SearchResult } from '../search-archive.js'
import { MARK_CLOSE, MARK_OPEN } from '../snippet.js'
import { csvRow } from './csv-cell.js'
import { tagListText } from '../record-fields.js'

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv'
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'jsonl', 'csv']

export interface WriteOptions {
  format: OutputFormat
  offset: number
  /** Wraps highlighted words for a terminal (bold), instead of «marks». */
  emphasize?: (s: string) => string
}

/**
 * Writes a search result as it streams, one hit at a time, so output is never held whole.
 * json: one document `{ total, offset, hits, facets }`; jsonl: one hit per line, then a `{ "facets": … }`
 * line when asked; csv: one row per hit, then facet rows `facet,value,count` after an empty line. `write` may
 * return a promise (a network stream's backpressure): it is awaited before the next hit is read.
 */
export async function writeSearch(result: SearchResult, write: (s: string) => unknown, opts: WriteOptions): Promise<number> {
  let n = 0
  const mark = (s: string) =>
    opts.emphasize ? s.replace(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'), (_, w: string) => opts.emphasize!(w)) : s
  switch (opts.format) {
    case 'json': {
      await write(`{"total":${result.total},"offset":${opts.offset},"hits":[`)
      for await (const h of result.hits) await write((n++ ? ',' : '') + '\n' + JSON.stringify(h))
      await write(`\n]${result.facets ? `,"facets":${JSON.stringify(result.facets)}` : ''}}\n`)
      return n
    }
    case 'jsonl':
      for await (const h of result.hits) {
        await write(JSON.stringify(h) + '\n')
        n++
      }
      if (result.facets) await write(JSON.stringify({ facets: result.facets }) + '\n')
      return n
    case 'csv':
      await write(csvRow(['id', 'date', 'date_source', 'origin', 'classification', 'subject', 'tags', 'score', 'snippet']))
      for await (const h of result.hits) {
        await write(csvRow([h.id ?? h.key, h.date, dateSourceCell(h.dateSource), h.origin, h.classification, h.subject, tagListText(h.tags), h.score, h.snippet]))
        n++
      }
      if (result.facets) {
        await write('\n' + csvRow(['facet', 'value', 'count']))
        for (const [name, list] of Object.entries(result.facets)) for (const f of list) await write(csvRow([name, f.value, f.count]))
      }
      return n
    default: {
      for await (const h of result.hits) {
        n++
        const cls = h.classification ?? '?'
        await write(`${opts.offset + n}. ${h.id ?? h.key}  ${tableDate(h)}  ${h.origin ?? '?'}  ${cls}\n`)
        await write(`   ${h.subject ?? '(no subject)'}\n`)
        if (h.snippet) await write(`   ${mark(h.snippet)}\n`)
      }
      const shown = n ? `${opts.offset + 1}–${opts.offset + n}` : 'none'
      await write(`${result.total} cable${result.total === 1 ? '' : 's'} found; showing ${shown}\n`)
      if (result.facets) await write(facetTable(result.facets))
      return n
    }
  }
}

/**
 * A hit's date in the table view: the day of a date read from the text; an inferred, container or unknown
 * date marked so (`2000-09 (inferred)`, `1975-03-18 (container)`), never shown as if read.
 */
function tableDate(h: { date: string | null; dateSource: DateSourceRecord | null }): string {
  if (!h.date) return '----------'
  const basis = h.dateSource?.basis ?? 'unknown'
  return basis === 'read' ? h.date.slice(0, 10) : `${h.date.slice(0, 10)} (${basis})`
}

/** Facets as indented lists, one block per facet. */
export function facetTable(facets: Facets): string {
  let out = ''
  for (const [name, list] of Object.entries(facets)) {
    out += `\n${name}:\n`
    const width = Math.max(0, ...list.map((f) => f.value.length))
    for (const f of list) out += `  ${f.value.padEnd(width)}  ${f.count}\n`
  }
  return out
}
