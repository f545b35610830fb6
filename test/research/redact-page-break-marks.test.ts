/**
 * A portion mark a page break splits (QA 14 round 9, F1): `2. (S//` ends page 1, the page header (spec §5.3), a
 * blank line and the repeated subject stand between, and `NF) …` opens page 2. The mark is read as the mark it spells
 * across the page break (SECRET//NOFORN), and a bracket opened at a mark's place and never closed (`2. (S//` followed
 * by an ordinary line, `2. (S// text`) is a mark nobody can read: the cable is filed TOP SECRET (marking not
 * understood), never as the level alone. Filing, rendering and portion-level search agree, on both engines.
 * Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { splitMarks, UNCLOSED_MARK } from '../../src/format/body-portions.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of QUORIN: a (S) paragraph, then `second` (paragraph 2 and what follows it). */
const cable = (serial: number, second: string) => `R 031200Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC ${serial}

S E C R E T QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 09/03/2018
TAGS: PREL QU
SUBJECT: (U) HARBOR PROBE

Classified By: Ambassador Ada Nobody, reasons 1.4 (b)

1. (S) Plain secret harbour paragraph.

${second}

NOBODY
`

const S: Access = { level: 3, caveats: [] }
const SNF: Access = { level: 3, caveats: ['NOFORN'] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

/** Paragraph 2 broken across a page break, as written after paragraph 1. */
const BROKEN: [string, string][] = [
  ['a page header and a blank line', '2. (S//\nQUORIN 00000701  002 OF 002\n\nNF) The mole leakword reported.'],
  ['a page header, a blank line and the repeated subject', '2. (S//\nQUORIN 00000702  002 OF 002\n\nSUBJECT: (U) HARBOR PROBE\n\nNF) The mole leakword reported.'],
  ['a page header and the repeated subject', '2. (S//\nQUORIN 00000703  002 OF 002\nSUBJECT: (U) HARBOR PROBE\n\nNF) The mole leakword reported.'],
  ['a blank line', '2. (S//\n\nNF) The mole leakword reported.'],
  ['a legacy page header', '2. (S//\nPAGE 02        QUORIN  00704  02 OF 02  031200Z\n\nNF) The mole leakword reported.'],
]

describe('a portion mark split by a page break', () => {
  it.each(BROKEN)('is read across %s as the mark it spells (SECRET//NOFORN)', (_what, second) => {
    const text = cable(701, second)
    expect(filed(text)).toMatchObject({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    expect(shownTo(text, S)).not.toContain('leakword')
    expect(shownTo(text, S)).not.toContain('Plain secret harbour')
    expect(shownTo(text, SNF)).toBe(text)
  })

  it.each([
    ['an ordinary line after it', '2. (S//\nThe mole leakword reported.'],
    ['text after it on its line', '2. (S// The mole leakword reported.'],
    ['a bare level at the line end', '2. (S\nThe mole leakword reported.'],
    ['a sub-item', '2. Items:\n- (C/\nthe mole leakword reported.'],
    ['a page break and no closing part', '2. (S//\nQUORIN 00000705  002 OF 002\n\nThe mole leakword reported.'],
  ])('is a mark nobody can read when never closed: %s', (_what, second) => {
    const text = cable(710, second)
    expect(filed(text)).toMatchObject({ level: 4, classification: 'TOP SECRET (marking not understood)' })
    expect(shownTo(text, { level: 3, caveats: ['NOFORN', 'ORCON'] })).not.toContain('leakword')
  })

  it('keeps the readings of an unclosed mark the line spells out, and of prose in brackets', () => {
    for (const [second, caveats] of [['2. (S//NF the mole leakword reported.', ['NOFORN']], ['2. (S/NF leakword hidden.', ['NOFORN']], ['2. (S the mole leakword reported.', []]] as const) {
      const text = cable(720, second)
      expect(filed(text), second).toMatchObject({ level: 3, caveats })
    }
    const prose = cable(721, '2. (S) The envoy (U.S. side\nof the talks) spoke.')
    expect(filed(prose)).toMatchObject({ level: 3, classification: 'SECRET' })
  })
})

describe('splitMarks', () => {
  it('joins the parts of a mark across blank lines, page headers, banners and the repeated subject', () => {
    expect(splitMarks('2. (S//\nQUORIN 00000701  002 OF 002\n\nNF) The mole.\n')).toEqual([{ mark: 'S//NF', at: 3 }])
    expect(splitMarks('2. (S//\nSECRET\nQUORIN 00000701  002 OF 002\nSUBJECT: (U) PROBE\n\nNF) x\n')).toEqual([{ mark: 'S//NF', at: 3 }])
    expect(splitMarks('(S//\n\nNF) x\n')).toEqual([{ mark: 'S//NF', at: 0 }])
    expect(splitMarks('2. (S//\nNF) x\n')).toEqual([{ mark: 'S//NF', at: 3 }])
  })

  it('reads a bracket opened before a level at a mark’s place and never closed as a mark nobody can read', () => {
    expect(splitMarks('2. (S//\nThe mole.\n')).toEqual([{ mark: UNCLOSED_MARK, at: 3 }])
    expect(splitMarks('2. (S// the mole.\n')).toEqual([{ mark: UNCLOSED_MARK, at: 3 }])
    expect(splitMarks('   - (C\nthe plan\n')).toEqual([{ mark: UNCLOSED_MARK, at: 5 }])
    // seven lines between the parts: too far for a page break
    expect(splitMarks(`(S//\n${'\n'.repeat(7)}NF) x\n`)).toEqual([{ mark: UNCLOSED_MARK, at: 0 }])
    // text between the parts: no page break
    expect(splitMarks('(S//\nQUORIN 00000701  002 OF 002\nthe plan\nNF) x\n')).toEqual([{ mark: UNCLOSED_MARK, at: 0 }])
  })

  it('leaves what the line reads, and no mark, alone', () => {
    for (const none of ['2. (S//NF the plan\n', '2. (S/NF the plan\n', '(S the plan\n', 'The envoy (S\n', '(U.S. side\nof the talks)\n', '2. (Comment\n', '(SECRET SERVICE agents\n', '(S/CT) office\n'])
      expect(splitMarks(none), none).toEqual([])
  })
})

describe.each(await storeEngines('redact-page-break-marks'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a paragraph whose mark a page break split for a reader without its caveat', async () => {
    const store = await engine.open()
    const texts = [
      cable(801, '2. (S//\nQUORIN 00000801  002 OF 002\n\nNF) The mole storeleaka reported.'),
      cable(802, '2. (S//\nQUORIN 00000802  002 OF 002\nSUBJECT: (U) HARBOR PROBE\n\nNF) The mole storeleakb reported.'),
      cable(803, '2. (S//\nThe mole storeleakc reported.'),
    ]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const query of ['storeleaka', 'storeleakb', 'storeleakc']) expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'storeleaka', access: SNF, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'storeleakb', access: SNF, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'storeleakc', access: SNF, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleakc', access: { level: 4, caveats: [] }, limit: 10 })).total).toBe(1)
  })
})
