/**
 * The query compilers of both engines under portion-level access (docs/search.md), read through the `Store`
 * contract: which cables a reader finds, counts and reads when the archive has the setting on or off, on the
 * search paths (which honour `access.portions`) and the other read paths (which keep the whole-cable rule).
 * The portions of each synthetic cable are given here, so the expected sets follow from this file alone.
 * PostgreSQL runs on a fresh database (skipped outside CI when no server answers, as every PG suite).
 */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { compilePgQuery } from '../../src/store/postgres/pg-search.js'
import { compileQuery } from '../../src/store/sqlite/sqlite-search.js'
import type { Access, PortionRecord, SearchHit, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'
import { makeRecord } from '../store/make-record.js'

const engines = await storeEngines('query-portion-access')

/**
 * Five cables. SECRET `09PART1` has a CONFIDENTIAL subject and paragraph (zanzibar, treaty) and an
 * UNCLASSIFIED one (meadow); its SECRET words (obsidian) stand only in its whole text. `09PART2`
 * (SECRET//NOFORN) has one CONFIDENTIAL//NOFORN paragraph (quasar). `09WHOLE3` is TOP SECRET with no
 * readable portion. `09CONF4` is CONFIDENTIAL whole, `09UNCL5` UNCLASSIFIED.
 */
const CABLES = [
  makeRecord({ key: '09PART1', classification: 'SECRET', level: 3, subject: 'ZANZIBAR TREATY', text: 'Zanzibar treaty talks resumed. Obsidian told the envoy the talks would fail. The meadow accord was signed.', tags: ['PREL'], references: [{ letter: 'A', id: '09CONF4', text: 'HARBOUR 4', kind: 'cable' }] }),
  makeRecord({ key: '09PART2', classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'], subject: 'QUASAR CHANNEL', text: 'The quasar channel stays open. Obsidian runs it alone.', tags: ['PINR'] }),
  makeRecord({ key: '09WHOLE3', classification: 'TOP SECRET', level: 4, subject: 'OBSIDIAN', text: 'Zanzibar obsidian meadow quasar, all of it withheld.', tags: ['PREL'] }),
  makeRecord({ key: '09CONF4', classification: 'CONFIDENTIAL', level: 2, subject: 'HARBOUR', text: 'The zanzibar harbour report.', tags: ['ECON'], references: [{ letter: null, id: '09UNCL5', text: 'MEADOW 5', kind: 'cable' }] }),
  makeRecord({ key: '09UNCL5', classification: 'UNCLASSIFIED', level: 0, subject: 'MEADOW', text: 'An open meadow report.', tags: ['ECON'] }),
]

/** The readable portions of each cable: the rest of its text is read with it whole or not at all. */
const PORTIONS: Record<string, PortionRecord[]> = {
  '09PART1': [
    { kind: 'subject', level: 2, caveats: [], text: 'ZANZIBAR TREATY' },
    { kind: 'body', level: 2, caveats: [], text: 'Zanzibar treaty talks resumed.' },
    { kind: 'body', level: 0, caveats: [], text: 'The meadow accord was signed.' },
    // its rendering shows its TAGS line: the value, with each demand of its portions
    { kind: 'tag', level: 2, caveats: [], text: 'PREL' },
    { kind: 'tag', level: 0, caveats: [], text: 'PREL' },
  ],
  // its TAGS (PINR) stand on a line its rendering withholds: no tag value is stored
  '09PART2': [{ kind: 'body', level: 2, caveats: ['NOFORN'], text: 'The quasar channel stays open.' }],
}

const CONF: Access = { level: 2, caveats: [] }
const CONF_PORTIONS: Access = { level: 2, caveats: [], portions: true }
const CONF_NOFORN_PORTIONS: Access = { level: 2, caveats: ['NOFORN'], portions: true }
const UNCLASS_PORTIONS: Access = { level: 0, caveats: [], portions: true }

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out.sort()
}

describe.each(engines)('query compiler under portion-level access ($name)', ({ skip, open }) => {
  let store: Store
  const opened = async (on: boolean): Promise<Store> => {
    store = await open()
    await store.upsertCables(CABLES)
    if (on) await store.setPortionAccess(true, (c) => PORTIONS[c.key] ?? [])
    return store
  }
  /** Keys of `search`, `count` and `facetedPage` at once: the three search paths must agree. */
  const found = async (q: string | null, access: Access): Promise<string[]> => {
    const query = q === null ? null : parseQuery(q)
    const hits = await keys(store.search(query, { sort: 'rank' }, access))
    expect(await store.count(query, access), `count of ${q}`).toBe(hits.length)
    const page = await store.facetedPage(query, { sort: 'date', limit: 50 }, access)
    expect(page.hits.map((h) => h.key).sort(), `page of ${q}`).toEqual(hits)
    return hits
  }

  it.skipIf(skip)('should match a partly readable cable only by the words of the portions the reader may read', async () => {
    await opened(true)
    expect(await found('zanzibar', CONF_PORTIONS)).toEqual(['09CONF4', '09PART1'])
    // the SECRET words of 09PART1 and every word of the TOP SECRET cable stay unfound
    expect(await found('obsidian', CONF_PORTIONS)).toEqual([])
    expect(await found('zanzibar obsidian', CONF_PORTIONS)).toEqual([])
    // words of two readable portions of one cable: an AND is answered per word
    expect(await found('treaty meadow', CONF_PORTIONS)).toEqual(['09PART1'])
    expect(await found('"treaty talks"', CONF_PORTIONS)).toEqual(['09PART1'])
    // so is an AND that is one alternative of an OR
    expect(await found('(treaty meadow) OR harbour', CONF_PORTIONS)).toEqual(['09CONF4', '09PART1'])
    expect(await found('zanzibar -treaty', CONF_PORTIONS)).toEqual(['09CONF4'])
    expect(await found('zanzibar tag:PREL', CONF_PORTIONS)).toEqual(['09PART1'])
    // tag: reads a cable read in part by the values its rendering shows, never its own
    expect(await found('tag:PINR', CONF_NOFORN_PORTIONS)).toEqual([])
    expect(await found('quasar -tag:PINR', CONF_NOFORN_PORTIONS)).toEqual(['09PART2'])
    expect(await found('tag:PREL', UNCLASS_PORTIONS)).toEqual(['09PART1'])
    expect(await found('tag:PR*', UNCLASS_PORTIONS)).toEqual(['09PART1'])
    expect(await found('tag:PI*', CONF_NOFORN_PORTIONS)).toEqual([])
    expect(await found('tag:PINR', { level: 3, caveats: ['NOFORN'], portions: true })).toEqual(['09PART2'])
    expect(await found('subject:zanzibar', CONF_PORTIONS)).toEqual(['09PART1'])
    // a portion under a caveat the reader lacks is withheld as the whole cable is
    expect(await found('quasar', CONF_PORTIONS)).toEqual([])
    expect(await found('quasar', CONF_NOFORN_PORTIONS)).toEqual(['09PART2'])
    // the level of a portion counts: an UNCLASSIFIED reader reads only the meadow paragraph of 09PART1
    expect(await found('meadow', UNCLASS_PORTIONS)).toEqual(['09PART1', '09UNCL5'])
    expect(await found('zanzibar', UNCLASS_PORTIONS)).toEqual([])
    // no query: every cable with a portion he may read, and those he may read whole
    expect(await found(null, CONF_PORTIONS)).toEqual(['09CONF4', '09PART1', '09UNCL5'])
    expect(await found('-zanzibar', CONF_PORTIONS)).toEqual(['09UNCL5'])
    // a word of a withheld portion excludes nothing: excluding 09PART1 would tell him the word is in it
    expect(await found('-obsidian', CONF_PORTIONS)).toEqual(['09CONF4', '09PART1', '09UNCL5'])
    expect(await found(null, CONF_NOFORN_PORTIONS)).toEqual(['09CONF4', '09PART1', '09PART2', '09UNCL5'])
  })

  it.skipIf(skip)('should answer cites: of a cable read in part as if it had no REF block (unmarked: the overall level)', async () => {
    await opened(true)
    // 09PART1 (SECRET) cites 09CONF4; a CONFIDENTIAL reader of its portions never reads that REF block
    expect(await found('cites:09CONF4', CONF_PORTIONS)).toEqual([])
    expect(await found('cites:09CON*', CONF_PORTIONS)).toEqual([])
    expect(await found('-cites:09CONF4', CONF_PORTIONS)).toEqual(['09CONF4', '09PART1', '09UNCL5'])
    // a cable he reads whole answers by its references
    expect(await found('cites:09UNCL5', CONF_PORTIONS)).toEqual(['09CONF4'])
    expect(await found('-cites:09UNCL5', CONF_PORTIONS)).toEqual(['09PART1', '09UNCL5'])
    // a SECRET reader reads 09PART1 whole, REF block included
    expect(await found('cites:09CONF4', { level: 3, caveats: [], portions: true })).toEqual(['09PART1'])
    expect(await found('cites:09CON*', { level: 3, caveats: [], portions: true })).toEqual(['09PART1'])
  })

  it.skipIf(skip)('should answer to: only from cables read whole: a portion has no addressees', async () => {
    await opened(true)
    // every cable is addressed to SECSTATE WASHDC (makeRecord); a CONFIDENTIAL reader reads 09CONF4 and 09UNCL5 whole
    expect(await found('to:washdc', CONF_PORTIONS)).toEqual(['09CONF4', '09UNCL5'])
    // zanzibar stands in a portion of 09PART1 he may read, never in an address line
    expect(await found('to:zanzibar', CONF_PORTIONS)).toEqual([])
    expect(await found('to:(secstate OR zanzibar) treaty', CONF_PORTIONS)).toEqual([])
    expect(await found('to:washdc zanzibar', CONF_PORTIONS)).toEqual(['09CONF4'])
  })

  it.skipIf(skip)('should mark a partly readable hit and hide a subject whose portion he may not read', async () => {
    await opened(true)
    const hits: SearchHit[] = []
    for await (const h of store.search(parseQuery('zanzibar OR quasar OR meadow'), { sort: 'date' }, CONF_NOFORN_PORTIONS)) hits.push(h)
    const byKey = new Map(hits.map((h) => [h.key, h]))
    expect([...byKey.keys()].sort()).toEqual(['09CONF4', '09PART1', '09PART2', '09UNCL5'])
    expect(byKey.get('09PART1')?.partial).toEqual({ level: 3, caveats: [] })
    expect(byKey.get('09PART1')?.subject).toBe('ZANZIBAR TREATY')
    expect(byKey.get('09PART2')?.partial).toEqual({ level: 3, caveats: ['NOFORN'] })
    expect(byKey.get('09PART2')?.subject).toBeNull()
    expect(byKey.get('09CONF4')?.partial).toBeUndefined()
  })

  it.skipIf(skip)('should keep the whole-cable rule for a reader who does not ask for portions', async () => {
    await opened(true)
    expect(await found('zanzibar', CONF)).toEqual(['09CONF4'])
    expect(await found('meadow', CONF)).toEqual(['09UNCL5'])
    expect(await found(null, CONF)).toEqual(['09CONF4', '09UNCL5'])
  })

  it.skipIf(skip)('should keep the whole-cable rule when the archive has portion-level access off', async () => {
    await opened(false)
    expect(await found('zanzibar', CONF_PORTIONS)).toEqual(['09CONF4'])
    expect(await found('meadow', UNCLASS_PORTIONS)).toEqual(['09UNCL5'])
    expect(await found(null, CONF_PORTIONS)).toEqual(['09CONF4', '09UNCL5'])
    expect(await store.partialCable('09PART1', CONF_PORTIONS)).toBeNull()
  })

  it.skipIf(skip)('should keep the whole-cable rule on every path that is not a search, portions asked or not', async () => {
    await opened(true)
    expect(await store.getCable('09PART1', CONF_PORTIONS)).toBeNull()
    expect((await store.getCable('09CONF4', CONF_PORTIONS))?.key).toBe('09CONF4')
    expect([...(await store.resolve(['09PART1', '09CONF4', '09UNCL5'], CONF_PORTIONS)).keys()].sort()).toEqual(['09CONF4', '09UNCL5'])
    expect((await store.stats(CONF_PORTIONS)).cables).toBe(2)
    expect((await store.stats(CONF)).cables).toBe(2)
    expect((await store.stats()).cables).toBe(5)
  })

  it.skipIf(skip)('should give a partly readable cable to the reader of one of its portions, and no other', async () => {
    await opened(true)
    expect((await store.partialCable('09PART1', CONF))?.key).toBe('09PART1')
    expect((await store.partialCable('09PART1', UNCLASS_PORTIONS))?.key).toBe('09PART1')
    // readable whole, no readable portion, a portion under a caveat he lacks
    expect(await store.partialCable('09CONF4', CONF)).toBeNull()
    expect(await store.partialCable('09WHOLE3', CONF)).toBeNull()
    expect(await store.partialCable('09PART2', CONF)).toBeNull()
    expect((await store.partialCable('09PART2', { level: 2, caveats: ['NOFORN'] }))?.key).toBe('09PART2')
  })
})

describe('query compilers: portion-level access counts only when both the caller and the reader ask for it', () => {
  const queries = ['zanzibar', 'zanzibar -treaty tag:PREL', '"treaty talks" OR subject:meadow']
  it('should compile the whole-cable rule unless the caller passes portions and the reader asks for them (SQLite)', () => {
    for (const q of queries) {
      expect(compileQuery(parseQuery(q), CONF, true), q).toEqual(compileQuery(parseQuery(q), CONF, false))
      expect(compileQuery(parseQuery(q), CONF_PORTIONS, false), q).toEqual(compileQuery(parseQuery(q), CONF, false))
      expect(compileQuery(parseQuery(q), CONF_PORTIONS, true), q).not.toEqual(compileQuery(parseQuery(q), CONF, false))
    }
  })
  it('should compile the whole-cable rule unless the caller passes portions and the reader asks for them (PostgreSQL)', () => {
    for (const q of queries) {
      expect(compilePgQuery(parseQuery(q), CONF, 0, true), q).toEqual(compilePgQuery(parseQuery(q), CONF, 0, false))
      expect(compilePgQuery(parseQuery(q), CONF_PORTIONS, 0, false), q).toEqual(compilePgQuery(parseQuery(q), CONF, 0, false))
      expect(compilePgQuery(parseQuery(q), CONF_PORTIONS, 0, true), q).not.toEqual(compilePgQuery(parseQuery(q), CONF, 0, false))
    }
  })
})
