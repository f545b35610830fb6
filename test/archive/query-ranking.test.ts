/**
 * Which queries the compilers of both engines rank: every query with a full-text word outside any NOT, a word
 * beside a field condition or an exclusion included, is scored and puts cables whose subject holds the word
 * first; a query of field conditions alone is not scored and keeps the date order. Synthetic cables only;
 * PostgreSQL on a fresh database (skipped outside CI when no server answers, as every PG suite).
 */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import type { SearchHit, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'
import { makeRecord } from '../store/make-record.js'

const engines = await storeEngines('query-ranking')

/**
 * The oldest cable names the word in its subject, the newest only in its body: a ranked order and the
 * date order disagree on which comes first.
 */
const CABLES = [
  makeRecord({ key: '08OKAPI1', date: '2008-03-01', subject: 'OKAPI SURVEY', text: 'An okapi was seen.', tags: ['PREL'] }),
  makeRecord({ key: '09OKAPI2', date: '2009-03-01', subject: 'FOREST REPORT', text: 'The okapi and the forest.', tags: ['ECON'] }),
  makeRecord({ key: '10OKAPI3', date: '2010-03-01', subject: 'RIVER REPORT', text: 'The river, the okapi, the okapi tracks.', tags: ['PREL'] }),
  makeRecord({ key: '10OTHER4', date: '2010-06-01', subject: 'RIVER TRACKS', text: 'Tracks by the river.', tags: ['PREL'] }),
]

describe.each(engines)('ranked queries ($name)', ({ skip, open }) => {
  let store: Store
  const hits = async (q: string): Promise<SearchHit[]> => {
    if (!store) {
      store = await open()
      await store.upsertCables(CABLES)
    }
    const out: SearchHit[] = []
    for await (const h of store.search(parseQuery(q), { sort: 'rank', limit: 10 })) out.push(h)
    return out
  }

  it.skipIf(skip)('should rank a full-text word beside a field condition or an exclusion, subject hits first', async () => {
    for (const q of ['okapi tag:PREL', 'okapi -tag:ECON', 'okapi -forest', 'okapi -forest tag:PREL', 'tag:PREL okapi']) {
      const got = await hits(q)
      expect(got.map((h) => h.key), q).toEqual(['08OKAPI1', '10OKAPI3'])
      expect(got.every((h) => typeof h.score === 'number'), q).toBe(true)
    }
    // conjuncts with operators of their own, first and last
    for (const q of ['(river OR forest) okapi', 'okapi (river OR forest)', 'okapi (river OR forest) (okapi OR tracks)']) {
      const got = await hits(q)
      expect(got.map((h) => h.key).sort(), q).toEqual(['09OKAPI2', '10OKAPI3'])
      expect(got.every((h) => typeof h.score === 'number'), q).toBe(true)
    }
  })

  // words alone under OR, in a group with an exclusion, or in a text field: SQLite answers each as one ranked
  // full-text expression, so each is scored like a plain word
  it.skipIf(skip)('should rank a query of words alone whatever joins them: OR, a group with an exclusion, a text field', async () => {
    const cases: [string, string[]][] = [
      ['okapi OR survey', ['08OKAPI1', '09OKAPI2', '10OKAPI3']],
      ['subject:okapi', ['08OKAPI1']],
      ['subject:(okapi OR forest)', ['08OKAPI1', '09OKAPI2']],
      ['(okapi forest) OR survey', ['08OKAPI1', '09OKAPI2']],
      ['(okapi -forest) OR tracks', ['08OKAPI1', '10OKAPI3', '10OTHER4']],
    ]
    for (const [q, expected] of cases) {
      const got = await hits(q)
      expect(got.map((h) => h.key).sort(), q).toEqual(expected)
      expect(got.every((h) => typeof h.score === 'number'), q).toBe(true)
    }
  })

  it.skipIf(skip)('should keep the date order, unscored, for field conditions and exclusions alone', async () => {
    for (const q of ['tag:PREL', '-tag:ECON', '-forest', 'tag:PREL -forest']) {
      const got = await hits(q)
      expect(got.map((h) => h.key), q).toEqual(['10OTHER4', '10OKAPI3', '08OKAPI1'])
      expect(got.every((h) => h.score === null), q).toBe(true)
    }
  })
})
