import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { referencesEnd } from '../../src/format/references.js'

/**
 * A REF block ends where its references end (src/format/references.ts `referencesEnd`, spec §5.9, §5.10): a REF
 * run on into the body (a copy that lost its line breaks, a block with no blank line after it, or a portion after
 * a blank line) yields the references it names and no items made of body text. Invented posts (MORVALE, TESSIN)
 * and synthetic telegrams only.
 */

const envelope = 'R 061419Z MAR 08\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC PRIORITY 1234\nBT\n'
const cable = (rest: string) => `${envelope}CONFIDENTIAL MORVALE 001234\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: A REF BLOCK\n\n${rest}\n\nDOE\n`
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}
const refs = (text: string) => parse(text).references.map((r) => [r.letter, r.id, r.text])
const refText = (text: string) => {
  const c = parse(text)
  return text.slice(c.spans.references!.start.offset, c.spans.references!.end.offset)
}

describe('a REF block run on into the body on its line', () => {
  it('should end before a paragraph number with a portion mark', () => {
    for (const para of ['1.(SBU) Summary: The minister agreed to 12 points.', '1. (C) The minister agreed to 12 points.', '2.(U) Tessin officials met 3 times.']) {
      const text = cable(`REF: A. STATE 1234 B. TESSIN 2251 ${para}`)
      expect(refs(text), para).toEqual([
        ['A', '08STATE1234', 'STATE 1234'],
        ['B', '08TESSIN2251', 'TESSIN 2251'],
      ])
      expect(refText(text), para).toBe('REF: A. STATE 1234 B. TESSIN 2251')
    }
  })

  it('should end before a paragraph number that opens a sentence after a serial or a full stop, and read no items in the body', () => {
    const text = cable('REF: 08 STATE 124006   1.  In response to reftel, the investment climate follows. A.1. Openness: the rate is currently 20 percent, with 361 banks of which 94 are new. B. Limits: none.')
    expect(refs(text)).toEqual([[null, '08STATE124006', '08 STATE 124006']])
    expect(refs(cable('REF: TESSIN 2251 1.KEY POINTS -- the minister agreed.'))).toEqual([[null, '08TESSIN2251', 'TESSIN 2251']])
    expect(refs(cable('REF: TESSIN LETTER DATED 25 SEPT 08. 1.The minister agreed.'))).toEqual([[null, null, 'TESSIN LETTER DATED 25 SEPT 08.']])
  })

  it('should end before a portion mark that opens a sentence, and keep the citation before it', () => {
    expect(refs(cable('REF: STATE 146857 (U) Pol/Econ Chief delivered reftel points to the ministry on 3 March.'))).toEqual([[null, '08STATE146857', 'STATE 146857']])
    expect(refs(cable('REF: SECSTATE 72078  (SBU) On September 24, Econoff delivered the demarche to 4 officials.'))).toEqual([[null, '08STATE72078', 'SECSTATE 72078']])
  })

  it('should end before a statement or sentence that opens after a serial', () => {
    expect(refs(cable('REF: Tessin 2103 Sensitive but unclassified. Please handle accordingly. 1.(SBU) Key points: deaths rose; 2.(U) Officials met Dr. Doe'))).toEqual([[null, '08TESSIN2103', 'Tessin 2103']])
    expect(refs(cable('REF: SECSTATE 102414 We delivered points in reftel to the ministry on 25 September, see para 2 and Tessin 14.'))).toEqual([[null, '08STATE102414', 'SECSTATE 102414']])
  })

  it('should end before a rule of dashes or underscores and before a SUMMARY label', () => {
    expect(refs(cable('REF: Tessin 1836 ------- SUMMARY ------- The minister, said Tessin 44 officials, agreed.'))).toEqual([[null, '08TESSIN1836', 'Tessin 1836']])
    expect(refs(cable('REF: A. STATE 33031 B. STATE 32599 ____________ The post delivered 2 demarches.'))).toEqual([
      ['A', '08STATE33031', 'STATE 33031'],
      ['B', '08STATE32599', 'STATE 32599'],
    ])
    expect(refs(cable('REF: STATE 14 SUMMARY: Tessin 12 officials agreed.'))).toEqual([[null, '08STATE14', 'STATE 14']])
  })
})

describe('a REF block run on into the body on the lines after it', () => {
  it('should end before a portion paragraph after a blank line whose mark is no next enumerator', () => {
    const text = cable('REF: A. STATE 130496      B. STATE 129941      C. TESSIN 2256\n\n(C) The deputy head of the ministry thanked poloffs for reftels and 3 demarches.\n\n1. (C) More.')
    const c = parse(text)
    expect(c.references.map((r) => [r.letter, r.id, r.text])).toEqual([
      ['A', '08STATE130496', 'STATE 130496'],
      ['B', '08STATE129941', 'STATE 129941'],
      ['C', '08TESSIN2256', 'TESSIN 2256'],
    ])
    expect(refText(text)).toBe('REF: A. STATE 130496      B. STATE 129941      C. TESSIN 2256')
    // the portion is the body's, and its mark counts for the cable
    const portion = c.segments.find((s) => s.raw.startsWith('(C) The deputy'))
    expect(portion?.kind).not.toBe('ref')
  })

  it('should end before a paragraph on the line after the block, no blank line between', () => {
    const text = cable('REF: A. STATE 1234\n     B. TESSIN 9\n1. (C) The minister met 4 officials.\n\n2. (C) More.')
    expect(refs(text)).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['B', '08TESSIN9', 'TESSIN 9'],
    ])
    expect(refText(text)).toBe('REF: A. STATE 1234\n     B. TESSIN 9')
    expect(parse(text).segments.find((s) => s.raw.startsWith('1. (C)'))?.kind).not.toBe('ref')
  })
})

describe('what does not end a REF block', () => {
  it('should keep items whose text holds captions, marks, numbers and mixed case', () => {
    expect(refs(cable('REF: A. STATE 12 (NOTAL) B. STATE 14 (EXDIS) C. STATE 15'))).toEqual([
      ['A', '08STATE12', 'STATE 12 (NOTAL)'],
      ['B', '08STATE14', 'STATE 14 (EXDIS)'],
      ['C', '08STATE15', 'STATE 15'],
    ])
    expect(refs(cable('Refs: A) State 29549 B) Tessin Morvale 276 C) Tessin 1605 and previous D) Tessin email of May 5'))).toEqual([
      ['A', '08STATE29549', 'State 29549'],
      ['B', null, 'Tessin Morvale 276'],
      ['C', '08TESSIN1605', 'Tessin 1605 and previous'],
      ['D', null, 'Tessin email of May 5'],
    ])
    expect(refs(cable('REF: A. TESSIN 45 PARA 3. B. STATE 6 (07) C. 12/12/07 (U) EMAIL FROM POLOFF DOE TO TESSIN'))).toEqual([
      ['A', '08TESSIN45', 'TESSIN 45 PARA 3.'],
      ['B', '07STATE6', 'STATE 6 (07)'],
      ['C', null, '12/12/07 (U) EMAIL FROM POLOFF DOE TO TESSIN'],
    ])
  })

  it('should read a parenthesised letter that follows the list as its next item, after a blank line too', () => {
    expect(refs(cable('REF: (A) STATE 1, (B) STATE 2\n\n(C) Tessin email of 3 March on the talks\n\n1. (C) The talks.'))).toEqual([
      ['A', '08STATE1', 'STATE 1'],
      ['B', '08STATE2', 'STATE 2'],
      ['C', null, 'Tessin email of 3 March on the talks'],
    ])
  })

  it('should say where the references of a value end', () => {
    expect(referencesEnd('STATE 146857 (U) Pol/Econ Chief delivered reftel points')).toBe(13)
    expect(referencesEnd('A. STATE 12 (NOTAL) B. STATE 14')).toBe('A. STATE 12 (NOTAL) B. STATE 14'.length)
    expect(referencesEnd('(U) The text')).toBe('(U) The text'.length)
  })
})

describe('a SUBJECT run on into a marked paragraph glued under it', () => {
  it('should end the subject at a line that opens with a paragraph number and a portion mark (spec §5.8)', () => {
    const c = parse(cable('SUBJECT: TALKS ON TESSIN HARBOUR\n1.(SBU) Key points: the minister agreed to 3 of 4 points.\n\n2. (SBU) More.').replace('SUBJECT: A REF BLOCK\n\n', ''))
    expect(c.subject).toBe('TALKS ON TESSIN HARBOUR')
    // a number without a mark goes on as subject text (`SUBJECT: TALKS` / `2009 BUDGET`), as before
    expect(parse(cable('SUBJECT: TALKS ON THE\n2009 BUDGET\n\n1. (SBU) Text.').replace('SUBJECT: A REF BLOCK\n\n', '')).subject).toBe('TALKS ON THE 2009 BUDGET')
  })
})
