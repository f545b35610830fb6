import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvRecords, type CsvResult } from '../../src/archive/import/csv-records.js'
import { csvField } from '../../src/archive/synth/write-synth.js'

async function read(text: string, chunk = 7): Promise<CsvResult[]> {
  const bytes = Buffer.from(text, 'utf8')
  const pieces: Buffer[] = []
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk))
  const out: CsvResult[] = []
  for await (const r of csvRecords(Readable.from(pieces))) out.push(r)
  return out
}

const records = (results: CsvResult[]) => results.map((r) => ('record' in r ? r.record : r.error))

describe('csv records', () => {
  it('should read back any records written with quotes and backslash escapes, across any chunking', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\\', '\n', '\r\n', ' ', 'x', '😀'), maxLength: 12 })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), async (rows, chunk) => {
        const text = rows.map((r) => r.map(csvField).join(',') + '\n').join('')
        expect(records(await read(text, chunk))).toEqual(rows)
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('should read unquoted fields, RFC doubled quotes, CRLF, literal backslashes and a last line without newline', async () => {
    expect(records(await read('a,b\r\n"x""y","C:\\TEMP"\n\n1,"2"'))).toEqual([['a', 'b'], ['x"y', 'C:\\TEMP'], ['1', '2']])
  })

  it('should report a truncated last record and text after a closing quote, and go on', async () => {
    const r = records(await read('"a","b"x,y\n"c","d"\n"e","unterminated'))
    expect(r[0]).toMatch(/unexpected text after a closing quote/)
    expect(r[1]).toEqual(['c', 'd'])
    expect(r[2]).toMatch(/not closed before the end of the file/)
  })
})

describe('csv record lines', () => {
  it('should give the line each record starts on, counting the lines inside quoted fields and blank lines', async () => {
    const text = 'a,b\n"x\ny\nz",c\n\n"1","2"\nq,"w\n'
    const out = await read(text, 3)
    expect(out.map((r) => r.line)).toEqual([1, 2, 6, 7])
    expect('error' in out[3]).toBe(true)
  })
})
