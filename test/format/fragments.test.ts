import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { withoutSpans } from './fixtures.js'

// Synthetic fragments (invented posts MORVALE and TESSIN, invented text).
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}

describe('fragments and partial texts', () => {
  it('should read a text that starts at FM: addressees with precedence and MCN, class line, paragraphs, signer', () => {
    const c = parse('FM AMEMBASSY MORVALE\nTO SECSTATE WASHDC PRIORITY 0517\nINFO AMEMBASSY TESSIN IMMEDIATE 0044\n\nC O N F I D E N T I A L MORVALE 000412\n\nSUBJECT: INVENTED\n\n1. (C) Text.\n\nSMITH\n')
    expect(c.origin).toBe('AMEMBASSY MORVALE')
    expect(withoutSpans(c.to)).toEqual([{ route: null, name: 'SECSTATE WASHDC', precedence: 'PRIORITY', serial: '0517', excluded: null }])
    expect(withoutSpans(c.info)).toEqual([{ route: null, name: 'AMEMBASSY TESSIN', precedence: 'IMMEDIATE', serial: '0044', excluded: null }])
    expect(c.precedence).toBe('IMMEDIATE')
    expect(c.classification).toBe('CONFIDENTIAL')
    expect(c.signers).toEqual(['SMITH'])
  })

  it('should read the paragraphs of a later section, numbered from where it starts', () => {
    // a second section: its class line says so, and one paragraph is enough
    const second = parse('R 011422Z MAR 07\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 0412\n\nC O N F I D E N T I A L SECTION 02 OF 02 MORVALE 000413\n\nSIPDIS\n\n5. (C) The talks resume.\n\nSMITH\n')
    expect(second.paragraphs.map((p) => [p.number, p.marking])).toEqual([[5, 'C']])
    // a partial record without its first part: a page header, then numbers that run on
    const partial = parse('PAGE 02        MORVALE  00413  011422Z\n\n3. (C) The minister spoke.\n\n4. (S) The envoy answered.\n\nSMITH\n')
    expect(partial.paragraphs.map((p) => [p.number, p.marking])).toEqual([[3, 'C'], [4, 'S']])
    // a text with a class line whose numbers then run on
    const runOn = parse('C O N F I D E N T I A L MORVALE 000414\n\nSUBJECT: INVENTED\n\n6. (C) Six.\n\n7. (C) Seven.\n\n8. (U) Eight.\n\nSMITH\n')
    expect(runOn.paragraphs.map((p) => p.number)).toEqual([6, 7, 8])
  })

  it('should not open paragraphs at a lone number above 1 in a first section', () => {
    const c = parse('C O N F I D E N T I A L MORVALE 000415\n\nSUBJECT: INVENTED\n\n2007 was a year of talks.\n\n5. Five items were listed.\n\nSMITH\n')
    expect(c.paragraphs.map((p) => p.number)).toEqual([])
  })

  it('should read a text that starts at TO', () => {
    const c = parse('TO SECSTATE WASHDC PRIORITY 0517\nINFO AMEMBASSY TESSIN 0044\n\n1. Text.\n')
    expect(c.to?.[0]).toMatchObject({ name: 'SECSTATE WASHDC', precedence: 'PRIORITY', serial: '0517' })
    expect(c.info?.[0]).toMatchObject({ name: 'AMEMBASSY TESSIN', precedence: null, serial: '0044' })
    expect(c.paragraphs.map((p) => p.number)).toEqual([1])
  })

  it('should read a lone REF block', () => {
    expect(parse('REF: A. 09 STATE 12 B. 08 TESSIN 14\n').references.map((r) => r.id)).toEqual(['09STATE12', '08TESSIN14'])
  })

  it('should read a SUMMARY that opens the fragment, and paragraphs numbered from where it starts', () => {
    const c = parse('SUMMARY: The minister agreed. END SUMMARY.\n\n2. More text.\n\n3. (C) Last text.\n')
    expect(c.summary).toBe('The minister agreed.')
    expect(c.paragraphs.map((p) => [p.number, p.marking])).toEqual([[2, null], [3, 'C']])
    expect(c.classification).toBe('CONFIDENTIAL')
  })

  it('should read a signature that closes an unnumbered fragment', () => {
    expect(parse('of the talks, he said.\n\nSMITH\n').signers).toEqual(['SMITH'])
    expect(parse('the end of the invented text.\n\nJONES-DOE\n').signers).toEqual(['JONES-DOE'])
  })

  it('should not take the first line of a fragment for a caption', () => {
    const c = parse('the minister said.\n\nSMITH\n')
    expect(c.captions).toEqual([])
  })

  it('should read a body without class line: subject, paragraphs, level from the portion marks, signer', () => {
    const c = parse('SUBJECT: INVENTED\n\n1. (S) Text one.\n\n2. (C) Text two.\n\nJONES\n')
    expect(c.subject).toBe('INVENTED')
    expect(c.classification).toBe('SECRET')
    expect(c.signers).toEqual(['JONES'])
  })
})
