import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { parseCable } from '../../src/format/parse.js'
import { canRead, markingOf } from '../../src/messaging/access.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, SearchHit } from '../../src/store/store.js'

/**
 * The read-access rule at its edges (issue 15's planted bugs): every caveat of a cable is checked, not only
 * the first; a cable whose level nothing states is readable at TOP SECRET only; the subject's portion mark
 * raises the cable like any paragraph's. Expected values are written out here, never read from the code.
 */

function telegram(classLine: string, captions: string[], subject: string, paragraphs: string[], serial = '000123'): string {
  return [
    'FM AMEMBASSY HARARE',
    'TO SECSTATE WASHDC ROUTINE 0001',
    '',
    `${classLine} HARARE ${serial}`,
    '',
    ...captions,
    '',
    'E.O. 12958: DECL: 01/01/2019',
    'TAGS: PREL, ZI',
    `SUBJECT: ${subject}`,
    '',
    ...paragraphs.flatMap((p, i) => [`${i + 1}. ${p}`, '']),
  ].join('\n')
}

const SECRET_LINE = 'S E C R E T'
const CONFIDENTIAL_LINE = 'C O N F I D E N T I A L'

describe('canRead: every caveat of a cable is checked', () => {
  const cases: { reader: string[]; cable: string[]; readable: boolean }[] = [
    { reader: ['NOFORN'], cable: ['NOFORN', 'NODIS'], readable: false },
    { reader: ['NOFORN'], cable: ['NODIS', 'NOFORN'], readable: false },
    { reader: ['NODIS'], cable: ['NOFORN', 'NODIS'], readable: false },
    { reader: ['EXDIS', 'NOFORN'], cable: ['EXDIS', 'NOFORN', 'ORCON'], readable: false },
    { reader: ['ORCON', 'NOFORN'], cable: ['EXDIS', 'NOFORN', 'ORCON'], readable: false },
    { reader: ['NODIS', 'NOFORN'], cable: ['NOFORN', 'NODIS'], readable: true },
    { reader: ['EXDIS', 'NOFORN', 'ORCON'], cable: ['ORCON', 'EXDIS', 'NOFORN'], readable: true },
    { reader: [], cable: [], readable: true },
    { reader: [], cable: ['NOFORN'], readable: false },
  ]
  for (const c of cases) {
    it(`should ${c.readable ? 'let' : 'keep'} a SECRET reader holding [${c.reader}] ${c.readable ? 'read' : 'from'} a SECRET cable with [${c.cable}]`, () => {
      expect(canRead({ level: 3, caveats: c.reader }, { level: 3, caveats: c.cable })).toBe(c.readable)
    })
  }

  it('should check caveats even when the reader is cleared far above the level', () => {
    expect(canRead({ level: 4, caveats: ['NOFORN'] }, { level: 0, caveats: ['NOFORN', 'EXDIS'] })).toBe(false)
  })

  it('should read both caveats from a cable captioned NOFORN and NODIS', () => {
    const cable = parseCable(telegram(SECRET_LINE, ['NOFORN', 'NODIS'], '(S) TWO CAVEATS', ['(S) Text.']))
    const marking = markingOf(cable)
    expect(marking).toEqual({ level: 3, caveats: ['NODIS', 'NOFORN'] })
    expect(canRead({ level: 3, caveats: ['NOFORN'] }, marking)).toBe(false)
    expect(canRead({ level: 3, caveats: ['NODIS'] }, marking)).toBe(false)
    expect(canRead({ level: 3, caveats: ['NODIS', 'NOFORN'] }, marking)).toBe(true)
  })
})

describe('a cable whose level nothing states fails closed', () => {
  const bare = parseCable('a page of notes with no telegram parts at all\n')

  it('should be filed at TOP SECRET (rank 4) with no published classification', () => {
    expect(cableAccess(bare)).toEqual({ level: 4, caveats: [], classification: null })
    expect(markingOf(bare)).toEqual({ level: 4, caveats: [] })
  })

  for (const level of [0, 1, 2, 3]) {
    it(`should be unreadable by a reader cleared to rank ${level} holding every caveat`, () => {
      expect(canRead({ level, caveats: ['NOFORN', 'NODIS', 'EXDIS', 'ORCON'] }, markingOf(bare))).toBe(false)
    })
  }

  it('should be readable by a TOP SECRET reader', () => {
    expect(canRead({ level: 4, caveats: [] }, markingOf(bare))).toBe(true)
  })
})

describe("the subject's portion mark raises the cable", () => {
  it('should file a CONFIDENTIAL cable with an (S//NF) subject as SECRET//NOFORN', () => {
    const a = cableAccess(parseCable(telegram(CONFIDENTIAL_LINE, ['SIPDIS'], '(S//NF) A SUBJECT ABOVE ITS CABLE', ['(C) Text.', '(C) More.'])))
    expect(a).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
  })

  it('should take a subject caveat even when the subject level is not higher', () => {
    const a = cableAccess(parseCable(telegram(SECRET_LINE, ['SIPDIS'], '(S//NF) SAME LEVEL, ONE CAVEAT', ['(S) Text.'])))
    expect(a.level).toBe(3)
    expect(a.caveats).toEqual(['NOFORN'])
  })

  it('should raise an UNCLAS cable to CONFIDENTIAL for a (C) subject', () => {
    expect(cableAccess(parseCable(telegram('UNCLAS', ['SIPDIS'], '(C) A SUBJECT', ['(U) Text.']))).level).toBe(2)
  })
})

describe('the archive store applies the same rule in SQL', () => {
  async function visible(access: Access): Promise<string[]> {
    const store = openStore(':memory:')
    try {
      const texts = [
        telegram(SECRET_LINE, ['NOFORN', 'NODIS'], '(S) BOTH CAVEATS', ['(S) Alpha harvest report.'], '000101'),
        telegram(SECRET_LINE, ['NOFORN'], '(S) ONE CAVEAT', ['(S) Alpha harvest report.'], '000102'),
        telegram(CONFIDENTIAL_LINE, ['SIPDIS'], '(S//NF) RAISED BY SUBJECT', ['(C) Alpha harvest report.'], '000103'),
        'a page of notes about the alpha harvest report, no telegram parts\n',
      ]
      await store.upsertCables(
        texts.map((text, i) => toCableRecord(parseCable(text), text, { locator: `t${i}.txt`, rendering: 'text', sha256: String(i).repeat(64), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} })),
      )
      const hits: SearchHit[] = []
      for await (const h of store.search(parseQuery('alpha harvest'), { sort: 'date' }, access)) hits.push(h)
      return hits.map((h) => h.subject ?? h.key.slice(0, 6)).sort()
    } finally {
      await store.close()
    }
  }

  it('should hide a NOFORN+NODIS cable from a reader holding NOFORN only', async () => {
    expect(await visible({ level: 3, caveats: ['NOFORN'] })).toEqual(['ONE CAVEAT', 'RAISED BY SUBJECT'])
  })

  it('should hide it from a reader holding NODIS only, who reads no NOFORN cable either', async () => {
    expect(await visible({ level: 3, caveats: ['NODIS'] })).toEqual([])
  })

  it('should show it to a reader holding both, and the unmarked page only at TOP SECRET', async () => {
    expect(await visible({ level: 3, caveats: ['NODIS', 'NOFORN'] })).toEqual(['BOTH CAVEATS', 'ONE CAVEAT', 'RAISED BY SUBJECT'])
    expect(await visible({ level: 4, caveats: ['NODIS', 'NOFORN'] })).toHaveLength(4)
  })

  it('should hide the cable raised by its subject from a CONFIDENTIAL reader', async () => {
    expect(await visible({ level: 2, caveats: ['NOFORN', 'NODIS'] })).toEqual([])
  })
})

describe('levels and caveats from every place a cable states them', () => {
  const unclasWith = (captions: string[]) => parseCable(telegram('UNCLAS', captions, 'A SUBJECT', ['Text without marks.']))

  it('should make an unmarked UNCLAS cable SBU for a SENSITIVE or SENSITIVE BUT UNCLASSIFIED caption', () => {
    expect(cableAccess(unclasWith(['SIPDIS'])).level).toBe(0)
    expect(cableAccess(unclasWith(['SENSITIVE', 'SIPDIS'])).level).toBe(1)
    expect(cableAccess(unclasWith(['SENSITIVE BUT UNCLASSIFIED'])).level).toBe(1)
  })

  it('should read the SENSITIVE caption in any case and spacing', () => {
    const base = unclasWith(['SIPDIS'])
    expect(cableAccess({ ...base, captions: ['sensitive'] }).level).toBe(1)
    expect(cableAccess({ ...base, captions: ['  Sensitive   but\tunclassified '] }).level).toBe(1)
  })

  it('should never lower a CONFIDENTIAL cable to SBU for its SENSITIVE caption', () => {
    const c = parseCable(telegram(CONFIDENTIAL_LINE, ['SENSITIVE', 'SIPDIS'], 'A SUBJECT', ['(U) Text.']))
    expect(cableAccess(c)).toEqual({ level: 2, caveats: [], classification: 'CONFIDENTIAL' })
  })

  it('should take the higher of the class line and the container classification column', () => {
    const row = (column: string) =>
      `4242,"2/21/2008 16:25","08QUORIN417","Embassy Quorin","${column}","","FM AMEMBASSY QUORIN\nTO SECSTATE WASHDC PRIORITY 4411","C O N F I D E N T I A L QUORIN 000417\n\nSUBJECT: (C) A SUBJECT\n\n1. (C) Text.\n"\n`
    expect(cableAccess(parseCable(row('SECRET//NOFORN')))).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    expect(cableAccess(parseCable(row('UNCLASSIFIED'))).level).toBe(2)
  })

  it('should ignore a blank stated classification and still fail closed', () => {
    const bare = parseCable('notes only\n')
    expect(cableAccess(bare, '   ')).toEqual({ level: 4, caveats: [], classification: null })
  })
})

describe('clearance words, access of a user, and marking names', async () => {
  const { accessOf, describeMarking, levelRank } = await import('../../src/messaging/access.js')

  it('should read every level word and abbreviation users type', () => {
    const expected: [string, number | null][] = [
      [' unclas ', 0], ['U', 0], ['unclassified', 0], ['lou', 1], ['FOUO', 1], ['sbu', 1],
      ['c', 2], ['Confidential', 2], ['s', 3], ['secret', 3], ['ts', 4], ['TOP SECRET', 4], ['secrte', null], ['', null],
    ]
    for (const [word, rank] of expected) expect([word, levelRank(word)]).toEqual([word, rank])
  })

  it("should give an active user his clearance with caveats in one order, and an inactive one nothing", () => {
    expect(accessOf({ clearance: 3, caveats: ['NOFORN', 'EXDIS'], active: true })).toEqual({ level: 3, caveats: ['EXDIS', 'NOFORN'] })
    expect(accessOf({ clearance: 4, caveats: ['NOFORN'], active: false })).toEqual({ level: -1, caveats: [] })
  })

  it('should name a marking as level and caveats joined by //', () => {
    expect(describeMarking({ level: 3, caveats: ['NOFORN', 'NODIS'] })).toBe('SECRET//NOFORN//NODIS')
    expect(describeMarking({ level: 0, caveats: [] })).toBe('UNCLASSIFIED')
    // every level by its rank, as messages and the audit name it
    expect([1, 2, 4].map((level) => describeMarking({ level, caveats: [] }))).toEqual(['SBU', 'CONFIDENTIAL', 'TOP SECRET'])
    expect(describeMarking({ level: 9, caveats: [] })).toBe('level 9')
  })
})
