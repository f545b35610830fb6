/**
 * A class line whose control nobody can read (`SECRET//SI`) files the cable TOP SECRET (marking not understood), and
 * covers every portion as a caveat on the class line does (QA 14 round 9, F3): no reader below the filing reads any
 * portion, in the rendering or, with portion-level access, in search, on both engines. An unreadable mark of one
 * portion still withholds that portion only. Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { statementUnreadable } from '../../src/archive/stated-access.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of QUORIN under `classLine`, a (U) and a (S) paragraph (`word` in the second); `captions` its caption block. */
const cable = (serial: number, classLine: string, word: string, third = '', captions = 'SIPDIS') => `R 031200Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC ${serial}

${classLine} QUORIN 000${serial}

${captions}

E.O. 12958: DECL: 09/03/2018
TAGS: PREL QU
SUBJECT: (U) HARBOR PROBE

Classified By: Ambassador Ada Nobody, reasons 1.4 (b)

1. (U) Open harbour text.

2. (S) The mole ${word} reported.
${third}
NOBODY
`

const S: Access = { level: 3, caveats: ['NOFORN', 'ORCON', 'NODIS', 'EXDIS'] }
const TS: Access = { level: 4, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

describe('a class line with a control nobody can read', () => {
  it.each(['SECRET//SI', 'SECRET//ZZ', 'CONFIDENTIAL//TK'])('%s covers every portion: nothing is shown below the filing', (classLine) => {
    const text = cable(717, classLine, 'leakword')
    expect(filed(text)).toMatchObject({ level: 4, classification: 'TOP SECRET (marking not understood)' })
    const r = redactText(text, S, filed(text))
    expect(r.text).not.toContain('leakword')
    expect(r.text).not.toContain('Open harbour text')
    expect(r.withheld.map((w) => w.portion)).toEqual(expect.arrayContaining(['paragraph 1', 'paragraph 2']))
    expect(r.withheld.find((w) => w.portion === 'paragraph 2')?.reason).toContain("the cable's own marking not understood")
    expect(shownTo(text, TS)).toBe(text)
  })

  it('says which statements cover the whole cable, and leaves an unreadable portion mark to its portion', () => {
    expect(statementUnreadable(parseCable(cable(718, 'SECRET//SI', 'x'), { plain: true }))).toBe(true)
    expect(statementUnreadable(parseCable(cable(718, 'S E C R E T', 'x'), { plain: true }))).toBe(false)
    expect(statementUnreadable(parseCable(cable(718, 'S E C R E T', 'x'), { plain: true }), 'SECRET//ZZ')).toBe(true)
    const portion = cable(719, 'S E C R E T', 'shownword', '\n3. (S//ZZ) Hidden hidword.\n')
    expect(statementUnreadable(parseCable(portion, { plain: true }))).toBe(false)
    expect(filed(portion).classification).toBe('TOP SECRET (marking not understood)')
    expect(shownTo(portion, S)).toContain('shownword')
    expect(shownTo(portion, S)).not.toContain('hidword')
  })
})

// issue 15, eighteenth mutation run: the floor the walk sets every portion, and the reason it gives, written out
describe('the reasons a portion is withheld under a class line nobody can read', () => {
  const text = (classLine: string, captions = 'SIPDIS') =>
    cable(731, classLine, 'leakword', '\n3. (TS) The topword plan.\n', captions).replace('\nClassified By:', 'REF: QUORIN 123\n\n(C) The header noteword.\n\nClassified By:')
  const reasons = (t: string, reader: Access) => Object.fromEntries(redactText(t, reader, filed(t)).withheld.map((w) => [w.portion, w.reason]))

  it('says a portion marked below the filing is held at it for the cable s marking, and a portion at the filing is held for its own', () => {
    const r = reasons(text('SECRET//SI'), { level: 3, caveats: [] })
    expect(r['paragraph 2']).toBe("marked SECRET (the cable's own marking not understood, treated as TOP SECRET), above SECRET")
    expect(r['paragraph 3']).toBe('marked TOP SECRET, above SECRET')
  })

  it('gives a readable cable s withheld portions their own marks alone', () => {
    const r = reasons(text('S E C R E T'), { level: 2, caveats: [] })
    expect(r['paragraph 2']).toBe('marked SECRET, above CONFIDENTIAL')
    expect(r['paragraph 3']).toBe('marked TOP SECRET, above CONFIDENTIAL')
  })

  it('holds marked text outside the body at the filing, with every caveat of the cable', () => {
    const t = text('SECRET//SI', 'NOFORN\nSIPDIS')
    expect(filed(t)).toMatchObject({ level: 4, caveats: ['NOFORN'] })
    const shown = redactText(t, { level: 2, caveats: ['NOFORN'] }, filed(t))
    expect(shown.text).not.toContain('noteword')
    expect(shown.withheld.filter((w) => w.reason.startsWith('marked CONFIDENTIAL')).map((w) => w.reason)).toEqual([
      "marked CONFIDENTIAL (the cable's own marking not understood, treated as TOP SECRET//NOFORN), above CONFIDENTIAL",
    ])
    expect(redactText(t, { level: 4, caveats: [] }, filed(t)).text).not.toContain('noteword')
    expect(redactText(t, { level: 4, caveats: ['NOFORN'] }, filed(t)).text).toBe(t)
  })
})

describe('a caption line of controls nobody can read', () => {
  // the same statement of the whole cable as `SECRET//TK` on the class line (QA 14r9 F4 files it TOP SECRET, marking
  // not understood): it covers every portion too; before, each portion was judged by its own mark alone, so the
  // (S) paragraph was shown to a SECRET reader of a cable filed TOP SECRET
  it.each(['TK\nSIPDIS', 'SI/TK\nSIPDIS', 'SIPDIS\nHCS'])('%j covers every portion: nothing is shown below the filing', (captions) => {
    const text = cable(721, 'S E C R E T', 'leakword', '', captions)
    expect(filed(text)).toMatchObject({ level: 4, classification: 'TOP SECRET (marking not understood)' })
    expect(statementUnreadable(parseCable(text, { plain: true }))).toBe(true)
    const r = redactText(text, S, filed(text))
    expect(r.text).not.toContain('leakword')
    expect(r.text).not.toContain('Open harbour text')
    expect(r.withheld.find((w) => w.portion === 'paragraph 2')?.reason).toContain("the cable's own marking not understood")
    expect(shownTo(text, TS)).toBe(text)
  })

  it('leaves a cable whose caption lines are read, or whose control word stands in prose, to its portions', () => {
    for (const captions of ['SIPDIS', 'NOFORN\nSIPDIS', 'SI TALKS\nSIPDIS']) {
      const text = cable(722, 'S E C R E T', 'shownword', '', captions)
      expect(statementUnreadable(parseCable(text, { plain: true })), captions).toBe(false)
      expect(shownTo(text, S), captions).toContain('shownword')
    }
  })
})

describe.each(await storeEngines('redact-class-line-unreadable'))('search on $name with portion-level access', (engine) => {
  it.skipIf(engine.skip)('finds no word of a cable whose class line nobody can read for a reader below its filing', async () => {
    const store = await engine.open()
    const texts = [cable(801, 'SECRET//SI', 'storeleaka'), cable(802, 'S E C R E T', 'storeopenb'), cable(803, 'S E C R E T', 'storeleakc', '', 'TK\nSIPDIS')]
    // keyed by the id a file name gives (an unreadable class line yields none of its own): read in part, not whole
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true, hint: { id: `08QUORIN${801 + n}` } }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    expect((await searchArchive(store, { query: 'storeleaka', access: S, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleaka', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleaka', access: TS, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'storeopenb', access: S, limit: 10 })).total).toBe(1)
    // a caption line of controls nobody reads (TK) covers every portion as the class line's SECRET//SI does
    expect((await searchArchive(store, { query: 'storeleakc', access: S, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'storeleakc', access: TS, limit: 10 })).total).toBe(1)
    // the (U) paragraph's words: the second cable's only for a reader below SECRET
    expect((await searchArchive(store, { query: 'harbour', access: { level: 0, caveats: [] }, limit: 10 })).total).toBe(1)
  })
})
