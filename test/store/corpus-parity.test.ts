/**
 * Both engines on the real dev corpus (../shared/corpus, skipped when absent; PostgreSQL skipped outside CI
 * when unreachable): the same cable sets and the same facet counts for queries covering every operator and
 * every field of the query language, for an archive reader and for a cleared reader.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openStore } from '../../src/store/open-store.js'
import type { Access, Store } from '../../src/store/store.js'
import { usePostgres } from '../support/postgres.js'

const shared = fileURLToPath(new URL('../../../shared', import.meta.url))
const cablesDir = join(shared, 'corpus', 'cables')
const present = existsSync(cablesDir)
if (!present) console.warn(`[skip] corpus parity: no corpus at ${cablesDir}`)
const pg = await usePostgres('corpus-parity')

/** Fixed queries over words, phrases and operators; the field values that depend on the data are added below. */
const FIXED = [
  'embassy',
  'minister',
  'government AND opposition',
  'president OR "prime minister"',
  '"human rights"',
  '"foreign minister"',
  '"united states government"',
  'elect*',
  'terror*',
  'nuclear -iran',
  'corruption NOT (tag:PGOV)',
  '(oil OR gas) AND pipeline',
  'ambassador NEAR/5 minister',
  'minister NEAR/0 foreign',
  '"prime minister" NEAR/10 parliament',
  'security NEAR/3 council NEAR/3 resolution',
  'embass* NEAR/2 officials',
  'zanu-pf',
  'cafe OR café',
  'subject:election*',
  'subject:"human rights"',
  'subject:(trade OR economic)',
  'to:secstate',
  'to:"secstate washdc"',
  'to:(paris OR london)',
  'to:immediate',
  'tag:PREL',
  'tag:PGOV tag:PREL',
  'tag:P*',
  'tag:(ECON OR ETRD)',
  '-tag:PREL',
  'class:SECRET',
  'class:CONFIDENTIAL',
  'class>=CONFIDENTIAL',
  'class<SECRET',
  'class:NOFORN',
  'class:"SECRET//NOFORN"',
  'caption:SIPDIS',
  'caption:NOFORN',
  'caption:S*',
  'precedence:IMMEDIATE',
  'precedence:PRIORITY',
  'precedence:ROUTINE minister',
  'date:2009',
  'date:2008-01..2008-06',
  'date:..2005',
  'date>=2009-06',
  'date<2007 embassy',
  'date:2010-02-01..2010-02-28',
  'election date:2009 -tag:PGOV',
  'minister OR tag:MARR',
  '-embassy',
]

describe.skipIf(!present || !pg.available)('both engines on the real corpus', () => {
  let sqlite: Store
  let postgres: Store
  const queries: string[] = [...FIXED]

  beforeAll(async () => {
    sqlite = openStore(':memory:')
    // small batches: each SQLite transaction holds this worker's event loop while it writes
    await importArchive(sqlite, [cablesDir], { batchSize: 250 })
    // opened after the SQLite import: its synchronous writes would hold the event loop while the
    // PostgreSQL connection handshakes
    postgres = openStore(pg.url())
    await importArchive(postgres, [cablesDir])
    // field values the corpus itself holds: its busiest origin, an origin prefix, its most cited cable,
    // an id prefix and a full id
    const f = await sqlite.facets(null, undefined, 3)
    const origin = f.origin.find((o) => o.value !== '(none)')!.value
    queries.push(`origin:${origin}`, `origin:${origin.slice(0, 3)}*`, `origin:${origin} minister`)
    const cited = (await sqlite.referencedIds()).sort((a, b) => b.citedBy - a.citedBy)[0].id
    queries.push(`cites:${cited}`, `cites:${cited.slice(0, 4)}*`)
    let first = ''
    for await (const h of sqlite.search(null, { sort: 'date', limit: 1, offset: 100 })) first = h.key
    queries.push(`id:${first}`, `id:${first.slice(0, 4)}*`)
  }, 900_000)
  afterAll(async () => {
    await sqlite?.close()
    await postgres?.close()
  })

  const cleared: Access = { level: 2, caveats: [] }

  async function keys(store: Store, q: string, access?: Access): Promise<string[]> {
    const out: string[] = []
    for await (const h of store.search(parseQuery(q), { sort: 'date' }, access)) out.push(h.key)
    return out
  }

  it('should import the same cables', async () => {
    expect(await postgres.stats()).toEqual(await sqlite.stats())
    expect(await postgres.facets(null, undefined, 0)).toEqual(await sqlite.facets(null, undefined, 0))
    expect(await postgres.histogram(null, 'month')).toEqual(await sqlite.histogram(null, 'month'))
  })

  it('should cover at least 50 queries, nearly all with hits', async () => {
    expect(queries.length).toBeGreaterThanOrEqual(50)
    let withHits = 0
    for (const q of queries) if ((await sqlite.count(parseQuery(q))) > 0) withHits++
    expect(withHits).toBeGreaterThanOrEqual(queries.length - 5)
  })

  it('should return the same cables in the same date order and the same facet counts for every query', async () => {
    const differences: string[] = []
    for (const q of queries) {
      for (const access of [undefined, cleared]) {
        const [a, b] = [await keys(sqlite, q, access), await keys(postgres, q, access)]
        if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${q} (${access ? 'cleared' : 'archive'}): sqlite ${a.length} vs postgres ${b.length}`)
        const [fa, fb] = [await sqlite.facets(parseQuery(q), access, 0), await postgres.facets(parseQuery(q), access, 0)]
        if (JSON.stringify(fa) !== JSON.stringify(fb)) differences.push(`${q} (${access ? 'cleared' : 'archive'}): facets differ`)
      }
    }
    expect(differences).toEqual([])
  }, 900_000)

  it('should give the same page, total and facets in one faceted call', async () => {
    for (const q of ['minister', 'tag:PREL', 'class>=CONFIDENTIAL embassy']) {
      const [a, b] = [
        await sqlite.facetedPage(parseQuery(q), { sort: 'date-desc', limit: 20, offset: 20 }),
        await postgres.facetedPage(parseQuery(q), { sort: 'date-desc', limit: 20, offset: 20 }),
      ]
      expect(b.total).toBe(a.total)
      expect(b.facets).toEqual(a.facets)
      expect(b.hits.map((h) => h.key)).toEqual(a.hits.map((h) => h.key))
    }
  })
})
