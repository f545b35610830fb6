import { describe, expect, it } from 'vitest'
import { lintCable, lintText, type LintMessage } from '../../src/lint/index.js'
import { parseCable } from '../../src/format/parse.js'
import { mutate } from '../../src/lint/examples/base-cable.js'

/**
 * The caption rules TXT-026, TXT-027 and TXT-028 (issue 15, mutation survivors): which caption combinations
 * each flags, with what message, and at which caption. The base cable is CONFIDENTIAL with the one caption
 * SIPDIS; each case swaps that caption line for others.
 */

const CAPTIONS = '\nSIPDIS\n'
const UNCLAS: [string, string][] = [
  ['C O N F I D E N T I A L SECTION', 'UNCLAS SECTION'],
  ['ZNY CCCCC', 'ZNR UUUUU'],
]

/** The messages of one rule on the base cable with `captions` (one per line) instead of SIPDIS. */
function findings(rule: string, captions: string[], edits: [string, string][] = [], mode: 'archive' | 'compose' = 'archive') {
  const text = mutate([[CAPTIONS, `\n${captions.join('\n')}\n`], ...edits])
  return lintText(text, { mode })
    .filter((m) => m.ruleId === rule)
    .map((m: LintMessage) => ({ message: m.message, at: text.slice(m.span.start.offset, m.span.end.offset) }))
}

describe('TXT-026 distribution captions and AGRMENT', () => {
  it('should flag every distribution caption after the first, naming the first', () => {
    expect(findings('TXT-026', ['EXDIS', 'LIMDIS'])).toEqual([{ message: 'LIMDIS together with EXDIS: at most one of NODIS, EXDIS, LIMDIS', at: 'LIMDIS' }])
    expect(findings('TXT-026', ['NODIS', 'EXDIS', 'LIMDIS'])).toEqual([
      { message: 'EXDIS together with NODIS: at most one of NODIS, EXDIS, LIMDIS', at: 'EXDIS' },
      { message: 'LIMDIS together with NODIS: at most one of NODIS, EXDIS, LIMDIS', at: 'LIMDIS' },
    ])
  })

  it('should count only distribution captions: SIPDIS, NOFORN or STADIS beside one is fine', () => {
    expect(findings('TXT-026', ['SIPDIS', 'EXDIS'])).toEqual([])
    expect(findings('TXT-026', ['NOFORN', 'STADIS', 'LIMDIS'])).toEqual([])
  })

  it('should flag AGRMENT with NODIS or EXDIS at the AGRMENT caption, and accept it with LIMDIS', () => {
    const agrment = { message: 'AGRMENT together with NODIS or EXDIS', at: 'AGRMENT' }
    expect(findings('TXT-026', ['NODIS', 'AGRMENT'])).toEqual([agrment])
    expect(findings('TXT-026', ['AGRMENT', 'EXDIS'])).toEqual([agrment])
    expect(findings('TXT-026', ['AGRMENT', 'LIMDIS'])).toEqual([])
    expect(findings('TXT-026', ['AGRMENT'])).toEqual([])
  })

  it('should flag AGRMENT on UNCLAS text unless an administrative control (SENSITIVE) makes it SBU', () => {
    expect(findings('TXT-026', ['AGRMENT'], UNCLAS)).toEqual([{ message: 'AGRMENT on UNCLAS text without an administrative control', at: 'AGRMENT' }])
    expect(findings('TXT-026', ['SENSITIVE', 'AGRMENT'], UNCLAS)).toEqual([])
  })

  it('should place the finding on the captions line when the cable carries no caption spans', () => {
    // a caller may hand lintCable a parsed cable whose captions it edited; the rule still points into the text
    const cable = parseCable(mutate([[CAPTIONS, '\nEXDIS\nLIMDIS\n']]))
    cable.captionSpans = []
    const text = mutate([[CAPTIONS, '\nEXDIS\nLIMDIS\n']])
    const [m] = lintCable(cable, { mode: 'archive' }).filter((x) => x.ruleId === 'TXT-026')
    expect(m.message).toMatch(/^LIMDIS together with EXDIS/)
    expect(text.slice(m.span.start.offset, m.span.end.offset)).toBe('EXDIS')
  })
})

describe('TXT-027 special-handling caption first', () => {
  it('should flag a special-handling caption that follows another caption, at it', () => {
    expect(findings('TXT-027', ['SIPDIS', 'EXDIS'])).toEqual([{ message: 'Special-handling caption EXDIS comes after SIPDIS', at: 'EXDIS' }])
  })

  it('should accept it first, or after another special-handling caption', () => {
    expect(findings('TXT-027', ['EXDIS', 'SIPDIS'])).toEqual([])
    expect(findings('TXT-027', ['NODIS', 'CHEROKEE'])).toEqual([])
    expect(findings('TXT-027', ['SIPDIS', 'NOFORN'])).toEqual([])
  })
})

describe('TXT-028 SIPDIS with NODIS or EXDIS', () => {
  it('should flag SIPDIS beside NODIS or EXDIS, at SIPDIS, naming the narrowing caption', () => {
    expect(findings('TXT-028', ['NODIS', 'SIPDIS'])).toEqual([{ message: 'SIPDIS together with NODIS', at: 'SIPDIS' }])
    expect(findings('TXT-028', ['EXDIS', 'SIPDIS'])).toEqual([{ message: 'SIPDIS together with EXDIS', at: 'SIPDIS' }])
    expect(findings('TXT-028', ['LIMDIS', 'SIPDIS'])).toEqual([])
    expect(findings('TXT-028', ['EXDIS'])).toEqual([])
  })
})
