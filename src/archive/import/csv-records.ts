import { StringDecoder } from 'node:string_decoder'

/** One CSV record, or why the text at that place is not one. `bytes` = bytes of the file read so far. */
export type CsvResult = { record: string[]; bytes: number } | { error: string; bytes: number }

const SPECIAL_IN_QUOTES = /["\\]/g
const FIELD_END = /[,\n]/g

type Step = { fields: string[]; next: number } | { error: string; next: number } | null

/**
 * Reads one record starting at `start`; null when the buffer ends inside it and more input may follow.
 * Quoted fields take `\"` and `\\` escapes (the community cables.csv) as well as RFC 4180 `""`; other
 * backslashes are literal. Searching with native regexes instead of walking characters keeps a 5 KB body
 * a handful of steps.
 */
function readRecord(buf: string, start: number, eof: boolean): Step {
  const fields: string[] = []
  let i = start
  for (;;) {
    if (buf[i] === '"') {
      let out = ''
      let seg = i + 1
      let j = seg
      for (;;) {
        SPECIAL_IN_QUOTES.lastIndex = j
        const m = SPECIAL_IN_QUOTES.exec(buf)
        if (!m) return eof ? { error: 'a quoted field is not closed before the end of the file (truncated?)', next: buf.length } : null
        const k = m.index
        if (k + 1 >= buf.length && !eof) return null
        const after = buf[k + 1]
        if (buf[k] === '\\') {
          if (after === '"' || after === '\\') {
            out += buf.slice(seg, k) + after
            seg = j = k + 2
          } else j = k + 1
        } else if (after === '"') {
          out += buf.slice(seg, k) + '"'
          seg = j = k + 2
        } else {
          out += buf.slice(seg, k)
          i = k + 1
          break
        }
      }
      fields.push(out)
      const c = buf[i]
      if (c === ',') {
        i++
        continue
      }
      if (c === '\n') return { fields, next: i + 1 }
      if (c === '\r' && buf[i + 1] === '\n') return { fields, next: i + 2 }
      if (i >= buf.length || (c === '\r' && i + 1 >= buf.length)) return eof ? { fields, next: buf.length } : null
      const nl = buf.indexOf('\n', i)
      if (nl < 0 && !eof) return null
      return { error: `unexpected text after a closing quote: ${JSON.stringify(buf.slice(i, i + 20))}`, next: nl < 0 ? buf.length : nl + 1 }
    }
    FIELD_END.lastIndex = i
    const m = FIELD_END.exec(buf)
    if (!m) {
      if (!eof) return null
      fields.push(buf.slice(i).replace(/\r$/, ''))
      return { fields, next: buf.length }
    }
    if (buf[m.index] === ',') {
      fields.push(buf.slice(i, m.index))
      i = m.index + 1
    } else {
      fields.push(buf.slice(i, m.index).replace(/\r$/, ''))
      return { fields, next: m.index + 1 }
    }
  }
}

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
      const step = readRecord(buf, pos, eof)
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
