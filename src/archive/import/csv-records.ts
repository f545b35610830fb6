import { StringDecoder } from 'node:string_decoder'
import { readCsvRecord } from '../../format/csv-record.js'

/** One CSV record, or why the text at that place is not one. `bytes` = bytes of the file read so far. */
export type CsvResult = { record: string[]; bytes: number } | { error: string; bytes: number }

/**
 * Streams the records of a CSV byte stream. A record that cannot be read yields an error and reading
 * resumes at the next line; empty lines are skipped. Memory holds one chunk plus the record being read.
 *
 * @example
 *   for await (const r of csvRecords(createReadStream('cables.csv'))) …
 */
export async function* csvRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvResult> {
  const decoder = new StringDecoder('utf8')
  let buf = ''
  let pos = 0
  let bytes = 0
  const drain = function* (eof: boolean): Generator<CsvResult> {
    while (pos < buf.length) {
      if (buf[pos] === '\n' || (buf[pos] === '\r' && buf[pos + 1] === '\n')) {
        pos += buf[pos] === '\n' ? 1 : 2
        continue
      }
      const step = readCsvRecord(buf, pos, eof)
      if (!step) return
      pos = step.next
      yield 'error' in step ? { error: step.error, bytes } : { record: step.fields, bytes }
    }
  }
  for await (const chunk of chunks) {
    bytes += chunk.length
    buf = buf.slice(pos) + decoder.write(chunk)
    pos = 0
    yield* drain(false)
  }
  buf = buf.slice(pos) + decoder.end()
  pos = 0
  yield* drain(true)
}
