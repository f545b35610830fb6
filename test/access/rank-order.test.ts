import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openPostgresStore } from '../../src/store/postgres/pg-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Access, Store } from '../../src/store/store.js'
import { makeRecord } from '../store/make-record.js'
import { usePostgres } from '../support/postgres.js'

// The ORDER of a restricted reader's hits is something he sees: it must not change when cables he may not
// read are added. BM25 weighs words by their rarity over the whole index, so on SQLite a reader could tell
// whether "aardvark" occurs in SECRET cables from which of his two visible hits came first.

const dir = mkdtempSync(join(tmpdir(), 'cablegram-rank-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pgTest = await usePostgres('rank-order')

const visible = [
  makeRecord({ key: '09OPEN1', date: '2009-01-01', subject: 'ANIMALS ONE', text: 'The aardvark report is here and nothing else.' }),
  makeRecord({ key: '09OPEN2', date: '2009-01-02', subject: 'ANIMALS TWO', text: 'The pangolin report is here and nothing else.' }),
]
const hidden = Array.from({ length: 12 }, (_, i) =>
  makeRecord({ key: `09HIDE${i + 1}`, date: '2009-02-01', subject: 'HIDDEN', text: `Aardvark aardvark aardvark matters ${i}.`, classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'] }),
)

const engines: { name: string; skip: boolean; open: (name: string) => Store }[] = [
  { name: 'sqlite', skip: false, open: (name) => openSqliteStore(join(dir, `${name}.db`)) },
  { name: 'postgres', skip: !pgTest.available, open: () => openPostgresStore(pgTest.url()) },
]

describe.each(engines)('rank order for a restricted reader ($name)', ({ skip, open }) => {
  const reader: Access = { level: 0, caveats: [] }
  const order = async (store: Store, q: string, access?: Access) => {
    const keys: string[] = []
    for await (const h of store.search(parseQuery(q), { sort: 'rank', limit: 20 }, access)) keys.push(h.key)
    return keys
  }

  it.skipIf(skip)('should not change when cables he may not read are added', async () => {
    const store = open('a')
    try {
      await store.upsertCables(visible)
      const before = { or: await order(store, 'aardvark OR pangolin', reader), report: await order(store, 'report', reader) }
      const page = await store.facetedPage(parseQuery('aardvark OR pangolin'), { sort: 'rank', limit: 1 }, reader)
      await store.upsertCables(hidden)
      expect(await order(store, 'aardvark OR pangolin', reader)).toEqual(before.or)
      expect(await order(store, 'report', reader)).toEqual(before.report)
      const after = await store.facetedPage(parseQuery('aardvark OR pangolin'), { sort: 'rank', limit: 1 }, reader)
      expect(after.hits.map((h) => h.key)).toEqual(page.hits.map((h) => h.key))
      expect(after.total).toBe(2)
      // an unrestricted reader (a released archive) still gets relevance, hidden words and all
      expect((await order(store, 'aardvark')).length).toBe(13)
    } finally {
      await store.close()
    }
  })
})
