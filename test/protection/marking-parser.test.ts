import { describe, expect, it } from 'vitest'
import { looksLikeMark, parseMarking, type MarkingParts } from '../../src/format/marking.js'

/**
 * Corners of the marking parser (issue 15, mutation testing of src/format/marking.ts): where a level may stand,
 * repeated caveats, two REL TO lists, and the offsets of a refusal. Expected readings are written out from
 * spec §5.10 and §7.
 */

const read = (m: string): MarkingParts => {
  const r = parseMarking(m)
  if (!r.ok) throw new Error(`refused ${m}: ${r.error.message}`)
  return r.parts
}
const refused = (m: string) => {
  const r = parseMarking(m)
  if (r.ok) throw new Error(`read ${m}`)
  return { start: r.error.start, end: r.error.end, message: r.error.message }
}

describe('where a level stands', () => {
  it('should read a level word after a caveat, but a single letter there is no level', () => {
    expect(read('NF//SECRET')).toEqual({ level: 'SECRET', caveats: ['NOFORN'], releasableTo: null })
    expect(read('NF//TOP SECRET')).toEqual({ level: 'TOP SECRET', caveats: ['NOFORN'], releasableTo: null })
    expect(refused('NF/S')).toMatchObject({ start: 3, end: 4, message: expect.stringMatching(/unknown marking word "S"/) })
  })

  it('should read tabs as spaces', () => {
    expect(read('S\t//\tNF')).toEqual({ level: 'SECRET', caveats: ['NOFORN'], releasableTo: null })
  })

  it('should refuse an administrative control after a classified level, and take it alone or after SBU as SBU', () => {
    expect(refused('C//FOUO')).toMatchObject({ start: 3, end: 7, message: expect.stringMatching(/FOUO is an unclassified control and cannot follow CONFIDENTIAL/) })
    expect(read('FOUO').level).toBe('SBU')
    expect(read('SBU//FOUO').level).toBe('SBU')
    expect(read('SBU//LOU').level).toBe('SBU')
    expect(refused('S//SBU')).toEqual({ start: 3, end: 6, message: 'a second level SBU after S' })
    expect(refused('S//TOP SECRET')).toEqual({ start: 3, end: 6, message: 'a second level TOP SECRET after S' })
    // only SBU may follow U (it raises it); a classified level may not
    expect(refused('U//SECRET')).toEqual({ start: 3, end: 9, message: 'a second level SECRET after U' })
  })

  it('should read N as NOFORN only after SBU', () => {
    expect(read('SBU/N/NF')).toEqual({ level: 'SBU', caveats: ['NOFORN'], releasableTo: null })
    expect(refused('S/N')).toMatchObject({ start: 2, end: 3 })
    expect(read('SBU//ORCON')).toEqual({ level: 'SBU', caveats: ['ORCON'], releasableTo: null })
  })
})

describe('caveats and REL TO lists', () => {
  it('should keep each caveat once, in order of first appearance', () => {
    expect(read('S//NF//ORCON//NOFORN').caveats).toEqual(['NOFORN', 'ORCON'])
  })

  it('should keep country names of several words and single-letter names inside a REL TO list', () => {
    expect(read('S//REL TO NEW ZEALAND, USA').releasableTo).toEqual(['NEW ZEALAND', 'USA'])
    expect(read('S//REL TO USA, C').releasableTo).toEqual(['USA', 'C'])
  })

  it('should end a REL TO list at //, whatever follows', () => {
    expect(read('C//REL TO USA, GBR//ENTIRE TEXT')).toEqual({ level: 'CONFIDENTIAL', caveats: [], releasableTo: ['USA', 'GBR'] })
  })

  it('should name a run of three slashes in its refusal', () => {
    expect(refused('S///NF')).toEqual({ start: 1, end: 4, message: '"///" is not a marking separator (use / or //)' })
  })

  it('should release to the countries two REL TO lists share', () => {
    expect(read('S//REL TO USA, GBR//REL TO GBR, AUS').releasableTo).toEqual(['GBR'])
  })

  it('should point a REL TO + NOFORN refusal from the first REL to the last country', () => {
    //           0123456789012345678901234567
    const mark = 'S//REL TO USA//REL TO GBR//NF'
    expect(refused(mark)).toMatchObject({ start: 3, end: 25 })
  })

  it('should refuse a blank marking over its whole length', () => {
    expect(refused('   ')).toEqual({ start: 0, end: 3, message: 'empty marking' })
  })
})

describe('looksLikeMark corners', () => {
  it('should want the mark word at the start, whole', () => {
    expect(looksLikeMark('1 S//NF')).toBe(false)
    // FOR opens only the four-word FOR OFFICIAL USE ONLY: alone it is prose
    expect(looksLikeMark('FOR THE RECORD')).toBe(false)
  })

  it('should take an unreadable mark in capitals for a mark, and in mixed case without a slash for prose', () => {
    expect(looksLikeMark('S XYZ')).toBe(true)
    expect(looksLikeMark('Secret xyz')).toBe(false)
  })
})
