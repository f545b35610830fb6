/**
 * Caption lines standing after the SUBJECT line (mutation testing, nineteenth run, "Possible fail open"): a near miss
 * (`NOFRN`, `NOFORM`), a line of controls nobody here reads (`TK`, `SI/TK`) and handling naming such a control
 * (`HANDLE VIA COMINT CHANNELS ONLY`) demand there what they demand under the class line, though the parser takes
 * them for no caption line (spec §5.4: captions stand under the class line and after the subject, E.O. and TAGS
 * lines). A TAGS list or a subject wrapped onto a line of its own (`SI`, Slovenia) is no caption line. Filing, lint,
 * search and the cable view with portion-level access on both engines agree. Synthetic cables only (invented post
 * QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { headerCaptionBlocks, readCaptionBlock } from '../../src/format/caption-spellings.js'
import { parseCable } from '../../src/format/parse.js'
import { lintText } from '../../src/lint/index.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of QUORIN with `after` standing after its SUBJECT line (a blank line between), `tags` its TAGS line(s). */
const cable = (serial: number, after: string, word = 'leakword', tags = 'TAGS: PREL QU', subject = 'SUBJECT: (U) QUORIN TALKS') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

S E C R E T QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 09/24/2019
${tags}
${subject}

${after}

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (S) The ${word} was seen.

NOBODY
`
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const UNREADABLE = 'TOP SECRET (marking not understood)'

const AFTER_SUBJECT: [string, string][] = [
  ['NOFRN', 'SECRET//NOFORN'],
  ['NOFORM', 'SECRET//NOFORN'],
  ['NOFRN SIPDIS', 'SECRET//NOFORN'],
  ['N O F O R N', 'SECRET//NOFORN'],
  ['N.O.F.O.R.N', 'SECRET//NOFORN'],
  ['EXDSI', 'SECRET//EXDIS'],
  ['NXDIS', UNREADABLE],
  ['TK', UNREADABLE],
  ['SI/TK', UNREADABLE],
  ['HANDLE VIA COMINT CHANNELS ONLY', UNREADABLE],
  ['HANDLE VIA\nCOMINT CHANNELS ONLY', UNREADABLE],
  ['SIPDIS\nTK', UNREADABLE],
]

describe('a caption line after the SUBJECT line', () => {
  it.each(AFTER_SUBJECT)('%j files the cable %s', (after, label) => {
    expect(filed(cable(751, after)).classification).toBe(label)
  })

  it('is read by lint on the same lines the archive reads', () => {
    const txt029 = (text: string) => lintText(text, { mode: 'archive' }).filter((p) => p.ruleId === 'TXT-029' && /Caption line/.test(p.message)).map((p) => p.message)
    expect(txt029(cable(752, 'NOFRN'))).toEqual(['Caption line NOFRN is no caption as written: read as NOFORN'])
    expect(txt029(cable(752, 'TK'))[0]).toContain('Caption line TK names controls')
    expect(txt029(cable(752, 'HANDLE VIA COMINT CHANNELS ONLY'))).toHaveLength(1)
    expect(txt029(cable(752, 'NXDIS'))[0]).toContain('equally near several')
    expect(txt029(cable(752, 'SENSITIVE'))).toEqual([])
    expect(txt029(cable(752, 'Thanks to the TK team.', 'word', 'TAGS: PREL PHUM ECON EUN AF BK CU HR IR IZ MD PK\nSI'))).toEqual([])
  })

  it('is none in a TAGS list or a subject wrapped onto a line of its own, nor in prose', () => {
    // `SI` is Slovenia's tag; the wrapped line stays in the TAGS field
    expect(filed(cable(753, 'SENSITIVE', 'word', 'TAGS: PREL PHUM ECON EUN AF BK CU HR IR IZ MD PK\nSI')).classification).toBe('SECRET')
    expect(filed(cable(753, 'SENSITIVE', 'word', 'TAGS: PREL QU', 'SUBJECT: (U) QUORIN TALKS WITH THE\nTK')).classification).toBe('SECRET')
    expect(filed(cable(753, 'Thanks to the TK team.')).classification).toBe('SECRET')
    expect(filed(cable(753, 'SENSITIVE')).classification).toBe('SECRET')
  })

  it('reads runs of header lines only, from each page header to the next paragraph', () => {
    const lines = [
      { text: 'TAGS: PREL', kind: 'tags' }, { text: 'NOFRN', kind: 'lines' }, { text: '', kind: 'blank' }, { text: 'TK', kind: 'captions' },
      { text: 'SUBJECT: X', kind: 'subject' }, { text: 'SI', kind: 'lines' }, { text: '1. (S) TK', kind: 'para' }, { text: 'TK', kind: 'lines' },
      { text: 'PAGE 02', kind: 'pageHeader' }, { text: 'NOFORM', kind: 'lines' },
    ]
    expect(headerCaptionBlocks(lines).map((b) => b.map((l) => l.text))).toEqual([['NOFRN', 'TK'], ['SI'], ['NOFORM']])
    // a header the parser read as text: a field's label line and its wrapped lines, and lines from the first prose
    // line to the next class line or page header, are no caption lines
    const asText = (...texts: string[]) => texts.map((text) => ({ text, kind: text === '' ? 'blank' : text.startsWith('PAGE') ? 'pageHeader' : 'lines' }))
    expect(headerCaptionBlocks(asText('TAGS: PREL PHUM PK', 'SI', 'SUBJECT: TALKS', 'TK', '', 'NOFRN'))).toEqual([[{ text: 'NOFRN', kind: 'lines' }]])
    expect(headerCaptionBlocks(asText('NOFRN', 'He spoke of the United', 'States.', 'TK', 'PAGE 02', 'TK')).map((b) => b.map((l) => l.text))).toEqual([['NOFRN'], ['TK']])
    expect(readCaptionBlock(['NOFRN', 'TK'])).toEqual({ captions: ['NOFORN'], unreadable: [1] })
    expect(readCaptionBlock(['HANDLE VIA', 'COMINT CHANNELS ONLY']).unreadable).toEqual([0])
    expect(readCaptionBlock(['SIPDIS', 'SENSITIVE'])).toEqual({ captions: [], unreadable: [] })
  })
})

describe.each(await storeEngines('header-zone-captions'))('an archive on $name', (engine) => {
  it.skipIf(engine.skip)('shows and finds no word of a cable whose caption after the subject a SECRET reader lacks, portion access on or off', async () => {
    const store = await engine.open()
    const texts = [cable(761, 'NOFRN', 'hzcleaka'), cable(762, 'HANDLE VIA COMINT CHANNELS ONLY', 'hzcleakb'), cable(763, 'TK', 'hzcleakc'), cable(764, 'SENSITIVE', 'hzcopen')]
    const records = texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `h${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} }))
    await store.upsertCables(records)
    for (const on of [false, true]) {
      await configurePortionAccess(store, on)
      for (const [n, word] of ['hzcleaka', 'hzcleakb', 'hzcleakc'].entries()) {
        expect((await searchArchive(store, { query: word, access: S, limit: 10 })).total, `${word} portions ${on}`).toBe(0)
        const view = await showCable(store, records[n].id!, S)
        expect(JSON.stringify(view ?? ''), `${word} portions ${on}`).not.toContain(word)
      }
      expect((await searchArchive(store, { query: 'hzcopen', access: S, limit: 10 })).total).toBe(1)
    }
    expect((await searchArchive(store, { query: 'hzcleaka', access: { level: 3, caveats: ['NOFORN'] }, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'hzcleakb', access: { level: 3, caveats: ['NOFORN', 'EXDIS', 'ORCON'] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'hzcleakc', access: { level: 4, caveats: [] }, limit: 10 })).total).toBe(1)
  })
})
