import { describe, expect, it } from 'vitest'
import { cableAccess, UNKNOWN_LEVEL_RANK, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { resolveDbLocation } from '../../src/archive/db-location.js'
import { readerAccess } from '../../src/archive/reader-access.js'
import { redactText } from '../../src/archive/redact.js'
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
  it('should file an HTML page whose cable text holds markup that can hide text as a marking nobody can read, its marks all readable', () => {
    const page = (para1: string) =>
      `<html><body><pre>C O N F I D E N T I A L MORVALE 000780\n\nSUBJECT: (C) INVENTED\n\n1. (C) ${para1} words.\n\nNOBODY\n</pre></body></html>`
    const hidden = parseCable(page('Open <span style="display:none">hidden</span>'))
    expect(cableAccess(hidden)).toEqual({ level: 4, caveats: [], classification: UNREADABLE_MARKING_LABEL })
    // the same page without the hiding markup is filed at its marks
    expect(cableAccess(parseCable(page('Open <b>bold</b>')))).toEqual({ level: 2, caveats: [], classification: 'CONFIDENTIAL' })
  })

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

describe('spaced captions and captions on the class line (re-QA L5)', () => {
  const text = (classLine: string, captions: string) =>
    `R 031200Z FEB 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC 0001\n\n${classLine}\n\n${captions}\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: (C) INVENTED\n\n1. (C) Invented text.\n`
  it('should file a cable under the NODIS or EXDIS caveat its spaced caption names, everywhere', () => {
    expect(cableAccess(parseCable(text('S E C R E T QUORIN 000611', 'N O D I S'))).caveats).toEqual(['NODIS'])
    expect(cableAccess(parseCable(text('S E C R E T QUORIN 000611', 'E X D I S\nSIPDIS'))).caveats).toEqual(['EXDIS'])
    expect(cableAccess(parseCable(text('S E C R E T NODIS QUORIN 000611', 'SIPDIS'))).caveats).toEqual(['NODIS'])
    // the releasable rendering demands it of every portion: a SECRET reader without NODIS reads none
    const r = redactText(text('S E C R E T QUORIN 000611', 'N O D I S'), { level: 3, caveats: [] })
    expect(r.text).not.toContain('Invented text')
    expect(redactText(text('S E C R E T QUORIN 000611', 'N O D I S'), { level: 3, caveats: ['NODIS'] }).text).toContain('Invented text')
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
