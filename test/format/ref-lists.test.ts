import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { citeList, splitReferences, type Citing } from '../../src/format/references.js'

/**
 * REF items that name several cables (spec §5.9: `A. STATE 1234 AND 5678`), and REF blocks broken by a page
 * (spec §5.3: page headers and the page's class line between items). Invented posts (TESSIN, MORVALE, ARDENNE)
 * and synthetic telegrams only; expected ids written out by the rule of §6.1.
 */

const citing: Citing = { year: '08', origin: 'MORVALE' }
const refs = (value: string, by: Citing = citing) => splitReferences(value, by).map(({ letter, id, text }) => ({ letter, id, text }))
const ids = (value: string, by: Citing = citing) => splitReferences(value, by).map((i) => [i.letter, i.id])

describe('a REF item naming several cables', () => {
  it('should give each cable its own reference under the item letter, origin and year carried over', () => {
    expect(ids('A. STATE 1234 AND 5678\nB. 07 TESSIN 12, 14 AND 16\nC. ARDENNE 4516 (06) AND ARDENNE 4520')).toEqual([
      ['A', '08STATE1234'],
      ['A', '08STATE5678'],
      ['B', '07TESSIN12'],
      ['B', '07TESSIN14'],
      ['B', '07TESSIN16'],
      ['C', '06ARDENNE4516'],
      ['C', '06ARDENNE4520'],
    ])
  })

  it('should keep the text of each piece as written and frame it in the value', () => {
    const value = 'A. STATE 1234 AND 5678 B. TESSIN 9'
    const items = splitReferences(value, citing)
    expect(items.map((i) => i.text)).toEqual(['STATE 1234', '5678', 'TESSIN 9'])
    expect(items.map((i) => value.slice(i.start, i.end))).toEqual(['A. STATE 1234', '5678', 'B. TESSIN 9'])
  })

  it('should read the separators of a list: ; , : AND, lower-case letters too', () => {
    expect(ids('a. tessin 12; 13 b. state 5: 6 and 7')).toEqual([
      ['A', '08TESSIN12'],
      ['A', '08TESSIN13'],
      ['B', '08STATE5'],
      ['B', '08STATE6'],
      ['B', '08STATE7'],
    ])
  })

  it('should let a serial alone state its own year or caption', () => {
    expect(ids('A. 07 TESSIN 12 AND 13 (06) B. STATE 5 AND 0006 (NOTAL)')).toEqual([
      ['A', '07TESSIN12'],
      ['A', '06TESSIN13'],
      ['B', '08STATE5'],
      ['B', '08STATE6'],
    ])
  })

  it('should carry a written year only to the same origin', () => {
    expect(ids('A. 06 TESSIN 12 AND TESSIN 14 AND ARDENNE 3')).toEqual([
      ['A', '06TESSIN12'],
      ['A', '06TESSIN14'],
      ['A', '08ARDENNE3'],
    ])
  })

  it('should split an unlettered REF the same way', () => {
    expect(ids('STATE 1234 AND 5678')).toEqual([
      [null, '08STATE1234'],
      [null, '08STATE5678'],
    ])
  })

  it('should not take a number that continues no serial list for a cable', () => {
    // the piece before does not end at its citation: a date, paragraphs
    expect(refs('A. TESSIN 12 OF MARCH 3, 2008 B. TESSIN 14')).toEqual([
      { letter: 'A', id: '08TESSIN12', text: 'TESSIN 12 OF MARCH 3, 2008' },
      { letter: 'B', id: '08TESSIN14', text: 'TESSIN 14' },
    ])
    expect(ids('A. STATE 123, PARAS 3, 4 AND 5')).toEqual([['A', '08STATE123']])
    // a year written alone after the cable, far from its serial
    expect(ids('A. TESSIN 3242, 2007')).toEqual([['A', '08TESSIN3242']])
    expect(ids('A. TESSIN 1990, 1995')).toEqual([
      ['A', '08TESSIN1990'],
      ['A', '08TESSIN1995'],
    ])
  })

  it('should count the cables of a list without a citing year, their ids left unknown', () => {
    const items = splitReferences('A. TESSIN 12 AND 14', { year: null, origin: null })
    expect(items.map((i) => [i.letter, i.id, i.kind])).toEqual([
      ['A', null, 'cable'],
      ['A', null, 'cable'],
    ])
  })

  it('should read a list of pieces with citeList', () => {
    expect(citeList(['STATE 12', '13', 'PARA 4', '15'], '08')).toEqual([
      { id: '08STATE12', year: 'citing' },
      { id: '08STATE13', year: 'citing' },
      null,
      null,
    ])
    expect(citeList(['07 STATE 12', '13'], '08')).toEqual([
      { id: '07STATE12', year: 'written' },
      { id: '07STATE13', year: 'written' },
    ])
  })
})

const envelope = 'R 061419Z MAR 08\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC PRIORITY 1234\nBT\n'

function cable(ref: string, head = 'CONFIDENTIAL MORVALE 001234'): string {
  return `${envelope}${head}\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: A REF BLOCK\n\n${ref}\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n1. (C) First paragraph.\n\n2. (C) Second paragraph.\n\nDOE\n`
}

const read = (text: string) => parseCable(text).references.map((r) => [r.letter, r.id, r.text])

describe('a cable whose REF item names several cables', () => {
  it('should list each cable, ids completed from the cable, in the parsed model', () => {
    const text = cable('REF: A. STATE 1234 AND 5678\n     B. 07 PARIS 12, 14 AND 16\n     C. LIMA 4516 (06) AND LIMA 4520')
    expect(read(text)).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['A', '08STATE5678', '5678'],
      ['B', '07PARIS12', '07 PARIS 12'],
      ['B', '07PARIS14', '14'],
      ['B', '07PARIS16', '16'],
      ['C', '06LIMA4516', 'LIMA 4516 (06)'],
      ['C', '06LIMA4520', 'LIMA 4520'],
    ])
    expect(renderLossless(parseCable(text))).toBe(text)
  })

  it('should carry the origin when the year comes from the id alone', () => {
    // no DTG: the year is the file name's, and the list is read again with it
    const text = 'CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\nREF: A. STATE 1234 AND 5678\n\n1. (C) Text.\n'
    const c = parseCable(text, { hint: { id: '08MORVALE1234' } })
    expect(c.references.map((r) => [r.letter, r.id])).toEqual([
      ['A', '08STATE1234'],
      ['A', '08STATE5678'],
    ])
  })
})

describe('a REF block broken by a page', () => {
  it('should read the items after a page header and the page class line', () => {
    const text = cable('REF: A. STATE 1234\n     B. 08 VELLORA 567\nCONFIDENTIAL\n\nPAGE 02        MORVALE  01234  061419Z\n     C. MORVALE 1091\n     D. 07 TESSIN 12\n     E. EMAIL FROM J. SMITH 3/4/08')
    const c = parseCable(text)
    expect(c.references.map((r) => [r.letter, r.id, r.text, r.kind])).toEqual([
      ['A', '08STATE1234', 'STATE 1234', 'cable'],
      ['B', '08VELLORA567', '08 VELLORA 567', 'cable'],
      ['C', '08MORVALE1091', 'MORVALE 1091', 'cable'],
      ['D', '07TESSIN12', '07 TESSIN 12', 'cable'],
      ['E', null, 'EMAIL FROM J. SMITH 3/4/08', 'email'],
    ])
    expect(renderLossless(c)).toBe(text)
  })

  it('should join an item the page break cut, with a routing indicator in the page header', () => {
    const text = cable('REF: A. STATE 1234 AND\nCONFIDENTIAL\n\nCONFIDENTIAL\nPAGE 02 RUEHMV 1234 01 OF 02 061419Z\n     5678\n     B. TESSIN 9')
    expect(read(text)).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['A', '08STATE5678', '5678'],
      ['B', '08TESSIN9', 'TESSIN 9'],
    ])
  })

  it('should keep the item text a page header line runs on into, without the header', () => {
    const text = cable('REF: A. STATE 1234 B. 08 VELLORA 567  CONFIDENTIAL\nPAGE 02 MORVALE 01234 01 OF 02 061419Z C. MORVALE 1091\n     D. 07 TESSIN 12')
    expect(read(text)).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['B', '08VELLORA567', '08 VELLORA 567'],
      ['C', '08MORVALE1091', 'MORVALE 1091'],
      ['D', '07TESSIN12', '07 TESSIN 12'],
    ])
  })

  it('should still end the block at a page break followed by other text', () => {
    const text = `${envelope}CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\nREF: A. STATE 1234\n     B. TESSIN 9\nCONFIDENTIAL\n\nPAGE 02 MORVALE 01234 061419Z\nTHE EMBASSY HAS LEARNED THAT THE TALKS WILL RESUME.\n\n1. (C) Text.\n`
    expect(read(text)).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['B', '08TESSIN9', 'TESSIN 9'],
    ])
  })
})

describe('prose where an origin goes (a REF block run on into the text)', () => {
  it.each([
    ['THE OFFICER FELL SICK FEBRUARY 2'],
    ['847 confirmed cases with 93 deaths'],
    ['Brazil. An estimated 1800 delegates'],
    ['TESSIN 12 AND PREVIOUS 03'],
    ['PART 1'],
  ])('should find no cable in %j but the ones it names', (item) => {
    const cited = splitReferences(item, citing).map((i) => i.id)
    expect(cited.every((id) => id === null || id === '08TESSIN12')).toBe(true)
  })

  it('should still read stations written in mixed case and several words', () => {
    expect(ids('Sao Paulo 276; Buenos Aires 496')).toEqual([
      [null, '08SAOPAULO276'],
      [null, '08BUENOSAIRES496'],
    ])
  })
})
