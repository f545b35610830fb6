/**
 * Controls a class line joins to its class word with `//` (QA 14 round 9, F2): the letter-spaced class line
 * (`S E C R E T//NF QUORIN 000711`) is read as the unspaced one and as a portion mark are, by the one marking
 * parser: `NF` is NOFORN, `OC` ORCON, and a control nobody reads (`SI`, `ZZ`) files the cable TOP SECRET (marking not
 * understood, fail closed). Filing, the canonical rendering, lint and search on both engines agree. Synthetic cables
 * only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { lintText } from '../../src/lint/index.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of QUORIN under `classLine` (the class line's words before the MRN): a (U) and an (S) paragraph. */
const cable = (serial: number, classLine: string, word = 'leakword') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

${classLine} QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (U) QUORIN TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (U) Public harbour paragraph.

2. (S) The ${word} was seen.

NOBODY
`
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))

const UNREADABLE = 'TOP SECRET (marking not understood)'
/** The class line's words before the MRN and the filing they give. */
const LINES: [string, string][] = [
  ['S E C R E T//NOFORN', 'SECRET//NOFORN'],
  ['S E C R E T//NF', 'SECRET//NOFORN'],
  ['S E C R E T//OC', 'SECRET//ORCON'],
  ['S E C R E T//ORCON/NF', 'SECRET//ORCON/NOFORN'],
  ['S E C R E T // NF', 'SECRET//NOFORN'],
  ['S E C R E T/NF', 'SECRET//NOFORN'],
  ['SECRET//NF', 'SECRET//NOFORN'],
  ['C O N F I D E N T I A L//NF', 'SECRET//NOFORN'],
  ['S E C R E T//SI', UNREADABLE],
  ['S E C R E T//ZZ', UNREADABLE],
  ['SECRET//SI', UNREADABLE],
  ['S E C R E T//NOFORN//SI', UNREADABLE],
]

describe('controls joined to the class word', () => {
  it.each(LINES)('%j files the cable %s', (classLine, label) => {
    const text = cable(711, classLine)
    const c = parseCable(text, { plain: true })
    expect(c.mrn).toEqual({ origin: 'QUORIN', serial: '000711' })
    expect(filed(text).classification).toBe(label)
    // the canonical rendering keeps the controls: read back, it is filed the same
    expect(filed(renderCanonical(c)).classification).toBe(label)
  })

  it('is refused by lint when the marking parser cannot read the controls, and only then', () => {
    const refused = (classLine: string) => lintText(cable(711, classLine), { mode: 'archive' }).filter((p) => p.ruleId === 'TXT-029' && /Class-line marking/.test(p.message))
    expect(refused('S E C R E T//SI')).toHaveLength(1)
    expect(refused('S E C R E T//NOFORN//ZZ')[0].message).toContain('SECRET//NOFORN//ZZ')
    expect(refused('S E C R E T//NF')).toHaveLength(0)
    expect(refused('S E C R E T')).toHaveLength(0)
  })
})

describe.each(await storeEngines('class-line-controls'))('search on $name', (engine) => {
  it.skipIf(engine.skip)('finds no word of a cable whose class-line controls the reader lacks or nobody reads', async () => {
    const store = await engine.open()
    const texts = [cable(721, 'S E C R E T//NF', 'clleaka'), cable(722, 'S E C R E T//SI', 'clleakb'), cable(723, 'S E C R E T//ORCON/NF', 'clleakc'), cable(724, 'S E C R E T', 'clopend')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    for (const query of ['clleaka', 'clleakb', 'clleakc']) expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'clleakc', access: { level: 3, caveats: ['ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'clleaka', access: { level: 3, caveats: ['NOFORN'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'clleakc', access: { level: 3, caveats: ['NOFORN', 'ORCON'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'clleakb', access: { level: 3, caveats: ['NOFORN', 'ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'clleakb', access: { level: 4, caveats: [] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'clopend', access: S, limit: 10 })).total).toBe(1)
  })
})
