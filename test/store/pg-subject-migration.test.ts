/**
 * PostgreSQL's `archive-010`: `subject:` searches the subject's own vector (`cable_fts.subject_fts`, under a GIN
 * index of its own) instead of weight A of the cable's vector. Archives written before stored only the subject's
 * first 256 words there; the migration gives a row that may have been cut the subject part of `fts`, so a word
 * past the 256th of a long subject is still found, and nothing else changes.
 */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openStore } from '../../src/store/open-store.js'
import type { SearchHit } from '../../src/store/store.js'
import { usePostgres } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

const server = await usePostgres('pg-subject-migration')

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out
}

const LONG = `ANNUAL REPORT ${'ITEM '.repeat(300)} ZEPPELIN FLEET`

describe.skipIf(!server.available)('archive-010 on PostgreSQL', () => {
  it('should find subject words past the 256th in rows written before it, and index the subject vector', async () => {
    const first = openStore(server.url())
    await first.upsertCables([
      makeRecord({ key: '09A1', date: '2009-01-01', subject: LONG, text: 'Nothing about airships here.' }),
      makeRecord({ key: '09A2', date: '2009-06-01', subject: 'TRADE', text: 'The zeppelin fleet was discussed.' }),
      makeRecord({ key: '09A3', date: '2009-03-01', subject: 'ZEPPELIN FLEET', text: 'Airships.' }),
    ])
    // written by this code: every word of the subject is in subject_fts
    expect(await keys(first.search(parseQuery('subject:"zeppelin fleet"'), { sort: 'date' }))).toEqual(['09A1', '09A3'])
    expect(await keys(first.search(parseQuery('subject:(item NEAR/2 zeppelin)'), { sort: 'date' }))).toEqual(['09A1'])
    // three operands: cg_near on the subject's vector (its positions carry weight D)
    expect(await keys(first.search(parseQuery('subject:(annual NEAR/1 report NEAR/1 item)'), { sort: 'date' }))).toEqual(['09A1'])
    expect(await keys(first.search(parseQuery('subject:(annual NEAR/1 fleet NEAR/1 report)'), { sort: 'date' }))).toEqual([])
    expect(await keys(first.search(parseQuery('subject:(zeppelin NEAR/0 fleet NEAR/0 airships)'), { sort: 'date' }))).toEqual([])
    await first.close()
    // back to what the writer stored before: the subject's first 256 words, the step not applied
    const client = new pg.Client({ connectionString: server.url() })
    await client.connect()
    try {
      const cut = (await client.query<{ v: string }>(
        `SELECT array_to_string((array_agg(t ORDER BY n))[1:256], ' ') AS v
         FROM unnest(regexp_split_to_array(lower($1), '[^a-z]+')) WITH ORDINALITY AS x(t, n) WHERE t <> ''`,
        [LONG],
      )).rows[0].v
      await client.query(`UPDATE cable_fts SET subject_fts = (SELECT tsvector_agg FROM (SELECT string_agg(quote_literal(t) || ':' || n, ' ')::tsvector AS tsvector_agg
        FROM unnest(string_to_array($1, ' ')) WITH ORDINALITY AS x(t, n)) s) WHERE cable = (SELECT id FROM cables WHERE key = '09A1')`, [cut])
      await client.query('DROP INDEX cable_fts_subject_gin')
      await client.query("DELETE FROM schema_migrations WHERE id = 'archive-010'")
      const before = (await client.query<{ n: number }>("SELECT length(subject_fts) AS n FROM cable_fts f JOIN cables c ON c.id = f.cable WHERE c.key = '09A1'")).rows[0].n
      // annual, report, item: zeppelin and fleet were cut
      expect(before).toBe(3)
      const store = openStore(server.url())
      try {
        expect(await keys(store.search(parseQuery('subject:"zeppelin fleet"'), { sort: 'date' }))).toEqual(['09A1', '09A3'])
        expect(await keys(store.search(parseQuery('subject:zeppelin -subject:annual'), { sort: 'date' }))).toEqual(['09A3'])
        expect(await keys(store.search(parseQuery('zeppelin'), { sort: 'date' }))).toEqual(['09A1', '09A3', '09A2'])
        const index = await client.query("SELECT 1 FROM pg_indexes WHERE tablename = 'cable_fts' AND indexname = 'cable_fts_subject_gin'")
        expect(index.rowCount).toBe(1)
      } finally {
        await store.close()
      }
    } finally {
      await client.end()
    }
  })
})
