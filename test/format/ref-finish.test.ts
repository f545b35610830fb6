import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'

/**
 * REF ids completed from the citing cable (`finishReferences` in parse.ts, spec §5.9, §6): the cable's own
 * serial cited (a self reference), a later serial of its own post and year (impossible when the year is written,
 * the year before when it is not), each with its diagnostic written out. The invented post MORVALE; the cable is
 * 08MORVALE1234.
 */

const envelope = 'R 061419Z MAR 08\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC PRIORITY 1234\nBT\n'
const cable = (ref: string) =>
  `${envelope}CONFIDENTIAL MORVALE 001234\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: A REF BLOCK\n\n${ref}\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n1. (C) First paragraph.\n\nDOE\n`

const refs = (ref: string) => parseCable(cable(ref)).references.map((r) => [r.letter, r.id, r.kind])
const notes = (ref: string) => parseCable(cable(ref)).diagnostics.filter((d) => d.code.startsWith('REF_')).map((d) => [d.code, d.severity, d.message])

describe('REF ids completed from the citing cable', () => {
  it('should read the cable\'s own serial as a reference to itself, with no id', () => {
    expect(refs('REF: A. MORVALE 1234\n     B. STATE 12')).toEqual([
      ['A', null, 'self'],
      ['B', '08STATE12', 'cable'],
    ])
  })

  it('should leave a later serial of its own post and year, the year written, without an id', () => {
    expect(refs('REF: A. 08 MORVALE 1300')).toEqual([['A', null, 'cable']])
    expect(notes('REF: A. 08 MORVALE 1300')).toEqual([
      ['REF_IMPOSSIBLE', 'warning', "REF A (08 MORVALE 1300) names 08MORVALE1300, a later serial of this cable's own post and year than its own 1234: a cable cannot cite one issued after it, so the item is left without an id"],
    ])
  })

  it('should read a later serial of its own post without a year as the year before\'s', () => {
    expect(refs('REF: A. MORVALE 1300')).toEqual([['A', '07MORVALE1300', 'cable']])
    expect(notes('REF: A. MORVALE 1300')).toEqual([
      ['REF_PREVIOUS_YEAR', 'info', "REF A (MORVALE 1300) states no year and cites serial 1300 of this cable's own post, above its own 1234: a post numbers its cables in order through the year, so it is read as the year before's 07MORVALE1300"],
    ])
    // unlettered: the message names no letter
    expect(notes('REF: MORVALE 1300')[0][2]).toBe("REF (MORVALE 1300) states no year and cites serial 1300 of this cable's own post, above its own 1234: a post numbers its cables in order through the year, so it is read as the year before's 07MORVALE1300")
  })

  it('should take an earlier serial of its own post, or a later one of another post, as written', () => {
    expect(refs('REF: A. MORVALE 1200\n     B. 08 VELLORA 1300\n     C. 07 MORVALE 1300')).toEqual([
      ['A', '08MORVALE1200', 'cable'],
      ['B', '08VELLORA1300', 'cable'],
      ['C', '07MORVALE1300', 'cable'],
    ])
    expect(notes('REF: A. MORVALE 1200\n     B. 08 VELLORA 1300\n     C. 07 MORVALE 1300')).toEqual([])
  })
})

/** The cable without an envelope (no DTG: the year is the id's, from the file name) under the class line `head`. */
const bare = (ref: string, head: string) =>
  `${head}\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: A REF BLOCK\n\n${ref}\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n1. (C) First paragraph.\n\nDOE\n`
const refsOf = (text: string, id: string) => parseCable(text, { hint: { id } }).references.map((r) => [r.letter, r.id, r.kind])

describe('REF ids completed when the year is the id\'s alone', () => {
  it('should take EMBTEL as the cable\'s own post, named by the class line\'s MRN, whatever letters it begins or ends with', () => {
    for (const post of ['XANTO', 'VELLOX', 'TESSIN']) {
      expect(refsOf(bare('REF: A. EMBTEL 55\n     B. STATE 12', `CONFIDENTIAL ${post} 001234`), `08${post}1234`), post).toEqual([
        ['A', `08${post}55`, 'cable'],
        ['B', '08STATE12', 'cable'],
      ])
    }
  })

  it('should name no post for EMBTEL when the publisher redacted the MRN\'s origin, in one run of X or several', () => {
    for (const head of ['CONFIDENTIAL XXXXXXXXXXXX 001234', 'CONFIDENTIAL XXXXX XXXXX 001234']) {
      expect(refsOf(bare('REF: A. EMBTEL 55\n     B. STATE 12', head), '08MORVALE1234'), head).toEqual([
        ['A', null, 'cable'],
        ['B', '08STATE12', 'cable'],
      ])
    }
  })

  it('should name no post for EMBTEL without an MRN, and keep an item that names no cable as it is', () => {
    expect(refsOf(bare('REF: A. EMBTEL 55\n     B. STATE 12\n     C. EMAIL FROM J. SMITH 3/4/08', 'CONFIDENTIAL'), '08MORVALE1234')).toEqual([
      ['A', null, 'cable'],
      ['B', '08STATE12', 'cable'],
      ['C', null, 'email'],
    ])
  })
})

describe('the REF_IMPOSSIBLE warning', () => {
  it('should name no letter for an unlettered item, and stand at the item', () => {
    const text = cable('REF: 08 MORVALE 1300')
    const found = parseCable(text).diagnostics.filter((d) => d.code === 'REF_IMPOSSIBLE')
    expect(found.map((d) => [d.message, text.slice(d.span.start.offset, d.span.end.offset)])).toEqual([
      ["REF (08 MORVALE 1300) names 08MORVALE1300, a later serial of this cable's own post and year than its own 1234: a cable cannot cite one issued after it, so the item is left without an id", '08 MORVALE 1300'],
    ])
  })

  it('should read the cable\'s own serial with its year written as a reference to itself, with no warning', () => {
    expect(refs('REF: A. 08 MORVALE 1234')).toEqual([['A', null, 'self']])
    expect(notes('REF: A. 08 MORVALE 1234')).toEqual([])
  })
})
