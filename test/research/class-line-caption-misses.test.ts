/**
 * Class-line controls written with blanks and caption lines typed past the caption reader (QA 14 round 10, F5, F6,
 * F7): `SECRET NF QUORIN 000814` states NOFORN (NF is no part of the post name); `S E C R E T // N O F O R N QUORIN
 * 000801` is the letter-spaced control; a caption line `N/F`, `NOFRN`, `NOFORM`, ORCON written out in full is the
 * caption it stands for, and `HANDLE VIA COMINT CHANNELS ONLY` or a near miss equally near two captions is a control
 * nobody here reads (TOP SECRET, marking not understood). Filing, id, lint and search on both engines agree.
 * Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { captionBlockHandling, nearMissCaptions, spelledCaptions, writtenOutHandling } from '../../src/format/caption-spellings.js'
import { leadOfOrigin } from '../../src/format/class-line.js'
import { parseCable } from '../../src/format/parse.js'
import { lintText } from '../../src/lint/index.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of QUORIN: `classLine` (the class line's words before the MRN), `caption` as its first caption line, a (U) and an (S) paragraph. */
const cable = (serial: number, classLine: string, caption: string, word = 'leakword') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

${classLine} QUORIN 000${serial}

${caption}
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

/** Class lines (before the MRN, with a caption line SENSITIVE) and the filing they give. */
const CLASS_LINES: [string, string][] = [
  ['SECRET NF', 'SECRET//NOFORN'],
  ['S E C R E T NF', 'SECRET//NOFORN'],
  ['S E C R E T N F', 'SECRET//NOFORN'],
  ['SECRET OC', 'SECRET//ORCON'],
  ['SECRET OC NODIS', 'SECRET//ORCON/NODIS'],
  ['SECRET//OC NF', 'SECRET//ORCON/NOFORN'],
  ['SECRET SI', UNREADABLE],
  ['S E C R E T // N O F O R N', 'SECRET//NOFORN'],
  ['S E C R E T//N O F O R N', 'SECRET//NOFORN'],
  ['S E C R E T//N O D I S', 'SECRET//NODIS'],
  ['SECRET NOFORN', 'SECRET//NOFORN'],
]

describe('controls after the class word, separated by blanks or letter-spaced (F5, F7)', () => {
  it.each(CLASS_LINES)('%j is read with the origin QUORIN and files the cable %s', (classLine, label) => {
    const text = cable(814, classLine, 'SENSITIVE')
    const c = parseCable(text, { plain: true })
    expect(c.mrn).toEqual({ origin: 'QUORIN', serial: '000814' })
    expect(c.id).toBe('08QUORIN814')
    expect(filed(text).classification).toBe(label)
    if (label !== UNREADABLE) expect(redactText(text, S, filed(text)).text).not.toContain('leakword')
  })

  it('takes no control word from a post name the directory knows, nor the whole name', () => {
    expect(leadOfOrigin('NF QUORIN').controls.map((c) => c.control)).toEqual(['NF'])
    expect(leadOfOrigin('NF').controls).toEqual([])
    expect(leadOfOrigin('SAN SALVADOR').controls).toEqual([])
    expect(leadOfOrigin('Nf QUORIN').controls).toEqual([])
  })

  it('is refused by lint when a blank-separated control is one nobody reads', () => {
    const refused = (classLine: string) => lintText(cable(815, classLine, 'SENSITIVE'), { mode: 'archive' }).filter((p) => p.ruleId === 'TXT-029' && /Class-line marking/.test(p.message))
    expect(refused('SECRET SI')[0].message).toContain('SECRET//SI')
    expect(refused('SECRET NF')).toHaveLength(0)
  })
})

/** Caption lines (under `S E C R E T`) and the filing they give. */
const CAPTIONS: [string, string][] = [
  ['N/F', 'SECRET//NOFORN'],
  ['N.F.', 'SECRET//NOFORN'],
  ['O/C', 'SECRET//ORCON'],
  ['NOFRN', 'SECRET//NOFORN'],
  ['NOFORM', 'SECRET//NOFORN'],
  ['NOFORNN', 'SECRET//NOFORN'],
  ['NODSI', 'SECRET//NODIS'],
  ['NOFRN SIPDIS', 'SECRET//NOFORN'],
  ['DISSEMINATION AND EXTRACTION OF INFORMATION CONTROLLED BY ORIGINATOR', 'SECRET//ORCON'],
  ['HANDLE VIA COMINT CHANNELS ONLY', UNREADABLE],
  ['HANDLE VIA TALENT-KEYHOLE CHANNELS', UNREADABLE],
  ['NXDIS', UNREADABLE],
  ['SIPDS', 'SECRET'],
  ['SENSITIVE', 'SECRET'],
  ['PASS TO NODES', 'SECRET'],
  // QA 11 F1: a near miss of a caption of several words, word by word; a letter-spaced near miss; handling written
  // out over two caption lines
  ['ORIGINATOR CONTROLED', 'SECRET//ORCON'],
  ['ORIGINATR CONTROLLED', 'SECRET//ORCON'],
  ['E X D I Z', 'SECRET//EXDIS'],
  ['N O F R N', 'SECRET//NOFORN'],
  ['N X D I S', UNREADABLE],
  ['DISSEMINATION AND EXTRACTION OF INFORMATION\nCONTROLLED BY ORIGINATOR', 'SECRET//ORCON'],
  ['DISSEMINATION AND EXTRACTION\nOF INFORMATION CONTROLLED\nBY ORIGINATOR', 'SECRET//ORCON'],
  ['HANDLE VIA\nCOMINT CHANNELS ONLY', UNREADABLE],
  ['HANDLE VIA COMINT\nCHANNELS ONLY', UNREADABLE],
  ['HANDLE VIA', UNREADABLE],
  ['HANDLE VIA\nROGER CHANNEL', 'SECRET//NODIS'],
]

describe('caption lines near a caption, short forms with separators, handling written out (F6)', () => {
  it.each(CAPTIONS)('%j files the cable %s', (caption, label) => {
    const text = cable(842, 'S E C R E T', caption)
    expect(filed(text).classification).toBe(label)
    if (label !== UNREADABLE && label !== 'SECRET') expect(redactText(text, S, filed(text)).text).not.toContain('leakword')
  })

  it('reads near misses as the nearest caption, or as unreadable when the nearest disagree', () => {
    expect(nearMissCaptions('NOFRN')).toEqual({ read: [{ word: 'NOFRN', caption: 'NOFORN' }], unreadable: [] })
    expect(nearMissCaptions('NXDIS')).toEqual({ read: [], unreadable: ['NXDIS'] })
    for (const line of ['NOFORN', 'NOFORN SIPDIS', 'SIPDS', 'PASS TO NODES', 'E.O. 12958', '', 'NODIS2']) expect(nearMissCaptions(line), line).toBeNull()
    expect(spelledCaptions('N/F')).toEqual(['NOFORN'])
    expect(writtenOutHandling('HANDLE VIA ROGER CHANNEL')).toEqual({ captions: ['ROGER CHANNEL'], unreadable: false })
    expect(writtenOutHandling('HANDLE VIA COMINT CHANNELS ONLY')).toEqual({ captions: [], unreadable: true })
    expect(writtenOutHandling('PLEASE HANDLE THIS')).toEqual({ captions: [], unreadable: false })
    expect(nearMissCaptions('ORIGINATOR CONTROLED')).toEqual({ read: [{ word: 'ORIGINATOR CONTROLED', caption: 'ORCON' }], unreadable: [] })
    expect(nearMissCaptions('E X D I Z')).toEqual({ read: [{ word: 'EXDIZ', caption: 'EXDIS' }], unreadable: [] })
    for (const line of ['ORIGINATOR CONTROLLED', 'S I P D I S', 'EYES ONLY', 'A B C']) expect(nearMissCaptions(line), line).toBeNull()
    expect(captionBlockHandling(['HANDLE VIA', 'COMINT CHANNELS ONLY'])).toEqual({ captions: [], unreadable: [0] })
    expect(captionBlockHandling(['DISSEMINATION AND EXTRACTION OF INFORMATION', 'CONTROLLED BY ORIGINATOR'])).toEqual({ captions: ['ORCON'], unreadable: [] })
    expect(captionBlockHandling(['NOFORN', 'SIPDIS'])).toEqual({ captions: [], unreadable: [] })
  })

  it('is reported by lint in archive mode, and a caption as written is not', () => {
    const said = (caption: string) => lintText(cable(843, 'S E C R E T', caption), { mode: 'archive' }).filter((p) => p.ruleId === 'TXT-029' && /Caption line/.test(p.message)).map((p) => p.message)
    expect(said('NOFRN')[0]).toContain('read as NOFORN')
    expect(said('N/F')[0]).toContain('read as NOFORN')
    expect(said('NXDIS')[0]).toContain('highest level')
    expect(said('HANDLE VIA COMINT CHANNELS ONLY')[0]).toContain('highest level')
    expect(said('NOFORN')).toEqual([])
    expect(said('SIPDS')).toEqual([])
    expect(said('ORIGINATOR CONTROLED')[0]).toContain('read as ORCON')
    expect(said('E X D I Z')[0]).toContain('read as EXDIS')
    expect(said('HANDLE VIA\nCOMINT CHANNELS ONLY')[0]).toContain('highest level')
  })
})

describe.each(await storeEngines('class-line-caption-misses'))('search on $name', (engine) => {
  it.skipIf(engine.skip)('finds no word of a cable whose blank-separated, spaced or mistyped control the reader lacks', async () => {
    const store = await engine.open()
    const texts = [
      cable(801, 'SECRET NF', 'SENSITIVE', 'cmleaka'),
      cable(802, 'S E C R E T // N O F O R N', 'SENSITIVE', 'cmleakb'),
      cable(803, 'S E C R E T', 'NOFRN', 'cmleakc'),
      cable(804, 'S E C R E T', 'HANDLE VIA COMINT CHANNELS ONLY', 'cmleakd'),
      cable(805, 'S E C R E T', 'DISSEMINATION AND EXTRACTION OF INFORMATION CONTROLLED BY ORIGINATOR', 'cmleake'),
      cable(806, 'S E C R E T', 'SENSITIVE', 'cmopen'),
      cable(807, 'S E C R E T', 'ORIGINATOR CONTROLED', 'cmleakf'),
      cable(808, 'S E C R E T', 'E X D I Z', 'cmleakg'),
      cable(809, 'S E C R E T', 'DISSEMINATION AND EXTRACTION OF INFORMATION\nCONTROLLED BY ORIGINATOR', 'cmleakh'),
      cable(810, 'S E C R E T', 'HANDLE VIA\nCOMINT CHANNELS ONLY', 'cmleaki'),
    ]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    for (const query of ['cmleaka', 'cmleakb', 'cmleakc', 'cmleakd', 'cmleake', 'cmleakf', 'cmleakg', 'cmleakh', 'cmleaki']) expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
    const nf: Access = { level: 3, caveats: ['NOFORN'] }
    for (const query of ['cmleaka', 'cmleakb', 'cmleakc']) expect((await searchArchive(store, { query, access: nf, limit: 10 })).total, query).toBe(1)
    expect((await searchArchive(store, { query: 'cmleake', access: { level: 3, caveats: ['ORCON'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'cmleakd', access: { level: 3, caveats: ['NOFORN', 'ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'cmleakd', access: { level: 4, caveats: [] }, limit: 10 })).total).toBe(1)
    for (const query of ['cmleakf', 'cmleakh']) expect((await searchArchive(store, { query, access: { level: 3, caveats: ['ORCON'] }, limit: 10 })).total, query).toBe(1)
    expect((await searchArchive(store, { query: 'cmleakg', access: { level: 3, caveats: ['EXDIS'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'cmleaki', access: { level: 3, caveats: ['NOFORN', 'ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'cmopen', access: S, limit: 10 })).total).toBe(1)
    // the id and origin as the class line names them, not `08NFQUORIN801`
    const hit = await searchArchive(store, { query: 'cmleaka', access: nf, limit: 10 })
    const keys: string[] = []
    for await (const h of hit.hits) keys.push(h.key)
    expect(keys).toEqual(['08QUORIN801'])
  })
})
