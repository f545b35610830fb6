/**
 * A class word opening a line, written without brackets, is a portion mark in every shape the wire and later
 * systems give it (spec §5.6: `1. CONFIDENTIAL - ENTIRE TEXT.`; QA 14 round 8, F3): after a paragraph number, a
 * sub-item enumerator or a bullet whatever follows it (`2. SECRET -- …`, `2. SECRET--…`, `2. SECRET …`), with the
 * caveats written after it (`2. SECRET - NOFORN.`, `2. SECRET (NOFORN)`), a level's abbreviation with a slash and a
 * caveat (`2. S/NF …`, `S/NF …`, `(S/NF …`), and the same opening a subject. The cable is filed by it, the portion is
 * withheld from a reader below it, and search does not find its words for him. Prose that opens with the word stays
 * prose. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { leadingClassMark } from '../../src/archive/body-portions.js'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A CONFIDENTIAL cable of QUORIN: a (C) paragraph, then `second` as paragraph 2 (or a subject line). */
const cable = (serial: number, second: string, subject = 'SUBJECT: (C) QUORIN TALKS') => `O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

C O N F I D E N T I A L QUORIN 000${serial}

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
${subject}

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (C) Public harbour paragraph.

${second}

NOBODY
`
const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const SNF: Access = { level: 3, caveats: ['NOFORN'] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

/** Paragraph 2 as written, the level and caveats it demands. */
const FORMS: [string, number, string[]][] = [
  ['2. SECRET -- ENTIRE PARA. Hidden leakword.', 3, []],
  ['2. SECRET--leakword hidden.', 3, []],
  ['2. SECRET NOFORN -- leakword hidden.', 3, ['NOFORN']],
  ['2. SECRET - NOFORN. leakword hidden.', 3, ['NOFORN']],
  ['2. SECRET ENTIRE TEXT. leakword hidden.', 3, []],
  ['2. SECRET leakword hidden.', 3, []],
  ['2. SECRET -- NOFORN leakword hidden.', 3, ['NOFORN']],
  ['2. CONFIDENTIAL NOFORN leakword hidden.', 2, ['NOFORN']],
  ['2. SECRET/NF leakword hidden.', 3, ['NOFORN']],
  ['2. SECRET (NOFORN) leakword hidden.', 3, ['NOFORN']],
  ['2. S/NF leakword hidden.', 3, ['NOFORN']],
  ['2. S/NF: leakword hidden.', 3, ['NOFORN']],
  ['2. (S/NF leakword hidden.', 3, ['NOFORN']],
  ['2. SECRET/NOFORN leakword hidden.', 3, ['NOFORN']],
  ['2A. SECRET leakword hidden.', 3, []],
  ['2. Items:\n   -- SECRET: leakword item.', 3, []],
  ['2. Items:\n   -- SECRET leakword item.', 3, []],
  ['2. Items:\n(3) SECRET - leakword item.', 3, []],
  ['2. Items:\nS/NF leakword on a line of its own.', 3, ['NOFORN']],
  ['2. TOP SECRET leakword hidden.', 4, []],
  ['2. SECRET \u2013 leakword hidden.', 3, []],
  ['2. SECRET \u2212 leakword hidden.', 3, []],
  ['\uFF12. \uFF33\uFF25\uFF23\uFF32\uFF25\uFF34 leakword hidden.', 3, []],
  ['2.\u00a0SECRET leakword hidden.', 3, []],
  ['2. Items:\nSECRET \u2014 leakword on a line of its own.', 3, []],
  ['2. Items:\nC/NF leakword on a line of its own.', 2, ['NOFORN']],
  ['2. Items:\nNOFORN - leakword on a line of its own.', 2, ['NOFORN']],
  ['2. S/ORCON leakword hidden.', 3, ['ORCON']],
]

describe('a class word opening a line', () => {
  it.each(FORMS)('is the mark of %j', (second, level, caveats) => {
    const text = cable(501, second)
    const access = filed(text)
    expect(access.level).toBe(level)
    for (const c of caveats) expect(access.caveats).toContain(c)
    expect(shownTo(text, C)).not.toContain('leakword')
    // a caveat of a portion is a caveat of the whole cable: a reader without it reads none of it
    if (caveats.length) expect(shownTo(text, S)).not.toContain('Public harbour paragraph.')
    else expect(shownTo(text, C)).toContain('Public harbour paragraph.')
    if (level <= 3) expect(shownTo(text, { level: 3, caveats })).toBe(text)
  })

  it.each([
    ['SUBJECT: S/NF LEAKWORD TALKS', 3, ['NOFORN']],
    ['SUBJECT: SECRET NOFORN LEAKWORD', 3, ['NOFORN']],
    ['SUBJECT: (S/NF LEAKWORD TALKS', 3, ['NOFORN']],
    ['SUBJECT: SECRET -- LEAKWORD', 3, []],
  ])('is the mark of the subject %j', (subject, level, caveats) => {
    const text = cable(322, '2. (C) Second paragraph.', subject)
    const access = filed(text)
    expect(access.level).toBe(level)
    for (const c of caveats) expect(access.caveats).toContain(c)
    expect(shownTo(text, C)).not.toContain('LEAKWORD')
  })

  it('reads the marking and its caveats, and nothing where prose opens with the word', () => {
    expect(leadingClassMark('2. SECRET - NOFORN. The plan')).toBe('SECRET//NOFORN')
    expect(leadingClassMark('   -- SECRET talks')).toBe('SECRET')
    expect(leadingClassMark('(S/NF the plan')).toBe('SECRET//NF')
    expect(leadingClassMark('2. TS/NF plan')).toBe('TOP SECRET//NF')
    expect(leadingClassMark('C/NF plan')).toBe('CONFIDENTIAL//NF')
    expect(leadingClassMark('2. SECRET (NOFORN) ORCON plan')).toBe('SECRET//NOFORN/ORCON')
    expect(leadingClassMark('2. SBU//NF plan')).toBe('SBU//NF')
    expect(leadingClassMark('2. U//FOUO plan')).toBe('UNCLASSIFIED//FOUO')
    expect(leadingClassMark('2. LIMITED OFFICIAL USE plan')).toBe('LIMITED OFFICIAL USE')
    expect(leadingClassMark('2. NOFORN plan')).toBe('NOFORN')
    for (const prose of ['U/S BURNS SAID', 'NOFORN TALKS', 'SBU TALKS', 'SECRET TALKS WERE HELD', 'THE SECRET TALKS', '2. SECRETARY RICE ARRIVED', 'S. JONES SAID', 'C/O THE EMBASSY', '2. Secret talks began.', '(SECRET SERVICE) AGENTS', '2. S level talks', 'CONFIDENTIALITY IS KEY'])
      expect(leadingClassMark(prose), prose).toBeNull()
  })

  it.each(['2. SECRET/XYZ leakword.', '2. SECRET NOFORN/XYZ leakword.', '2. S/NF/XYZ leakword.'])('reads %j, whose slash joins a word no marking knows, as a marking nobody can read', (second) => {
    const text = cable(540, second)
    expect(filed(text)).toMatchObject({ level: 4, classification: 'TOP SECRET (marking not understood)' })
    expect(shownTo(text, { level: 3, caveats: ['NOFORN', 'ORCON'] })).not.toContain('leakword')
    expect(leadingClassMark('2. SECRET/REL TO USA, GBR plan')).toBe('SECRET')
  })

  it('keeps prose opening with the word as text of its paragraph', () => {
    const text = cable(520, '2. (C) The envoy said the\nSECRET TALKS WERE HELD IN THE CAPITAL.')
    expect(filed(text).level).toBe(2)
    expect(shownTo(text, C)).toBe(text)
  })
})

describe('a marking without brackets in an UNCLASSIFIED cable', () => {
  it.each([['2. SBU//NF leakword hidden.', ['NOFORN']], ['2. SBU leakword hidden.', []], ['2. LIMITED OFFICIAL USE leakword hidden.', []], ['2. U//FOUO leakword hidden.', []]] as const)(
    'files and withholds %j above an UNCLASSIFIED reader',
    (second, caveats) => {
      const text = cable(530, second).replace('C O N F I D E N T I A L', 'UNCLASSIFIED').replace('1. (C)', '1. (U)').replace('(C) QUORIN', '(U) QUORIN')
      const access = filed(text)
      expect(access.level).toBe(1)
      expect(access.caveats).toEqual(caveats)
      expect(shownTo(text, { level: 0, caveats: [] })).not.toContain('leakword')
    },
  )
})

describe.each(await storeEngines('redact-class-word-marks'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a portion marked by a class word for a reader below it', async () => {
    const store = await engine.open()
    const texts = [cable(601, '2. SECRET -- ENTIRE PARA. Hidden storeleaka.'), cable(602, '2. SECRET - NOFORN. Hidden storeleakb.'), cable(603, '2. (C) Open.', 'SUBJECT: SECRET NOFORN STORELEAKC')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const query of ['storeleaka', 'storeleakb', 'storeleakc']) expect((await searchArchive(store, { query, access: C, limit: 10 })).total, query).toBe(0)
    expect((await searchArchive(store, { query: 'storeleakb', access: S, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleakb', access: SNF, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'storeleaka', access: S, limit: 10 })).total).toBe(1)
  })
})
