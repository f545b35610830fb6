/**
 * Caption lines spelt with separators between their letters (QA 14 round 9, F4): `N.O.F.O.R.N`, `N/O/F/O/R/N`,
 * `NO/FORN`, `E/X/D/I/S` are the caption they spell, as `N-O-F-O-R-N` and `N O D I S` are; a caption line of controls
 * nobody here reads (`SI`, `TK`, `HCS`) files the cable TOP SECRET, marking not understood (fail closed). Filing, the
 * releasable rendering and search on both engines agree. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { controlsNobodyReads, spelledCaptions } from '../../src/format/caption-spellings.js'
import { redactText } from '../../src/archive/redact.js'
import { lintText } from '../../src/lint/index.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of QUORIN with `caption` as its first caption line, then SIPDIS, and an (S) paragraph. */
const cable = (serial: number, caption: string, word = 'leakword') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

S E C R E T QUORIN 000${serial}

${caption}
SIPDIS

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (U) QUORIN TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (S) The ${word} was seen.

NOBODY
`
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const UNREADABLE = 'TOP SECRET (marking not understood)'

const SPELLINGS: [string, string][] = [
  ['N.O.F.O.R.N', 'SECRET//NOFORN'],
  ['N. O. F. O. R. N.', 'SECRET//NOFORN'],
  ['N/O/F/O/R/N', 'SECRET//NOFORN'],
  ['N_O_F_O_R_N', 'SECRET//NOFORN'],
  ['NO/FORN', 'SECRET//NOFORN'],
  ['NO.FORN', 'SECRET//NOFORN'],
  ['E/X/D/I/S', 'SECRET//EXDIS'],
  ['N/O/D/I/S', 'SECRET//NODIS'],
  ['N.O.F.O.R.N SIPDIS', 'SECRET//NOFORN'],
  ['SI', UNREADABLE],
  ['TK', UNREADABLE],
  ['HCS', UNREADABLE],
  ['SI/TK', UNREADABLE],
]

describe('a caption line spelt with separators', () => {
  it.each(SPELLINGS)('%j files the cable %s and withholds it from a SECRET reader without the caveat', (caption, label) => {
    const text = cable(731, caption)
    const access = filed(text)
    expect(access.classification).toBe(label)
    // a caption line of controls nobody reads covers every portion, as such a class line does (QA 14r9 F3)
    expect(redactText(text, S, access).text).not.toContain('leakword')
  })

  it('reads the captions a line spells, and none in ordinary lines', () => {
    expect(spelledCaptions('N/O/D/I/S')).toEqual(['NODIS'])
    expect(spelledCaptions('n.o.f.o.r.n')).toEqual(['NOFORN'])
    expect(spelledCaptions('N.O.F.O.R.N SIPDIS')).toEqual(['NOFORN', 'SIPDIS'])
    for (const line of ['NO. 5 FORN', 'NOT FOR PUBLIC RELEASE', 'E.O. 12958', 'NODISCUSSION', 'FOR NOFORN READERS', ''])
      expect(spelledCaptions(line), line).toEqual([])
  })

  it('refuses a caption line of controls nobody reads, and nothing the marking parser or prose holds', () => {
    for (const line of ['SI', 'TK', 'HCS', 'SI/TK', 'SCI']) expect(controlsNobodyReads(line), line).toBe(true)
    for (const line of ['SIPDIS', 'NF', 'Si', 'SI TALKS', 'FGI', 'S/NF', '']) expect(controlsNobodyReads(line), line).toBe(false)
  })

  it('is refused by lint as a caption line of controls nobody reads, and only then', () => {
    const refused = (caption: string) => lintText(cable(733, caption), { mode: 'archive' }).filter((p) => p.ruleId === 'TXT-029' && /Caption line/.test(p.message))
    expect(refused('TK')).toHaveLength(1)
    expect(refused('SI/TK')[0].message).toContain('SI/TK')
    expect(refused('NOFORN')).toHaveLength(0)
    expect(refused('SENSITIVE')).toHaveLength(0)
  })

  it('keeps a plain SECRET cable readable by a SECRET reader', () => {
    const text = cable(739, 'SENSITIVE')
    expect(filed(text).classification).toBe('SECRET')
    expect(redactText(text, S, filed(text)).text).toBe(text)
  })
})

describe.each(await storeEngines('caption-spellings'))('search on $name', (engine) => {
  it.skipIf(engine.skip)('finds no word of a cable whose spelt caption the reader lacks or whose controls nobody reads', async () => {
    const store = await engine.open()
    const texts = [cable(741, 'N.O.F.O.R.N', 'cspleaka'), cable(742, 'E/X/D/I/S', 'cspleakb'), cable(743, 'TK', 'cspleakc'), cable(744, 'SENSITIVE', 'cspopend')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    for (const query of ['cspleaka', 'cspleakb', 'cspleakc']) expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'cspleaka', access: { level: 3, caveats: ['NOFORN'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'cspleakb', access: { level: 3, caveats: ['EXDIS'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'cspleakc', access: { level: 3, caveats: ['NOFORN', 'EXDIS', 'ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'cspleakc', access: { level: 4, caveats: [] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'cspopend', access: S, limit: 10 })).total).toBe(1)
  })
})
