import { describe, expect, it } from 'vitest'
import { citedId, citeList, splitReferences, type Citing } from '../../src/format/references.js'

/**
 * REF citations at the edges of their rules (spec §5.9, §6.1): words of a sentence where an origin goes, a
 * four-digit number after a cable read as its year or as a serial, a year carried along a list, a letter that opens
 * a line. Invented posts (TESSIN, VELLORA) or directory stations; every expected id written out by §6.1
 * (two-digit year, origin, serial without leading zeros).
 */

const citing: Citing = { year: '08', origin: 'VELLORA' }
const ids = (value: string) => splitReferences(value, citing).map((i) => [i.letter, i.id])

describe('words of a sentence where an origin goes', () => {
  it.each([
    ['OFFICER FELL SICK FEBRUARY 2', 'several words ending in a month: a date'],
    ['SICK FEBRUARY 2', 'two words ending in a month'],
    ['confirmed cases with 93', 'lower-case words naming no station'],
    ['Brazil. An estimated 1800', 'a full stop inside, lower case'],
    ['BRAZIL. AN ESTIMATED 1800', 'a full stop inside, upper case'],
  ])('should cite no cable in %j (%s)', (item) => {
    expect(citedId(item, '08')).toBeNull()
  })

  it('should cite a station written in mixed case, known or repaired', () => {
    expect(citedId('Sao Paulo 276', '08')).toBe('08SAOPAULO276')
    // one letter off a station of the directory: repaired, not prose
    expect(citedId('Sao Paolo 276', '08')).toBe('08SAOPAULO276')
    expect(citedId('Vellora 1603', '08')).toBe('08VELLORA1603')
  })

  it('should cite an upper-case origin of several words that holds no full stop', () => {
    expect(citedId('USUN NEW YORK 12', '08')).toBe('08USUNNEWYORK12')
    // four words, the most a station's name holds, after a joining word and a run of blanks
    expect(citedId('USUN NEW YORK NY 12', '08')).toBe('08USUNNEWYORK12')
    expect(citedId('AND  USUN NEW YORK NY 12', '08')).toBe('08USUNNEWYORK12')
  })
})

describe('a four-digit number alone after a cable', () => {
  it.each([
    ['A. TESSIN 3242, 1966', [['A', '08TESSIN3242']], '1966, the first year that counts'],
    ['A. TESSIN 3242, 1965', [['A', '08TESSIN3242'], ['A', '08TESSIN1965']], 'before 1966: a serial'],
    ['A. TESSIN 3242, 2008', [['A', '08TESSIN3242']], 'the citing year itself'],
    ['A. TESSIN 3242, 2009', [['A', '08TESSIN3242'], ['A', '08TESSIN2009']], 'after the citing year: a serial'],
    ['A. TESSIN 1500, 2000', [['A', '08TESSIN1500'], ['A', '08TESSIN2000']], '500 from the serial before: a serial'],
    ['A. TESSIN 1499, 2000', [['A', '08TESSIN1499']], '501 from the serial before: a year'],
  ])('should read %j as %j (%s)', (value, expected) => {
    expect(ids(value)).toEqual(expected)
  })

  it('should bound the year by 2010 when the citing year is unknown', () => {
    expect(citeList(['07 TESSIN 3242', '2005'], null)).toEqual([{ id: '07TESSIN3242', year: 'written' }, null])
    expect(citeList(['07 TESSIN 3242', '2011'], null)).toEqual([
      { id: '07TESSIN3242', year: 'written' },
      { id: '07TESSIN2011', year: 'written' },
    ])
  })

  it('should bound it by a citing year written with four digits', () => {
    expect(citeList(['TESSIN 3242', '2009'], '2008')).toEqual([
      { id: '08TESSIN3242', year: 'citing' },
      { id: '08TESSIN2009', year: 'citing' },
    ])
    expect(citeList(['TESSIN 3242', '2007'], '2008')).toEqual([{ id: '08TESSIN3242', year: 'citing' }, null])
  })
})

describe('citeList', () => {
  it('should read pieces with blanks around them', () => {
    expect(citeList([' TESSIN 12 ', ' 13 '], '08')).toEqual([
      { id: '08TESSIN12', year: 'citing' },
      { id: '08TESSIN13', year: 'citing' },
    ])
  })

  it('should carry a serial\'s own year to the next cable of the same origin, as written', () => {
    expect(citeList(['LIMA 4516', '4520 (06)', 'LIMA 4530'], '08')).toEqual([
      { id: '08LIMA4516', year: 'citing' },
      { id: '06LIMA4520', year: 'written' },
      { id: '06LIMA4530', year: 'written' },
    ])
    expect(citeList(['07 LIMA 12', 'LIMA 14'], '08')).toEqual([
      { id: '07LIMA12', year: 'written' },
      { id: '07LIMA14', year: 'written' },
    ])
  })

  it('should give null for a serial followed by more than a year or a caption', () => {
    expect(citeList(['TESSIN 12', '14 OF MARCH 3'], '08')).toEqual([{ id: '08TESSIN12', year: 'citing' }, null])
    expect(citeList(['TESSIN 12', '14 (NOTAL)'], '08')).toEqual([
      { id: '08TESSIN12', year: 'citing' },
      { id: '08TESSIN14', year: 'citing' },
    ])
  })

  it('should give null for a piece naming no cable after one that does not end at its citation', () => {
    expect(citeList(['TESSIN 12 OF MARCH 3', 'PARA 4', '15'], '08')).toEqual([{ id: '08TESSIN12', year: 'citing' }, null, null])
    expect(citeList(['07 TESSIN 12 OF MARCH 3', 'PARA 4'], '08')).toEqual([{ id: '07TESSIN12', year: 'written' }, null])
  })

  it('should give a serial with a parenthesis after it that is neither a year nor a caption no cable', () => {
    expect(citeList(['TESSIN 12', '14 (SEE PARA 3)'], '08')).toEqual([{ id: '08TESSIN12', year: 'citing' }, null])
  })

  it('should keep the year a cable writes over the one written before it', () => {
    expect(citeList(['07 TESSIN 12', '06 TESSIN 14'], '08')).toEqual([
      { id: '07TESSIN12', year: 'written' },
      { id: '06TESSIN14', year: 'written' },
    ])
  })
})

describe('a letter that opens a line', () => {
  it('should start an item out of sequence only at the start of a line, however many blanks stand before it', () => {
    expect(ids('A. TESSIN 12\n   C. TESSIN 14')).toEqual([
      ['A', '08TESSIN12'],
      ['C', '08TESSIN14'],
    ])
    expect(ids('C. TESSIN 14')).toEqual([['C', '08TESSIN14']])
    // blanks inside a line open no line
    expect(ids('A. TESSIN 12 OF MARCH 3          C. TESSIN 14')).toEqual([['A', '08TESSIN12']])
  })
})
