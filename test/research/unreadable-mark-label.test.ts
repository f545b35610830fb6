/**
 * One label for a cable whose portion mark nobody can read but names a legible restricting caveat (QA 14 round 11,
 * F2): `(TS//SI//NF)`, `(S//ZZ//NF)` file the cable TOP SECRET (marking not understood) with NOFORN. `cable show`
 * named NOFORN, search results (table, JSON, CSV; HTTP /api/search is the same search) did not. Every output now
 * shows `filingLabel` of the filing, for a reader in part and a reader of the whole cable alike, on both engines.
 * Synthetic cables only (invented posts QUORIN, VELDORA).
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { showText } from '../../src/archive/output/write-show.js'
import { writeSearch } from '../../src/archive/output/write-search.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive, type ArchiveHit } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { filingLabel, UNREADABLE_MARKING_LABEL } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable of `post` with a (U) paragraph (word `harbourword`) and one marked `mark`. */
const cable = (post: string, serial: number, mark: string) => `O 241936Z SEP 08
FM AMEMBASSY ${post}
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302

S E C R E T ${post} 000${serial}

SIPDIS

E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (U) ${post} TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (U) Public harbourword paragraph.

2. (${mark}) The hidden word was seen.

NOBODY
`
const LABEL = `${UNREADABLE_MARKING_LABEL}//NOFORN`

describe('filingLabel', () => {
  it('writes the caveats a label cannot write, and leaves a complete label as it is', () => {
    expect(filingLabel(UNREADABLE_MARKING_LABEL, ['NOFORN'])).toBe(LABEL)
    expect(filingLabel(UNREADABLE_MARKING_LABEL, ['NODIS', 'ORCON', 'NOFORN'])).toBe(`${UNREADABLE_MARKING_LABEL}//ORCON/NOFORN/NODIS`)
    expect(filingLabel(UNREADABLE_MARKING_LABEL, [])).toBe(UNREADABLE_MARKING_LABEL)
    expect(filingLabel('SECRET//NOFORN', ['NOFORN'])).toBe('SECRET//NOFORN')
    expect(filingLabel('SECRET', [])).toBe('SECRET')
    expect(filingLabel(null, [])).toBeNull()
    expect(filingLabel(null, ['NOFORN'])).toBe('unknown//NOFORN')
  })
})

/** Every label the outputs give `key` for `access`: show's Classification line, search JSON hits, the CSV export. */
async function labels(store: Store, key: string, access: Access): Promise<{ show: string | undefined; hits: (string | null)[]; csv: string[] }> {
  const view = await showCable(store, key, access)
  const show = view ? /^Classification: +(.*)$/m.exec(showText(view, view.cable.text))?.[1] : undefined
  const hits: (string | null)[] = []
  const found = await searchArchive(store, { query: `harbourword id:${key}`, access, limit: 10 })
  for await (const h of found.hits as AsyncIterable<ArchiveHit>) hits.push(h.classification)
  let out = ''
  await writeSearch(await searchArchive(store, { query: `harbourword id:${key}`, access, limit: 10 }), (s: string) => (out += s), { format: 'csv', offset: 0 })
  const csv = out.split('\n').slice(1).filter((l) => l.startsWith(key)).map((l) => l.split(',')[4])
  return { show, hits, csv }
}

describe.each(await storeEngines('unreadable-mark-label'))('labels on $name', (engine) => {
  it.skipIf(engine.skip)('show, search and the CSV export name the legible caveat alike, for a reader in part and a reader of the whole', async () => {
    const store = await engine.open()
    const texts = [cable('QUORIN', 901, 'TS//SI//NF'), cable('VELDORA', 902, 'S//ZZ//NF')]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const key of ['08QUORIN901', '08VELDORA902']) {
      for (const access of [{ level: 3, caveats: ['NOFORN'] }, { level: 4, caveats: ['NOFORN'] }]) {
        expect(await labels(store, key, access), `${key} ${access.level}`).toEqual({ show: LABEL, hits: [LABEL], csv: [LABEL] })
      }
    }
  })
})
