import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { fixture, withoutSpans } from './fixtures.js'

describe('header', () => {
  const wire = parseCable(fixture('wire-confidential.txt'))

  it('should read FL1–FL5 of the ACP-127 envelope', () => {
    expect(wire.envelope).toEqual({
      transmission: { channel: 'XRO', sequence: '0417' },
      routing: { prosign: 'PP', routes: ['RUEHLO', 'RUEHFR'] },
      station: { route: 'RUEHBN', serial: '0417', section: '01', filed: '0521630' },
      security: { opsig: 'ZNY', group: 'CCCCC', signals: ['ZZH'] },
      dtg: { precedence: ['P'], day: '21', time: '1625', month: 'FEB', year: '08', signals: [] },
    })
    expect(wire.date).toBe('2008-02-21T16:25:00Z')
    expect(wire.precedence).toBe('PRIORITY')
  })

  it('should read addressees with route, precedence and serial', () => {
    expect(withoutSpans(wire.to)).toEqual([{ route: 'RUEHC', name: 'SECSTATE WASHDC', precedence: 'PRIORITY', serial: '4411', excluded: null }])
    expect(withoutSpans(wire.info)?.[1]).toEqual({ route: 'RUEHFR', name: 'AMEMBASSY PARIS', precedence: null, serial: '0388', excluded: null })
  })

  it('should give each addressee the span of its line', () => {
    const span = wire.to![0].span!
    expect(span.start).toEqual({ line: 7, column: 4, offset: expect.any(Number) })
    expect(fixture('wire-confidential.txt').slice(span.start.offset, span.end.offset)).toBe('RUEHC/SECSTATE WASHDC PRIORITY 4411')
  })

  it('should attach XMT exclusions to their collective and resume the list after them', () => {
    const c = parseCable(fixture('telegram-secret-noforn.txt'))
    expect(withoutSpans(c.info)).toEqual([
      { route: null, name: 'EUROPEAN POLITICAL COLLECTIVE', precedence: 'PRIORITY', serial: null, excluded: ['AMEMBASSY SOFIA', 'AMEMBASSY BUCHAREST'] },
      { route: 'RUEKJCS', name: 'SECDEF WASHDC', precedence: 'PRIORITY', serial: null, excluded: null },
    ])
  })

  it('should make NIACT IMMEDIATE on an action addressee the cable precedence', () => {
    const c = parseCable(fixture('telegram-secret-noforn.txt'))
    expect(c.to![0].precedence).toBe('NIACT IMMEDIATE')
    expect(c.precedence).toBe('NIACT IMMEDIATE')
  })

  it('should repair misspelled precedence words and warn', () => {
    const c = parseCable('R 010101Z JAN 09\nFM AMEMBASSY PARIS\nTO SECSTATE WASHDC PRIOITY 0001\n\nUNCLAS PARIS 000001\n')
    expect(c.to![0].precedence).toBe('PRIORITY')
    expect(c.diagnostics.map((d) => d.code)).toContain('PRECEDENCE_MISSPELLED')
  })

  it('should warn on XMT without a collective', () => {
    const c = parseCable('R 010101Z JAN 09\nFM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nXMT AMEMBASSY ROME\n\nUNCLAS STATE 000001\n')
    const d = c.diagnostics.find((x) => x.code === 'XMT_WITHOUT_COLLECTIVE')
    expect(d?.span.start.line).toBe(4)
  })

  it('should accept a header that starts at FL5 and has no TO line', () => {
    const c = parseCable(fixture('fragment-header.txt'))
    expect(c.date).toBe('2008-11-27T02:30:00Z')
    expect(c.origin).toBe('SECSTATE WASHDC')
    expect(c.to).toBeNull()
    expect(c.info?.[0].name).toBe('AMEMBASSY PANAMA')
    expect(c.precedence).toBe('ROUTINE')
  })

  it('should accept service text after FL5 operating signals', () => {
    const c = parseCable('P 261754Z OCT 06 ZDK EACTC SVC #0128\nFM AMEMBASSY REYKJAVIK\nTO SECSTATE WASHDC\n\nUNCLAS REYKJAVIK 000401\n')
    expect(c.date).toBe('2006-10-26T17:54:00Z')
    expect(c.envelope.dtg?.signals).toEqual(['ZDK', 'EACTC', 'SVC', '#0128'])
  })

  it('should report a DTG that names no real date', () => {
    const c = parseCable('O 311200Z FEB 09\nFM SECSTATE WASHDC\n\nUNCLAS STATE 000001\n')
    expect(c.date).toBeNull()
    expect(c.diagnostics.find((d) => d.code === 'BAD_DTG')?.span.start).toEqual({ line: 1, column: 1, offset: 0 })
  })
})

describe('a DTG line with a trailing annotation (QA 13)', () => {
  const head = (dtg: string) => `${dtg}\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC PRIORITY 1234\nBT\nUNCLAS QUORIN 000123\n\nSUBJECT: INVENTED\n\n1. Text.\n`

  it.each([
    ['R 151646Z OCT 09 CORRECTED COPY', '2009-10-15T16:46:00Z', ['CORRECTED', 'COPY']],
    ['O 091553Z May 05 CITE QUORIN 1234', '2005-05-09T15:53:00Z', ['CITE', 'QUORIN', '1234']],
    ['r 151646z oct 09 CORRECTED COPY (TEXT OF PARA 2)', '2009-10-15T16:46:00Z', ['CORRECTED', 'COPY', '(TEXT', 'OF', 'PARA', '2)']],
    ['R 151646Z OCT 09 (CCY AD1234 ADDED)', '2009-10-15T16:46:00Z', ['(CCY AD1234 ADDED)']],
  ])('should read %j as the DTG, the annotation kept as written', (dtg, date, signals) => {
    const c = parseCable(head(dtg))
    expect([c.id, c.date, c.envelope.dtg?.signals]).toEqual(['09QUORIN123'.replace('09', date.slice(2, 4)), date, signals])
    expect(c.diagnostics.map((d) => d.code)).not.toContain('NO_DTG')
  })

  it('should not take a line of text that opens with a DTG without prosign for a header', () => {
    const c = parseCable('151646Z OCT 09 THE MINISTER CALLED THE AMBASSADOR.\n\n1. Text.\n')
    expect(c.envelope.dtg).toBeNull()
    expect(c.date).toBeNull()
  })
})
