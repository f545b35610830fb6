/**
 * A restricting control right after a mark's closing bracket, separated from it by blanks and/or slashes in any
 * combination, is the mark's (QA 10, F8): `2. (S) NF …` and `2. (S)/ /NF …` were filed SECRET without NOFORN and shown
 * to a SECRET reader without it, while `(S)//NF`, `(S)/NF` and `(S) / NF` were read (`markTail`, QA 14r9 F5). After
 * blanks alone only a restricting control no acronym shares counts (`NF`, `NOFORN`, `NODIS`, …; not `OC`: `(SBU) OC
 * groups …` is organised crime in the dev corpus), and prose stays prose. Filing, rendering and portion-level search
 * agree, on both engines. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { innerMarks, markTail, UNREAD_CONTROL } from '../../src/format/body-portions.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of QUORIN: subject `subject`, a (U) paragraph, then `second`. */
const cable = (serial: number, second: string, subject = '(U) HARBOR PROBE') => `R 031200Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC ${serial}

S E C R E T QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 09/03/2018
TAGS: PREL QU
SUBJECT: ${subject}

Classified By: Ambassador Ada Nobody, reasons 1.4 (b)

1. (U) Open harbour text.

${second}

NOBODY
`

const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

describe('a control after a mark with blanks and slashes', () => {
  it.each([
    ['2. (S) NF The mole leakword reported.', ['NOFORN']],
    ['2. (S)/ /NF The mole leakword reported.', ['NOFORN']],
    ['2. (S) / / NF The mole leakword reported.', ['NOFORN']],
    ['2. (S) NOFORN The mole leakword reported.', ['NOFORN']],
    ['2. (S) NF/OC The mole leakword reported.', ['NOFORN', 'ORCON']],
    ['2. (S)/ /OC The mole leakword reported.', ['ORCON']],
    ['A. (S) NF The mole leakword reported.', ['NOFORN']],
    ['2. The envoy said (S) NF the mole leakword reported.', ['NOFORN']],
    // QA 11 F3: a caveat written in full in any letter case after blanks, and any case after slashes
    ['2. (S) noforn The mole leakword reported.', ['NOFORN']],
    ['2. (S) Noforn rules apply to the leakword.', ['NOFORN']],
    ['2. (S) orcon The mole leakword reported.', ['ORCON']],
    ['2. (S)//nf The mole leakword reported.', ['NOFORN']],
    ['2. (S)/ /Nf The mole leakword reported.', ['NOFORN']],
  ] as const)('reads %j as the mark with its controls', (second, caveats) => {
    const text = cable(771, second)
    expect(filed(text)).toMatchObject({ level: 3, caveats })
    expect(shownTo(text, S)).not.toContain('leakword')
    expect(shownTo(text, { level: 3, caveats: [...caveats] })).toBe(text)
  })

  it('reads a control after the subject mark', () => {
    for (const subject of ['(S) NF HARBOR LEAKWORD', '(S)//NF HARBOR LEAKWORD', '(S)/ /NF HARBOR LEAKWORD']) {
      const text = cable(772, '2. (S) The plan.', subject)
      expect(filed(text), subject).toMatchObject({ level: 3, caveats: ['NOFORN'] })
      expect(shownTo(text, S), subject).not.toContain('LEAKWORD')
    }
  })

  it('keeps prose after a mark as it was', () => {
    for (const second of ['2. (S) OC groups met the leakword.', '2. (S) NOTE: the leakword.', '2. (S) A and/or B leakword.', '2. (S) The plan/NF of leakword.', '2. (S) Nf officials leakword.']) {
      const text = cable(773, second)
      expect(filed(text), second).toMatchObject({ level: 3, caveats: [] })
    }
  })
})

describe('markTail', () => {
  it('reads controls after blanks and slashes in any combination', () => {
    expect(markTail(' NF the plan')).toEqual(['NF'])
    expect(markTail('/ /NF the plan')).toEqual(['NF'])
    expect(markTail(' / / NF / OC the plan')).toEqual(['NF', 'OC'])
    expect(markTail(' NODIS the plan')).toEqual(['NODIS'])
    expect(markTail(' NF/SI the plan')).toEqual(['NF', UNREAD_CONTROL])
    expect(markTail('/ / the plan')).toEqual([UNREAD_CONTROL])
    // QA 11 F3: in full any letter case after blanks; after slashes any case
    expect(markTail(' noforn the plan')).toEqual(['NOFORN'])
    expect(markTail(' Exdis the plan')).toEqual(['EXDIS'])
    expect(markTail('//nf the plan')).toEqual(['NF'])
    expect(markTail('/oc the plan')).toEqual(['OC'])
    expect(markTail(' nf the plan')).toEqual([])
    // after blanks alone: a restricting control no acronym shares, in capitals
    for (const prose of [' OC groups', ' NOTE: the plan', ' A and/or B', ' Nf officials', ' FOUO the plan', ' The plan', '  ']) expect(markTail(prose), prose).toEqual([])
    // a control after the mark is the mark's, at the mark's level (not the overall level a bare caveat counts at)
    expect(innerMarks(' NF the plan', '', 'S')).toEqual(['SECRET//NF'])
    expect(innerMarks(' NODIS GOSSIP', '', 'C')).toEqual(['CONFIDENTIAL//NODIS'])
    expect(innerMarks(' NF/SI the plan', '', 'C')).toEqual(['CONFIDENTIAL//NF', UNREAD_CONTROL])
    expect(innerMarks(' NF the plan', '', 'Japan')).toEqual(['NF'])
    expect(innerMarks('the plan (S) NF here')).toEqual(['S', 'SECRET//NF'])
    expect(innerMarks('the plan (C) NODIS here')).toEqual(['C', 'CONFIDENTIAL//NODIS'])
  })
})

describe.each(await storeEngines('redact-mark-tail-blanks'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a paragraph whose control stands after blanks for a reader without it', async () => {
    const store = await engine.open()
    const texts = [cable(821, '2. (S) NF The mole tailblanka reported.'), cable(822, '2. (S)/ /NF The mole tailblankb reported.'), cable(823, '2. (S) noforn The mole tailblankc reported.'), cable(824, '2. (S)//nf The mole tailblankd reported.')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true, hint: { id: `08QUORIN${821 + n}` } }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const query of ['tailblanka', 'tailblankb', 'tailblankc', 'tailblankd']) {
      expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
      expect((await searchArchive(store, { query, access: { level: 3, caveats: ['NOFORN'] }, limit: 10 })).total, query).toBe(1)
    }
  })
})
