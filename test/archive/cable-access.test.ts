import { describe, expect, it } from 'vitest'
import { cableAccess, UNKNOWN_LEVEL_RANK } from '../../src/archive/cable-access.js'
import { resolveDbLocation } from '../../src/archive/db-location.js'
import { readerAccess } from '../../src/archive/reader-access.js'
import { parseCable } from '../../src/format/parse.js'

function cable(classLine: string, captions: string[], paragraphs: string[]): string {
  return [
    'FM AMEMBASSY HARARE',
    'TO SECSTATE WASHDC ROUTINE 0001',
    '',
    classLine,
    '',
    ...captions,
    '',
    'E.O. 12958: DECL: 01/01/2019',
    'TAGS: PREL, ZI',
    'SUBJECT: A TEST',
    '',
    ...paragraphs.flatMap((p, i) => [`${i + 1}. ${p}`, '']),
  ].join('\n')
}

describe('cable access derivation', () => {
  it('should take level and caveats from the class line and captions', () => {
    const a = cableAccess(parseCable(cable('S E C R E T HARARE 000123', ['NOFORN', 'SIPDIS'], ['(S) Text.'])))
    expect(a).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })

  it('should raise the level to the highest portion mark and carry a NOFORN portion to the cable', () => {
    const a = cableAccess(parseCable(cable('C O N F I D E N T I A L HARARE 000123', ['SIPDIS'], ['(C) One.', '(S//NF) Two.'])))
    expect(a.level).toBe(3)
    expect(a.caveats).toEqual(['NOFORN'])
  })

  it('should make SENSITIVE unclassified cables SBU and map distribution captions', () => {
    expect(cableAccess(parseCable(cable('UNCLAS HARARE 000123', ['SENSITIVE', 'SIPDIS'], ['(SBU) Text.']))).level).toBe(1)
    const exdis = cableAccess(parseCable(cable('S E C R E T HARARE 000123', ['EXDIS'], ['(S) Text.'])))
    expect(exdis.caveats).toEqual(['EXDIS'])
  })

  it('should use a level stated by the container and fail closed when none is stated', () => {
    const bare = parseCable('hello world, no telegram here\n')
    expect(cableAccess(bare)).toEqual({ level: UNKNOWN_LEVEL_RANK, caveats: [], classification: null })
    expect(cableAccess(bare, 'CONFIDENTIAL//NOFORN')).toEqual({ level: 2, caveats: ['NOFORN'], classification: 'CONFIDENTIAL//NOFORN' })
  })
})

describe('reader access and database location', () => {
  it('should read clearance words and caveat lists', () => {
    expect(readerAccess(undefined, undefined)).toBeUndefined()
    expect(readerAccess('c', 'noforn, exdis')).toEqual({ level: 2, caveats: ['NOFORN', 'EXDIS'] })
    expect(() => readerAccess('SECRET', 'NOFUN')).toThrow('unknown caveat "NOFUN"')
    expect(() => readerAccess(undefined, 'NOFORN')).toThrow('--caveats needs --clearance')
  })

  it('should prefer --db, then CABLEGRAM_DB, then ./cablegram.db', () => {
    expect(resolveDbLocation('x.db', { CABLEGRAM_DB: '/e.db' }, '/w')).toBe('/w/x.db')
    expect(resolveDbLocation(undefined, { CABLEGRAM_DB: '/e.db' }, '/w')).toBe('/e.db')
    expect(resolveDbLocation(undefined, {}, '/w')).toBe('/w/cablegram.db')
    expect(resolveDbLocation(':memory:', {}, '/w')).toBe(':memory:')
  })
})
