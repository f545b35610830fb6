/**
 * CSV records as the community `cables.csv` writes them, read from a string without I/O so that the parser
 * (one row) and the streaming importer (a 1.7 GB file, chunk by chunk) share one reader.
 */
const SPECIAL_IN_QUOTES = /["\\]/g
const FIELD_END = /[,\n]/g

export type CsvStep = { fields: string[]; next: number } | { error: string; next: number } | null

/**
 * Reads one record starting at `start`; null when the buffer ends inside it and more input may follow.
 * Quoted fields take `\"` and `\\` escapes (the community cables.csv) as well as RFC 4180 `""`; other
 * backslashes are literal. Searching with native regexes instead of walking characters keeps a 5 KB body
 * a handful of steps.
 */
export function readCsvRecord(buf: string, start: number, eof: boolean): CsvStep {
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

