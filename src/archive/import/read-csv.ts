import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { csvRowText } from '../../format/container.js'
import { parseRecordText } from '../../format/parse.js'
import { cfpfShapeOf, type CfpfShape } from './cfpf-columns.js'
import { csvRecords } from './csv-records.js'
import { cfpfItem } from './read-cfpf.js'
import type { BytesRead, ImportItem, ImportProblem, InputFile } from './import-types.js'

/** Columns of the community `cables.csv` (no header row). */
export const CABLES_CSV_COLUMNS = ['id', 'date', 'refid', 'origin', 'classification', 'references', 'header', 'body'] as const

/**
 * Streams a `cables.csv` file row by row (the full file is 1.7 GB: never held in memory). Fields are
 * `"`-quoted with `\` escapes. Each row's header and body are parsed as one telegram; the other columns are
 * kept as source metadata. A row that cannot be read (wrong column count, a quote left open by a truncated
 * file) is a problem, and reading goes on with the next row.
 *
 * A header row in the layout of a NARA CFPF export (AAD, History Lab; `cfpfShapeOf`) makes the file one: each
 * row is then a CFPF record (`cfpfItem`), and a row that cannot be read is a problem at `path:line`.
 *
 * @example
 *   for await (const item of readCsv({ path: 'cables.csv', kind: 'csv', bytes }, onBytes)) …
 */
export async function* readCsv(file: InputFile, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  yield* csvItems(file.path, createReadStream(file.path, { highWaterMark: 1 << 20 }), file.bytes, onBytes)
}

/**
 * `readCsv` over any byte chunks of the file `path` (`bytes` long): the one reader of CSV cables, for
 * `cable import` (a streamed file) and `cable parse` (a text in memory, `cfpfTextItems`).
 */
export async function* csvItems(path: string, chunks: AsyncIterable<Buffer>, bytes: number, onBytes: BytesRead): AsyncGenerator<ImportItem | ImportProblem> {
  let columns: readonly string[] = CABLES_CSV_COLUMNS
  let shape: CfpfShape | null = null
  let row = 0
  let last = 0
  try {
    for await (const r of csvRecords(chunks)) {
      row++
      onBytes(r.bytes - last)
      last = r.bytes
      const locator = `${path}#row=${row}`
      // a CFPF record spans many lines: its problems name the line it starts on
      const where = shape ? `${path}:${r.line}` : locator
      if ('error' in r) {
        yield { locator: where, reason: `unreadable CSV record: ${r.error}` }
        continue
      }
      const record = r.record
      if (row === 1 && (shape = cfpfShapeOf(record))) {
        columns = distinctNames(record.map((c) => c.trim()))
        continue
      }
      if (row === 1 && record[0]?.trim().toLowerCase() === 'id' && record.includes('body')) {
        columns = record.map((c) => c.trim().toLowerCase())
        continue
      }
      if (record.length !== columns.length) {
        yield { locator: where, reason: `expected ${columns.length} columns${shape ? ` (${shape} header)` : ''}, found ${record.length}` }
        continue
      }
      if (shape) {
        const fields: Record<string, string> = {}
        columns.forEach((c, i) => (fields[c] = record[i]))
        yield cfpfItem(locator, 'csv', shape, fields)
      } else yield rowItem(locator, columns, record)
    }
  } catch (error) {
    yield { locator: `${path}#row=${row + 1}`, reason: `CSV reading stopped: ${error instanceof Error ? error.message : String(error)}` }
  }
  onBytes(Math.max(0, bytes - last))
}

/**
 * Column names made distinct: a name published twice (AAD exports repeat `Film Number`) is the second time
 * `Film Number 2`, so that each column's value is kept (a record of fields by name would keep only the last).
 */
export function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>()
  return names.map((name) => {
    const key = (n: string) => n.toLowerCase().replace(/[\s_]+/g, ' ')
    let out = name
    for (let n = 2; seen.has(key(out)); n++) out = `${name} ${n}`
    seen.add(key(out))
    return out
  })
}

function rowItem(locator: string, columns: readonly string[], record: string[]): ImportItem {
  const fields: Record<string, string> = {}
  columns.forEach((c, i) => (fields[c] = record[i]))
  // the same decoder as `cable parse` on a row: continuations removed, metadata for what the text lacks
  const text = csvRowText(fields)
  const metadata: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) if (k !== 'header' && k !== 'body') metadata[k] = v
  const cable = parseRecordText(text, metadata, 'csv')
  return {
    locator,
    rendering: 'csv',
    // the row as read: its telegram text (header, empty line, body) and its metadata columns
    sha256: createHash('sha256').update(text).update(Object.values(metadata).join('\t')).digest('hex'),
    cable,
    text: cable.segments.map((s) => s.raw).join(''),
    metadata,
  }
}
