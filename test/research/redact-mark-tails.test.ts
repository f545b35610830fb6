/**
 * NOFORN written beside a readable mark in shapes the mark readers dropped (QA 14 round 9, F5): controls joined onto
 * a mark after its closing bracket (`2. (S)//NF`, `(S)/NF`), a mark with `//` and no control (`2. (S//)`, `(S)//`), and
 * a `LEVEL//CAVEAT` marking opening a sentence in running text (`… open. SECRET//NOFORN the source …`). The first is
 * read as the mark with its controls, the second is a mark nobody can read (fail closed), the third demands its
 * caveat (a mention as likely as a mark: its level is not raised). Filing, rendering and portion-level search agree,
 * on both engines. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { innerMarks, markTail, UNREAD_CONTROL } from '../../src/format/body-portions.js'
import { parseMarking } from '../../src/format/marking.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of QUORIN under `classLine` (SECRET, or UNCLAS with no Classified-by line): a (U) paragraph, then `second`. */
const cable = (serial: number, second: string, classLine = 'S E C R E T') => `R 031200Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC ${serial}

${classLine} QUORIN 000${serial}

SIPDIS

E.O. 12958: ${classLine === 'UNCLAS' ? 'N/A' : 'DECL: 09/03/2018'}
TAGS: PREL QU
SUBJECT: (U) HARBOR PROBE
${classLine === 'UNCLAS' ? '' : '\nClassified By: Ambassador Ada Nobody, reasons 1.4 (b)\n'}
1. (U) Open harbour text.

${second}

NOBODY
`

const U: Access = { level: 0, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

describe('controls beside a readable mark', () => {
  it.each([
    ['2. (S)//NF The mole leakword reported.', 3, ['NOFORN']],
    ['2. (S)/NF The mole leakword reported.', 3, ['NOFORN']],
    ['2. (S)// NF/OC The mole leakword reported.', 3, ['NOFORN', 'ORCON']],
    ['2. The envoy said (S)//NF the mole leakword reported.', 3, ['NOFORN']],
    ['A. (S)//NF The mole leakword reported.', 3, ['NOFORN']],
  ] as const)('reads %j as the mark with its controls', (second, level, caveats) => {
    const text = cable(751, second)
    expect(filed(text)).toMatchObject({ level, caveats })
    expect(shownTo(text, S)).not.toContain('leakword')
    expect(shownTo(text, { level, caveats: [...caveats] })).toBe(text)
  })

  // a mark of separators alone (`(//)`) names neither level nor control: what it would have named is unknown
  // too (issue 15, eighteenth mutation run: it was read as a mark naming nothing, shown to a SECRET reader without NOFORN)
  it.each(['2. (S//) The mole leakword reported.', '2. (S)// The mole leakword reported.', '2. (S)//SI The mole leakword reported.', '2. (S/) The mole leakword reported.', '2. (//) The mole leakword reported.'])(
    'reads %j, a control after // that nobody can read, as a mark nobody can read',
    (second) => {
      const text = cable(752, second)
      expect(filed(text)).toMatchObject({ level: 4, classification: 'TOP SECRET (marking not understood)' })
      expect(shownTo(text, { level: 3, caveats: ['NOFORN', 'ORCON'] })).not.toContain('leakword')
    },
  )

  it('demands the caveat of a marking opening a sentence in running text, not its level', () => {
    const text = cable(756, '2. (U) The harbor is open. SECRET//NOFORN The mole leakword is the source.', 'UNCLAS')
    expect(filed(text)).toMatchObject({ level: 0, caveats: ['NOFORN'] })
    expect(shownTo(text, U)).not.toContain('leakword')
    expect(shownTo(text, { level: 0, caveats: ['NOFORN'] })).toBe(text)
    // a releasability mention restricts no reader
    const rel = cable(757, '2. (U) The paper is classified SECRET//REL TO USA, GBR and leakword saw it.', 'UNCLAS')
    expect(filed(rel)).toMatchObject({ level: 0, caveats: [] })
  })

  it('keeps a mark and prose with a slash after it as they were', () => {
    for (const second of ['2. (S) The plan/NF of leakword.', '2. (S)/CT office leakword.', '2. (S) A and/or B leakword.']) {
      const text = cable(758, second)
      expect(filed(text), second).toMatchObject({ level: 3, caveats: [] })
    }
  })
})

describe('the mark readers', () => {
  it('markTail reads the controls after a closing bracket', () => {
    expect(markTail('//NF the plan')).toEqual(['NF'])
    expect(markTail(' // NF/OC the plan')).toEqual(['NF', 'OC'])
    expect(markTail('/NOFORN, ORCON the plan')).toEqual(['NOFORN', 'ORCON'])
    expect(markTail('// The plan')).toEqual([UNREAD_CONTROL])
    expect(markTail('//SI the plan')).toEqual([UNREAD_CONTROL])
    expect(markTail('//')).toEqual([UNREAD_CONTROL])
    expect(markTail('/CT office')).toEqual([])
    expect(markTail('/ the plan')).toEqual([])
    expect(markTail(' The plan')).toEqual([])
  })

  it('parseMarking refuses a level and a separator with no control after it', () => {
    for (const bare of ['S//', 'S/', 'SECRET//', 'S // ', 'TS//', '//', '/', ' // ']) expect(parseMarking(bare).ok, bare).toBe(false)
    expect(parseMarking('//')).toEqual({ ok: false, error: { message: '"//" names no level or control', start: 0, end: 2 } })
    for (const read of ['S//NF', 'S//NF/', 'S', 'C - ENTIRE TEXT', 'NF']) expect(parseMarking(read).ok, read).toBe(true)
  })

  it('innerMarks reads a marking in running text as its caveats, and a tail after the mark the line was cut after', () => {
    expect(innerMarks('The harbor is open. SECRET//NOFORN the source.')).toEqual(['NOFORN'])
    expect(innerMarks('classified as SECRET//REL TO USA, GBR')).toEqual([])
    expect(innerMarks('//NF the plan', '', 'S')).toEqual(['SECRET//NF'])
    expect(innerMarks('//NF the plan', '', 'S//NF')).toEqual(['SECRET//NF'])
    expect(innerMarks('//NF the plan')).toEqual([])
    expect(innerMarks('the plan (S)//NF here')).toEqual(['S', 'SECRET//NF'])
  })
})

describe.each(await storeEngines('redact-mark-tails'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a paragraph whose controls stand beside its mark for a reader without them', async () => {
    const store = await engine.open()
    const texts = [cable(801, '2. (S)//NF The mole storeleaka reported.'), cable(802, '2. (S//) The mole storeleakb reported.'), cable(803, '2. (U) The harbor is open. SECRET//NOFORN storeleakc is the source.', 'UNCLAS')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true, hint: { id: `08QUORIN${801 + n}` } }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const query of ['storeleaka', 'storeleakb', 'storeleakc']) expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'storeleakc', access: U, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleaka', access: { level: 3, caveats: ['NOFORN'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'storeleakc', access: { level: 0, caveats: ['NOFORN'] }, limit: 10 })).total).toBe(1)
  })
})
