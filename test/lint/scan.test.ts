import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pageHeaderSections } from '../../src/lint/scan.js'

const PAGE_HEADER_SECTIONS = /\b\d{8}\s+(\d{3})(?:\.\d+)?\s+OF\s+\d{3}\b/g
const byRegex = (text: string): number[] => [...new Set([...text.matchAll(PAGE_HEADER_SECTIONS)].map((m) => Number(m[1])))].sort((a, b) => a - b)
const byScan = (text: string): number[] => [...pageHeaderSections(text)].sort((a, b) => a - b)

/** Near-header chunks: each part of a page header, right or slightly wrong, so matches and near misses are both common. */
/** Mostly the well-formed part, sometimes one of its near misses. */
const part = (good: string[], bad: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 4 }, { arbitrary: fc.constantFrom(...bad), weight: 1 })
const ws = part([' ', '  ', '\n', '\t', '\u00a0', '\u2028', '\r\n'], ['', 'x', '-'])
const chunk = fc
  .tuple(
    part(['', ' ', 'STATE ', '\n', '.', '¶'], ['A', '_', '9']),
    part(['00099704', '12345678'], ['0009970', '000997041']),
    ws,
    part(['002', '010', '999'], ['01', '0003']),
    part(['', '.2', '.12'], ['.', '2', '.x']),
    ws,
    part(['OF'], ['Of', 'O', 'OFF']),
    ws,
    part(['003', '004'], ['03', '0031']),
    part(['', ' ', '\n', '.', ' OF 002'], ['_', 'A', '1']),
  )
  .map((parts) => parts.join(''))
const texts = fc.array(fc.oneof(chunk, fc.constantFrom('0', ' ', '\n', 'OF', '.', '00099704 ')), { maxLength: 6 }).map((p) => p.join(''))

describe('pageHeaderSections', () => {
  it('should find the section numbers the page-header regex finds', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(byScan(text)).toEqual(byRegex(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('should be tested on texts that match: the generator makes headers, not only noise', () => {
    const matching = fc.sample(texts, { numRuns: 5_000, seed: 1 }).filter((t) => byRegex(t).length > 0).length
    expect(matching).toBeGreaterThan(500)
  })

  it('should read headers at the edges of the text, after a decimal part and across line breaks', () => {
    for (const text of ['00099704 002 OF 003', 'STATE 00099704 001.2 OF 004\nx', 'X00099704 002 OF 003', '00099704\n\n003\nOF\n004', '00099704 002 OF 0031', '100099704 002 OF 003', '00099704 002. OF 003', '00099704 002 OF 003_', ' 00099704 1002 OF 003']) {
      expect(byScan(text)).toEqual(byRegex(text))
    }
    expect(byScan('STATE 00099704 002 OF 003 and 00099704 003 OF 003')).toEqual([2, 3])
  })
})
