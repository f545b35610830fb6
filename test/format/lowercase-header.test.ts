import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { withoutSpans } from './fixtures.js'

// Synthetic cables (invented posts MORVALE and TESSIN, invented text), written in lower or mixed case as some
// releases and OCR texts are: the header lines are the fields they are; prose `to`/`from` stays prose.
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}
const kindOf = (c: ReturnType<typeof parseCable>, line: string) => c.segments.find((s) => s.raw.split('\n').includes(line))?.kind

describe('header lines in lower or mixed case', () => {
  it('should read a lower-cased header (FM, TO, INFO, BT) above the class line: origin, addressees, precedence, id', () => {
    const c = parse(
      'r 151646z mar 75\nfm amembassy morvale\nto secstate washdc immediate 1234\ninfo amembassy tessin 0044\nbt\nconfidential morvale 01234\n\ne.o. 11652: gds\ntags: prel, xy\nsubj: invented talks\n\n1. (c) the talks went on.\n',
    )
    expect(c.origin).toBe('AMEMBASSY MORVALE')
    expect(withoutSpans(c.to)).toEqual([{ route: null, name: 'SECSTATE WASHDC', precedence: 'IMMEDIATE', serial: '1234', excluded: null }])
    expect(withoutSpans(c.info)).toEqual([{ route: null, name: 'AMEMBASSY TESSIN', precedence: null, serial: '0044', excluded: null }])
    // the cable's precedence is the DTG line's prosign (`r`), read in any case
    expect(c.precedence).toBe('ROUTINE')
    expect(c.date).toBe('1975-03-15T16:46:00Z')
    expect(c.id).toBe('75MORVALE1234')
    expect(c.subject).toBe('invented talks')
    expect(c.tags).toEqual(['prel', 'xy'])
    expect(kindOf(c, 'fm amembassy morvale')).toBe('from')
    expect(kindOf(c, 'to secstate washdc immediate 1234')).toBe('to')
    expect(kindOf(c, 'bt')).toBe('envelope')
    expect(c.diagnostics.map((d) => d.code)).not.toContain('NO_HEADER')
  })

  it('should read mixed-case keywords and values, with a routing indicator written in lower case', () => {
    const c = parse('Fm Amembassy Morvale\nTo ruehc/Secstate Washdc Priority 0517\nInfo Amembassy Tessin\n\nC O N F I D E N T I A L MORVALE 000412\n\nSubject: invented\n\n1. (C) Text.\n')
    expect(c.origin).toBe('AMEMBASSY MORVALE')
    expect(withoutSpans(c.to)).toEqual([{ route: 'RUEHC', name: 'SECSTATE WASHDC', precedence: 'PRIORITY', serial: '0517', excluded: null }])
    expect(c.info?.map((a) => a.name)).toEqual(['AMEMBASSY TESSIN'])
    expect(c.to![0].span).toBeDefined()
  })

  it('should read a fragment that starts at a lower-case FM or TO line', () => {
    const fm = parse('fm amembassy morvale\nto secstate washdc immediate 1234\n\nsubject: invented\n\n1. Text.\n')
    expect(fm.origin).toBe('AMEMBASSY MORVALE')
    expect(fm.to?.map((a) => [a.name, a.precedence, a.serial])).toEqual([['SECSTATE WASHDC', 'IMMEDIATE', '1234']])
    expect(fm.captions).toEqual([])
    expect(fm.subject).toBe('invented')
    const to = parse('to secstate washdc priority 0517\ninfo amembassy tessin 0044\n\n1. Text.\n')
    expect(to.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect(to.info?.map((a) => a.serial)).toEqual(['0044'])
    expect(to.paragraphs.map((p) => p.number)).toEqual([1])
  })

  it('should not read prose that opens with to, from or info as header lines', () => {
    const prose = parse('To the minister the talks went well.\nInfo on the talks follows.\n\nFrom now on we meet weekly.\n\nSMITH\n')
    expect(prose.to).toBeNull()
    expect(prose.info).toBeNull()
    expect(prose.origin).toBeNull()
    expect(prose.signers).toEqual(['SMITH'])
    expect(kindOf(prose, 'To the minister the talks went well.')).toBe('lines')
    const fm = parse('fm radio stations carried the speech.\n\nSMITH\n')
    expect(fm.origin).toBeNull()
    // in the header block too, a lower-case line that names no addressee is no address line
    const c = parse('fm amembassy morvale\nto be decided later\n\nC O N F I D E N T I A L MORVALE 000412\n\n1. (C) Text.\n')
    expect(c.origin).toBe('AMEMBASSY MORVALE')
    expect(c.to).toBeNull()
  })

  it('should not read body text that opens with to or fm after the header as addressees', () => {
    const c = parse('FM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 0517\n\nC O N F I D E N T I A L MORVALE 000412\n\n1. (C) The minister spoke\nto secstate washdc officials\ninfo amembassy tessin later.\n')
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect(c.info).toBeNull()
    expect(c.paragraphs[0].text).toContain('to secstate washdc officials')
  })

  it('should keep a lower-case distribution list after info as no addressees', () => {
    const c = parse('fm amembassy morvale\nto secstate washdc 0517\n\ninfo log-00 np-00 eur-01\n\nC O N F I D E N T I A L MORVALE 000412\n\n1. (C) Text.\n')
    expect(c.info).toBeNull()
  })

  it('should read collectives that open with ALL and name what they list (spec §4.2), in any case', () => {
    const lower = parse('r 201500z may 77\nfm secstate washdc\nto all american republic diplomatic posts\ninfo all nato capitals\nusmission usnato\n\nUNCLAS STATE 123456\n\nSUBJECT: INVENTED CIRCULAR\n\n1. INVENTED.\n')
    expect(lower.to?.map((a) => [a.name, a.excluded])).toEqual([['ALL AMERICAN REPUBLIC DIPLOMATIC POSTS', []]])
    expect(lower.info?.map((a) => a.name)).toEqual(['ALL NATO CAPITALS', 'USMISSION USNATO'])
    const mixed = parse('Fm Secstate Washdc\nTo All Diplomatic and Consular Posts Priority\nInfo All OECD Capitals\n\nUNCLAS STATE 000042\n\n1. Text.\n')
    expect(mixed.to?.map((a) => [a.name, a.precedence])).toEqual([['ALL DIPLOMATIC AND CONSULAR POSTS', 'PRIORITY']])
    expect(mixed.info?.map((a) => a.name)).toEqual(['ALL OECD CAPITALS'])
    // ALL before prose stays prose
    const prose = parse('fm amembassy morvale\nto all of them the talks went well\n\nC O N F I D E N T I A L MORVALE 000412\n\n1. (C) Text.\n')
    expect(prose.to).toBeNull()
  })

  it('should never take an FM, TO or INFO line it refuses for an addressee of the list above it', () => {
    const c = parse('R 201500Z MAY 77\nFM SECSTATE WASHDC\nTO AMEMBASSY PARIS\ninfo log-00 oct-01\nINFO AMEMBASSY ROME\n\nUNCLAS STATE 123456\n\n1. INVENTED.\n')
    expect(c.to?.map((a) => a.name)).toEqual(['AMEMBASSY PARIS'])
    expect(c.info?.map((a) => a.name)).toEqual(['AMEMBASSY ROME'])
    const d = parse('fm amembassy morvale\nto secstate washdc 0517\namembassy tessin\ninfo on the talks follows\n\nC O N F I D E N T I A L MORVALE 000412\n\n1. (C) Text.\n')
    expect(d.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC', 'AMEMBASSY TESSIN'])
    expect(d.info).toBeNull()
  })
})

