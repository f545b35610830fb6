import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { withoutSpans } from './fixtures.js'

// Synthetic cables (invented posts QUORIN, VELLORA and TESSIN, invented text) whose address lines write their
// keyword with a colon (`FM: …`, `TO: …`, `INFO: …`), as some publishers and eras do: the lines are the FM, TO and
// INFO lines they are, with precedence, MCN and spans; a colon line that names no addressee stays text.
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}
const kindOf = (c: ReturnType<typeof parseCable>, line: string) => c.segments.find((s) => s.raw.split('\n').includes(line))?.kind
const at = (text: string, s: { start: { offset: number }; end: { offset: number } } | undefined) => (s ? text.slice(s.start.offset, s.end.offset) : undefined)

describe('address lines written with a colon', () => {
  it('should read FM:, TO: and INFO: lines with precedence, MCN and spans', () => {
    const text =
      'R 151646Z OCT 09\nFM: AMEMBASSY QUORIN\nTO: SECSTATE WASHDC IMMEDIATE 1234\nINFO: AMEMBASSY VELLORA PRIORITY 0044\n     AMEMBASSY TESSIN 0045\n\nC O N F I D E N T I A L QUORIN 000777\n\nE.O. 12958: DECL: 10/15/2019\nTAGS: PREL, XY\nSUBJECT: INVENTED TALKS\n\n1. (C) The talks went on.\n\nDOE\n'
    const c = parse(text)
    expect(c.origin).toBe('AMEMBASSY QUORIN')
    expect(at(text, c.spans.origin)).toBe('AMEMBASSY QUORIN')
    expect(withoutSpans(c.to)).toEqual([{ route: null, name: 'SECSTATE WASHDC', precedence: 'IMMEDIATE', serial: '1234', excluded: null }])
    expect(at(text, c.to![0].span)).toBe('SECSTATE WASHDC IMMEDIATE 1234')
    expect(c.info?.map((a) => [a.name, a.precedence, a.serial])).toEqual([
      ['AMEMBASSY VELLORA', 'PRIORITY', '0044'],
      ['AMEMBASSY TESSIN', null, '0045'],
    ])
    expect(at(text, c.info![0].span)).toBe('AMEMBASSY VELLORA PRIORITY 0044')
    expect(kindOf(c, 'FM: AMEMBASSY QUORIN')).toBe('from')
    expect(kindOf(c, 'TO: SECSTATE WASHDC IMMEDIATE 1234')).toBe('to')
    expect(kindOf(c, 'INFO: AMEMBASSY VELLORA PRIORITY 0044')).toBe('info')
    expect(c.id).toBe('09QUORIN777')
    expect(c.precedence).toBe('ROUTINE')
    expect(c.diagnostics.map((d) => d.code)).not.toContain('NO_HEADER')
  })

  it('should read colon lines in mixed case, with a space before the colon or none after it, with a routing indicator', () => {
    const text = 'Fm : Amembassy Quorin\nTo:RUEHC/SECSTATE WASHDC PRIORITY 0517\n\nC O N F I D E N T I A L QUORIN 000412\n\nSUBJECT: INVENTED\n\n1. (C) Text.\n'
    const c = parse(text)
    expect(c.origin).toBe('AMEMBASSY QUORIN')
    expect(withoutSpans(c.to)).toEqual([{ route: 'RUEHC', name: 'SECSTATE WASHDC', precedence: 'PRIORITY', serial: '0517', excluded: null }])
  })

  it('should read a fragment that starts at a TO: line, precedence and MCN without a DTG above', () => {
    const c = parse('TO: SECSTATE WASHDC NIACT IMMEDIATE 2231\nINFO: AMEMBASSY VELLORA 0012\n\nSUBJECT: INVENTED VISIT\n\n1. Text.\n')
    expect(c.to?.map((a) => [a.name, a.precedence, a.serial])).toEqual([['SECSTATE WASHDC', 'NIACT IMMEDIATE', '2231']])
    expect(c.info?.map((a) => a.name)).toEqual(['AMEMBASSY VELLORA'])
    expect(c.subject).toBe('INVENTED VISIT')
  })

  it('should leave a colon line that names no addressee as text (a heading, a memo, a distribution list)', () => {
    const heading = parse('FM: WORLD MUST AVOID A TRADE WAR\n\n1. The minister spoke.\n')
    expect(heading.origin).toBeNull()
    expect(kindOf(heading, 'FM: WORLD MUST AVOID A TRADE WAR')).not.toBe('from')
    const memo = parse('TO: ALL STAFF OF THE EMBASSY\nFM: THE DCM\n\nText of a memo.\n')
    expect(memo.to).toBeNull()
    expect(memo.origin).toBeNull()
    const list = parse('FM: AMEMBASSY QUORIN\nTO: SECSTATE WASHDC 0517\n\n    INFO:   CONS RSO AMB ECON DCM\n\nC O N F I D E N T I A L QUORIN 000412\n\n1. (C) Text.\n')
    expect(list.origin).toBe('AMEMBASSY QUORIN')
    expect(list.info).toBeNull()
  })
})
