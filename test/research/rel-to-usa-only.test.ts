/**
 * A release marking naming the United States alone (QA 14 round 11, F1): `REL TO USA ONLY`, `REL USA`, `RELEASABLE TO
 * USA ONLY` releases to no foreign country, so it demands what NOFORN demands, as a caption line under the class line,
 * inside a portion mark (`(S//REL TO USA ONLY)`) and on the class line (`SECRET//REL TO USA ONLY`); renderings keep
 * it as written. A list naming another country (`REL TO USA, GBR`) restricts no US reader, and on the class line it
 * is read (SECRET, origin QUORIN), not taken for a line with no class word or a post named `TO USA ONLY QUORIN`.
 * Filing, rendering and search on both engines agree. Synthetic cables only (invented posts QUORIN, VELDORA).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { legibleCaveats, parseMarking } from '../../src/format/marking.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of `post`: `classLine` before the MRN, `caption` as its first caption line, a (U) paragraph and one marked `mark`. */
const cable = (serial: number, classLine: string, caption: string, mark: string, word: string, post = 'QUORIN') => `O 241936Z SEP 08
FM AMEMBASSY ${post}
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

${classLine} ${post} 000${serial}

${caption}
SIPDIS

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (U) ${post} TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (U) Public harbour paragraph.

2. (${mark}) The ${word} was seen.

NOBODY
`
const S: Access = { level: 3, caveats: [] }
const SNF: Access = { level: 3, caveats: ['NOFORN'] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))

/** [class line, caption line, mark of paragraph 2, filing]. */
const USA_ONLY: [string, string, string, string][] = [
  ['S E C R E T', 'REL TO USA ONLY', 'S', 'SECRET//NOFORN'],
  ['S E C R E T', 'RELEASABLE TO USA ONLY', 'S', 'SECRET//NOFORN'],
  ['S E C R E T', 'REL USA', 'S', 'SECRET//NOFORN'],
  ['S E C R E T', 'SIPDIS', 'S//REL TO USA ONLY', 'SECRET//NOFORN'],
  ['S E C R E T', 'SIPDIS', 'S//RELEASABLE TO USA ONLY', 'SECRET//NOFORN'],
  ['S E C R E T', 'SIPDIS', 'C//REL USA', 'SECRET//NOFORN'],
  ['SECRET//REL TO USA ONLY', 'SIPDIS', 'S', 'SECRET//NOFORN'],
  ['SECRET//REL TO USA', 'SIPDIS', 'S', 'SECRET//NOFORN'],
  ['SECRET//REL TO USA ONLY//ORCON', 'SIPDIS', 'S', 'SECRET//ORCON/NOFORN'],
]

describe('a release to the United States alone demands NOFORN (F1)', () => {
  it('is read by the marking parser as NOFORN, its REL TO list kept, with no contradiction', () => {
    for (const m of ['S//REL TO USA ONLY', 'S//REL USA', 'S//RELEASABLE TO USA ONLY', 'SECRET//REL TO US ONLY', 'REL TO USA ONLY', 'S//REL TO USA ONLY//NF']) {
      const r = parseMarking(m)
      expect(r.ok, m).toBe(true)
      if (r.ok) expect(r.parts.caveats, m).toContain('NOFORN')
      if (r.ok) expect(r.parts.releasableTo, m).toEqual([expect.stringMatching(/^USA?$/)])
    }
    // another country: no NOFORN, and NOFORN with it still contradicts it
    expect(parseMarking('S//REL TO USA, GBR')).toEqual({ ok: true, parts: { level: 'SECRET', caveats: [], releasableTo: ['USA', 'GBR'] } })
    expect(parseMarking('S//REL TO USA, GBR//NF').ok).toBe(false)
    // a mark nobody reads still names it
    expect(legibleCaveats('TS//SI//REL TO USA ONLY')).toEqual(['NOFORN'])
    expect(legibleCaveats('TS//SI//REL TO USA, GBR')).toEqual([])
  })

  it.each(USA_ONLY)('%j with caption %j and (%s) files the cable %s and shows nothing of it to a reader without NOFORN', (classLine, caption, mark, label) => {
    const text = cable(801, classLine, caption, mark, 'leakword')
    const c = parseCable(text, { plain: true })
    expect(c.id).toBe('08QUORIN801')
    const f = filed(text)
    expect(f.classification).toBe(label)
    expect(redactText(text, S, f).text).not.toContain('leakword')
    // a reader with NOFORN reads it, the marking as written
    const shown = redactText(text, { level: 3, caveats: f.caveats }, f).text
    expect(shown).toContain('leakword')
    expect(shown).toContain(`(${mark})`)
    if (caption !== 'SIPDIS') expect(shown).toContain(caption)
    if (classLine.includes('REL')) expect(shown).toContain(classLine)
  })

  it('restricts no US reader for a list naming another country, on the class line, a caption line or a mark', () => {
    for (const [classLine, caption, mark] of [
      ['SECRET//REL TO USA, GBR', 'SIPDIS', 'S'],
      ['SECRET//REL TO USA, GBR, AUS', 'SIPDIS', 'S'],
      ['S E C R E T', 'REL TO USA, GBR', 'S'],
      ['S E C R E T', 'SIPDIS', 'S//REL TO USA, GBR'],
    ]) {
      const text = cable(802, classLine, caption, mark, 'openword', 'VELDORA')
      const c = parseCable(text, { plain: true })
      expect(c.id, classLine).toBe('08VELDORA802')
      expect(c.origin === null || c.mrn?.origin === 'VELDORA', classLine).toBe(true)
      expect(filed(text), `${classLine} ${caption} ${mark}`).toEqual({ level: 3, caveats: [], classification: 'SECRET' })
      expect(redactText(text, S, filed(text)).text).toContain('openword')
    }
  })
})

describe.each(await storeEngines('rel-to-usa-only'))('search on $name', (engine) => {
  it.skipIf(engine.skip)('finds no word of a cable released to the United States alone for a reader without NOFORN', async () => {
    const store = await engine.open()
    const texts = [
      cable(811, 'S E C R E T', 'REL TO USA ONLY', 'S', 'ruleaka'),
      cable(812, 'S E C R E T', 'SIPDIS', 'S//REL TO USA ONLY', 'ruleakb'),
      cable(813, 'SECRET//REL TO USA ONLY', 'SIPDIS', 'S', 'ruleakc'),
      cable(814, 'S E C R E T', 'RELEASABLE TO USA ONLY', 'S', 'ruleakd'),
      cable(815, 'SECRET//REL TO USA, GBR', 'SIPDIS', 'S', 'ruopen', 'VELDORA'),
    ]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    for (const query of ['ruleaka', 'ruleakb', 'ruleakc', 'ruleakd']) {
      expect((await searchArchive(store, { query, access: S, limit: 10 })).total, query).toBe(0)
      expect((await searchArchive(store, { query, access: SNF, limit: 10 })).total, query).toBe(1)
    }
    const open = await searchArchive(store, { query: 'ruopen', access: S, limit: 10 })
    expect(open.total).toBe(1)
    const keys: string[] = []
    for await (const h of open.hits) keys.push(h.key)
    expect(keys).toEqual(['08VELDORA815'])
  })
})
