import { StringDecoder } from 'node:string_decoder'
import { readCsvRecord } from '../../format/csv-record.js'

/**
 * One CSV record, or why the text at that place is not one. `bytes` = bytes of the file read so far; `line` =
 * the line of the file the record starts on (1-based; a quoted field may span lines).
 */
export type CsvResult = { record: string[]; bytes: number; line: number } | { error: string; bytes: number; line: number }

/**
 * Streams the records of a CSV byte stream. A record that cannot be read yields an error and reading
 * resumes at the next line; empty lines are skipped; a UTF-8 byte order mark at the start is skipped. Memory
 * holds one chunk plus the record being read.
 *
 * @example
 *   for await (const r of csvRecords(createReadStream('cables.csv'))) …
 */
export async function* csvRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvResult> {
  const decoder = new StringDecoder('utf8')
  let buf = ''
  let pos = 0
  let bytes = 0
  let line = 1
  /** Counts the line breaks of buf[from, to): indexOf runs at memory speed, so the count costs little. */
  const advance = (from: number, to: number) => {
    for (let i = buf.indexOf('\n', from); i !== -1 && i < to; i = buf.indexOf('\n', i + 1)) line++
  }
  const drain = function* (eof: boolean): Generator<CsvResult> {
    while (pos < buf.length) {
      if (buf[pos] === '\n' || (buf[pos] === '\r' && buf[pos + 1] === '\n')) {
        pos += buf[pos] === '\n' ? 1 : 2
        line++
        continue
      }
      const step = readCsvRecord(buf, pos, eof)
      if (!step) return
      const at = line
      advance(pos, step.next)
      pos = step.next
      yield 'error' in step ? { error: step.error, bytes, line: at } : { record: step.fields, bytes, line: at }
    }
  }
  let first = true
  for await (const chunk of chunks) {
    bytes += chunk.length
    buf = buf.slice(pos) + decoder.write(chunk)
    pos = 0
    // a byte order mark opens the file (AAD and spreadsheet exports write one), not its first record
    if (first && buf.length > 0) {
      first = false
      if (buf.charCodeAt(0) === 0xfeff) pos = 1
    }
    yield* drain(false)
  }
  buf = buf.slice(pos) + decoder.end()
  pos = 0
  yield* drain(true)
}
