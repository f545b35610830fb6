import { describe, expect, it } from 'vitest'
import { clearanceSpec, readerAccess } from '../../src/archive/reader-access.js'
import { highestPrecedence, normalizePrecedence, PRECEDENCE_WORD, precedenceOfProsign, precedenceRank, prosignOf } from '../../src/format/precedence.js'
import { higherPrecedence, parsePrecedence } from '../../src/messaging/precedence.js'
import { caveatMask, isKnownCaveat, lackedCaveats } from '../../src/store/caveat-mask.js'

/** Precedence words, prosigns and ranks (spec §8), and clearance words, with expected values written out. */

describe('precedence ranks, prosigns and spellings', () => {
  it('should rank FLASH 1, NIACT IMMEDIATE 2, IMMEDIATE 3, PRIORITY 4, ROUTINE 5', () => {
    expect((['FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const).map(precedenceRank)).toEqual([1, 2, 3, 4, 5])
  })

  it('should pick the most urgent of a list, ignoring nulls', () => {
    expect(highestPrecedence(['ROUTINE', null, 'PRIORITY', 'IMMEDIATE', 'PRIORITY'])).toBe('IMMEDIATE')
    expect(highestPrecedence(['PRIORITY', 'FLASH', 'NIACT IMMEDIATE'])).toBe('FLASH')
    expect(highestPrecedence(['ROUTINE', 'ROUTINE'])).toBe('ROUTINE')
    expect(highestPrecedence([null])).toBeNull()
  })

  it('should map FL5 prosigns both ways, NIACT travelling as O', () => {
    expect(['Z', 'O', 'P', 'R', 'Y', ''].map(precedenceOfProsign)).toEqual(['FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE', null, null])
    expect((['FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const).map(prosignOf)).toEqual(['Z', 'O', 'O', 'P', 'R'])
  })

  it('should repair misspelled precedence words and say so, and leave correct ones unflagged', () => {
    const cases: [string, string, boolean][] = [
      ['FLASH', 'FLASH', false], ['flash', 'FLASH', false], ['FLSH', 'FLASH', true],
      ['NIACT IMMEDIATE', 'NIACT IMMEDIATE', false], ['niact   immediate', 'NIACT IMMEDIATE', false], ['NIACT IMMED', 'NIACT IMMEDIATE', true],
      ['IMMEDIATE', 'IMMEDIATE', false], ['IMMEDAITE', 'IMMEDIATE', true],
      ['PRIORITY', 'PRIORITY', false], ['PRIOITY', 'PRIORITY', true],
      ['ROUTINE', 'ROUTINE', false], ['ROUTNE', 'ROUTINE', true],
    ]
    for (const [written, word, misspelled] of cases) expect([written, normalizePrecedence(written)]).toEqual([written, { word, misspelled }])
  })

  it('should read precedences as users type them', () => {
    expect([' flash ', 'niact', 'Niact  Immediate', 'immediate', 'PRIORITY', 'routine', 'urgent', ''].map(parsePrecedence)).toEqual([
      'FLASH', 'NIACT IMMEDIATE', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE', null, null,
    ])
  })

  it('should give the more urgent of two, either way round', () => {
    expect(higherPrecedence('ROUTINE', 'IMMEDIATE')).toBe('IMMEDIATE')
    expect(higherPrecedence('IMMEDIATE', 'ROUTINE')).toBe('IMMEDIATE')
    expect(higherPrecedence('NIACT IMMEDIATE', 'IMMEDIATE')).toBe('NIACT IMMEDIATE')
    expect(higherPrecedence('PRIORITY', 'FLASH')).toBe('FLASH')
    expect(higherPrecedence('ROUTINE', 'ROUTINE')).toBe('ROUTINE')
  })
})

describe('clearance words on the command line', () => {
  it('should refuse a clearance that names no level, or names caveats', () => {
    for (const bad of ['SECRT', 'NOFORN']) {
      expect(() => readerAccess(bad, undefined)).toThrow(`unknown clearance "${bad}": use UNCLASSIFIED, SBU, CONFIDENTIAL, SECRET or TOP SECRET`)
    }
  })

  it('should tell a clearance written with its caveats to pass them apart', () => {
    expect(() => readerAccess('SECRET//NOFORN', undefined)).toThrow('clearance "SECRET//NOFORN" names the caveat NOFORN: --clearance takes a level alone: pass the caveats with --caveats (--clearance "SECRET" --caveats NOFORN)')
    expect(() => readerAccess('S//NF', undefined)).toThrow('pass the caveats with --caveats (--clearance "SECRET" --caveats NOFORN)')
    expect(() => readerAccess('TOP SECRET/NOFORN/EXDIS', 'ORCON')).toThrow('names the caveats NOFORN, EXDIS: --clearance takes a level alone: pass the caveats with --caveats (--clearance "TOP SECRET" --caveats NOFORN,EXDIS)')
    // a spec takes its caveats after commas
    expect(() => clearanceSpec('SECRET//NOFORN,EXDIS')).toThrow('clearance "SECRET//NOFORN" names the caveat NOFORN: write LEVEL[,CAVEAT…] (SECRET,NOFORN,EXDIS)')
  })

  it('should read a caveat list with spaces and empty items, and name the known caveats when one is not', () => {
    expect(readerAccess('SECRET', ' noforn , exdis,NOFORN')).toEqual({ level: 3, caveats: ['NOFORN', 'EXDIS'] })
    // an empty entry is a typo, never silently "no caveat": a reader must get exactly what he named
    expect(() => readerAccess('SECRET', ' noforn , ,exdis')).toThrow('caveat 2 of " noforn , ,exdis" is empty')
    expect(() => readerAccess('SECRET', 'NOFORN,')).toThrow('caveat 2 of "NOFORN," is empty')
    expect(clearanceSpec('secret, noforn')).toEqual({ level: 3, caveats: ['NOFORN'] })
    expect(clearanceSpec('CONFIDENTIAL')).toEqual({ level: 2, caveats: [] })
    expect(() => clearanceSpec('SECRET,,')).toThrow('part 2 of "SECRET,," is empty')
    expect(() => clearanceSpec(',NOFORN')).toThrow('names no level')
    expect(readerAccess('SECRET', '')).toEqual({ level: 3, caveats: [] })
    expect(readerAccess('TS', undefined)).toEqual({ level: 4, caveats: [] })
    expect(() => readerAccess('SECRET', 'NOFORN,REL')).toThrow(/^unknown caveat "REL": known are NOFORN, /)
  })

  it('should read blanks alone as no caveats, and a spec\'s parts with their blanks trimmed, each caveat apart', () => {
    // blanks alone are no list at all (as an empty --caveats), not one empty caveat
    expect(readerAccess('SECRET', '  ')).toEqual({ level: 3, caveats: [] })
    expect(readerAccess('CONFIDENTIAL', '\t')).toEqual({ level: 2, caveats: [] })
    // every caveat of a spec is its own: three parts, two caveats
    expect(clearanceSpec('SECRET,NOFORN,EXDIS')).toEqual({ level: 3, caveats: ['NOFORN', 'EXDIS'] })
    expect(clearanceSpec('TOP SECRET,ORCON,NODIS,NOFORN')).toEqual({ level: 4, caveats: ['ORCON', 'NODIS', 'NOFORN'] })
    // a part of blanks is an empty part, named by its place
    expect(() => clearanceSpec('SECRET, ,NOFORN')).toThrow('part 2 of "SECRET, ,NOFORN" is empty: write LEVEL[,CAVEAT…] with single commas')
    expect(() => clearanceSpec('  ,NOFORN')).toThrow('"  ,NOFORN" names no level')
  })
})

describe('caveat bits', () => {
  it('should know caveats in any case and give each its own bit', () => {
    expect(['noforn', 'NoDis', 'EXDIS', 'REL', 'FOUO'].map(isKnownCaveat)).toEqual([true, true, true, false, false])
    expect(caveatMask(['noforn'])).toBe(caveatMask(['NOFORN']))
    expect(caveatMask(['NOFORN', 'NODIS'])).toBe(caveatMask(['NOFORN']) | caveatMask(['NODIS']))
    expect(caveatMask(['NOFORN']) & caveatMask(['NODIS'])).toBe(0)
    expect(caveatMask([])).toBe(0)
  })

  it('should list the known caveats a reader lacks, in bit order, whatever the case he holds them in', () => {
    expect(lackedCaveats([])).toEqual(['NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'CHEROKEE', 'SPECAT'])
    expect(lackedCaveats(['nodis', 'ORCON', 'REL'])).toEqual(['NOFORN', 'EXDIS', 'LIMDIS', 'STADIS', 'CHEROKEE', 'SPECAT'])
    expect(lackedCaveats(['NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'CHEROKEE', 'SPECAT'])).toEqual([])
  })
})

describe('PRECEDENCE_WORD: the precedence word of an addressee line, as written', () => {
  it.each([
    ['TO SECSTATE WASHDC FLASH 0001', 'FLASH'],
    ['TO AMEMBASSY HARARE ROUTINE 0001', 'ROUTINE'],
    ['TO SECSTATE WASHDC NIACT  IMMEDIATE 0001', 'NIACT  IMMEDIATE'],
    ['TO SECSTATE WASHDC NIACT\tIMMED 0001', 'NIACT\tIMMED'],
    ['TO SECSTATE WASHDC NIACT  IMMEDAITE 0001', 'NIACT  IMMEDAITE'],
    ['TO SECSTATE WASHDC IMMEDAITE', 'IMMEDAITE'],
  ])('should find in %j the word %j', (line, word) => {
    expect(PRECEDENCE_WORD.exec(line)?.[1]).toBe(word)
  })

  it('should take no word glued to another', () => {
    expect(PRECEDENCE_WORD.exec('TO SECSTATE WASHDC XFLASH 0001')).toBeNull()
    expect(PRECEDENCE_WORD.exec('TO SECSTATE WASHDC FLASHY 0001')).toBeNull()
  })
})
