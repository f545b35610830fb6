/**
 * Free text in the header's addressing syntax (QA 14 round 8, F1): an addressee's office note (`//…//`, spec §4.1)
 * holds office codes, and a DTG line's CCY annotation (spec §4.3) correction codes. Words that are neither are
 * unmarked text at the cable's overall level: a reader below it is shown none of them, and search finds none of them
 * for him; a restricting caption written in an office note (`//FOR AMBASSADOR ONLY//`) is demanded. Office notes and
 * annotations as the wire writes them stay shown. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { officeNotesAreCodes } from '../../src/archive/header-portions.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { dtgLineLength } from '../../src/format/header.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of QUORIN: paragraph 1 CONFIDENTIAL, paragraph 2 SECRET; `dtg` and `extra` shape its envelope. */
const cable = (serial: number, opts: { dtg?: string; extra?: string }) => `${opts.dtg ?? 'O 241936Z SEP 08'}
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302
INFO RUEHVL/AMEMBASSY VELLORA IMMEDIATE 0001
${opts.extra ?? 'SECDEF WASHDC//USD:SOLIC//'}

S E C R E T QUORIN 000${serial}

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (C) QUORIN HARBOUR TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (C) Public harbour paragraph.

2. (S) Secret paragraph.

NOBODY
`
const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

describe('office notes of addressee lines', () => {
  it.each([
    'SECDEF WASHDC//ZORBEK TALLIV TAPIRNOTE//',
    'RUEHFR/AMEMBASSY PARIS//SOURCE ZORBEKLEAK//',
    'JOINT STAFF WASHDC//J-3/ZORBEKLEAK DEFECTED// IMMEDIATE',
    'SECDEF WASHDC//KHAN TALKS WITH ZORBEKLEAK//',
  ])('withholds a note of free text from a reader below the overall level: %s', (extra) => {
    const text = cable(301, { extra })
    expect(shownTo(text, C)).not.toMatch(/ZORBEK/)
    expect(shownTo(text, C)).toContain('Public harbour paragraph.')
    expect(shownTo(text, S)).toBe(text)
  })

  it.each([
    'SECDEF WASHDC//USD:SOLIC//',
    'JOINT STAFF WASHDC//J-3/J-5// PRIORITY',
    'RUEKJCS/SECDEF WASHDC//USDP ADMIN/DSCA//',
    'RUEADWD/HQ DA WASHINGTON DC//DAPE-PRR-C// IMMEDIATE',
    'RUMIAAA/USCINCSO MIAMI FL//SCJ3/SCJ33/SCJ34/SOCSO LNO//',
    'RHMFISS/425ABS IZMIR TU//CC// PRIORITY',
  ])('shows a note of office codes: %s', (extra) => {
    expect(shownTo(cable(302, { extra }), C)).toContain(`\n${extra}\n`)
  })

  it('reads office notes word by word: two words a part, each a code or an abbreviation of five letters at most', () => {
    expect(officeNotesAreCodes('SECDEF WASHDC//USD:P&R//')).toBe(true)
    expect(officeNotesAreCodes('SECDEF WASHDC//USDP ADMIN/CHAIR//')).toBe(true)
    // a word of six letters or more is not told from a name: withheld from a reader in part
    expect(officeNotesAreCodes('SECDEF WASHDC//USDP ADMIN/CHAIRS//')).toBe(false)
    expect(officeNotesAreCodes('SECDEF WASHDC//USDP ADMIN CHAIRS//')).toBe(false)
    expect(officeNotesAreCodes('SECDEF WASHDC//DEFECTS//')).toBe(false)
    expect(officeNotesAreCodes('SECDEF WASHDC//TCH// IMMEDIATE')).toBe(true)
    expect(officeNotesAreCodes('SECDEF WASHDC')).toBe(true)
  })

  it.each([
    ['RUEHFR/AMEMBASSY PARIS//FOR AMBASSADOR ONLY//', ['NODIS']],
    ['RUEHFR/AMEMBASSY PARIS//FOR AMBASSADOR ONLY SOURCE ZORBEK//', ['NODIS']],
    ['SECDEF WASHDC//NOFORN//', ['NOFORN']],
    ['SECDEF WASHDC//NO FOREIGN DISSEM//', ['NOFORN']],
  ])('files the cable with a restricting caption written in an office note: %s', (extra, caveats) => {
    const access = filed(cable(303, { extra }))
    for (const c of caveats) expect(access.caveats).toContain(c)
    // a SECRET reader without the caveat reads nothing of it
    expect(shownTo(cable(303, { extra }), S)).not.toContain('Public harbour paragraph.')
  })

  it('demands no caveat for an office note of codes', () => {
    expect(filed(cable(304, { extra: 'SECDEF WASHDC//CC//' })).caveats).toEqual([])
  })
})

describe('CCY annotations of DTG lines', () => {
  it.each(['O 241936Z SEP 08 (CCY SOURCE ZORBEK DEFECTS)', 'O 241936Z SEP 08 (CCY ZORBEK AD1B2C3D)', 'O 241936Z SEP 08 (CCY DEFECTS)'])(
    'withholds an annotation of free text from a reader below the overall level: %s',
    (dtg) => {
      const text = cable(310, { dtg })
      expect(dtgLineLength(dtg)).toBe('O 241936Z SEP 08'.length)
      expect(shownTo(text, C)).not.toMatch(/ZORBEK|DEFECTS/)
      expect(shownTo(text, S)).toBe(text)
    },
  )

  it.each(['R 151646Z OCT 09 (CCY AD1B2C3D)', 'R 151646Z OCT 09 (CCY ADC1AECC MSI3311-632)', 'R 151646Z OCT 09 (CCY TEXT AD0023CC8D/MSI9728 510)', 'R 151646Z OCT 09 (CCY ADDED CLASS AD0BFDC82 WSC6491 508)', 'R 151646Z OCT 09 (CCY ADX7E2784 MSI7611 - 648)'])(
    'reads an annotation of correction codes as part of the DTG line: %s',
    (dtg) => {
      expect(dtgLineLength(dtg)).toBe(dtg.length)
      expect(shownTo(cable(311, { dtg }), C)).toContain(`${dtg}\n`)
    },
  )
})

describe.each(await storeEngines('redact-header-free-text'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a free-text office note or annotation for a reader below the overall level', async () => {
    const store = await engine.open()
    const texts = [cable(321, { extra: 'SECDEF WASHDC//ZORBEK TALLIV//' }), cable(322, { dtg: 'O 241936Z SEP 08 (CCY SOURCE ZORBEK DEFECTS)' })]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const query of ['zorbek', 'defects', 'talliv']) expect((await searchArchive(store, { query, access: C, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'harbour', access: C, limit: 10 })).total).toBe(2)
    expect((await searchArchive(store, { query: 'zorbek', access: S, limit: 10 })).total).toBe(2)
  })
})
