/**
 * PostgreSQL's `archive-005`: an archive written before it keeps the subject's vector in `cables` and the big
 * vector in the `cable_fts` row; the migration moves the subject's vector beside the others and the big one
 * out of line, so ranked pages still put subject hits first, and adds the write generation the facet
 * index follows.
 */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openStore } from '../../src/store/open-store.js'
import type { SearchHit } from '../../src/store/store.js'
import { usePostgres } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

const server = await usePostgres('pg-fts-layout-migration')

async function keys(it: AsyncIterable<SearchHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of it) out.push(h.key)
  return out
}

describe.skipIf(!server.available)('archive-005 on PostgreSQL', () => {
  it('should move the subject vectors of an archive written before it, and keep subject hits first', async () => {
    const first = openStore(server.url())
    await first.upsertCables([
      makeRecord({ key: '09A1', date: '2009-01-01', subject: 'NUCLEAR TALKS', text: 'Nuclear talks.' }),
      makeRecord({ key: '09A2', date: '2009-06-01', subject: 'TRADE', text: 'Nuclear trade, and more nuclear trade.' }),
      makeRecord({ key: '09A3', date: '2009-03-01', subject: 'NUCLEAR AGAIN', text: 'Nuclear again.' }),
    ])
    await first.close()
    // back to the layout archive-004 left: the subject's vector in `cables`, no generation, the step not applied
    const client = new pg.Client({ connectionString: server.url() })
    await client.connect()
    try {
      await client.query('ALTER TABLE cables ADD COLUMN subject_fts tsvector')
      await client.query('UPDATE cables c SET subject_fts = f.subject_fts FROM cable_fts f WHERE f.cable = c.id')
      await client.query('ALTER TABLE cable_fts DROP COLUMN subject_fts')
      await client.query('ALTER TABLE cable_fts ALTER COLUMN fts SET STORAGE MAIN')
      await client.query('ALTER TABLE fts_meta DROP COLUMN generation')
      await client.query("DELETE FROM schema_migrations WHERE id = 'archive-005'")
      const store = openStore(server.url())
      try {
        expect(await keys(store.search(parseQuery('nuclear'), { sort: 'rank', limit: 3 }))).toEqual(['09A3', '09A1', '09A2'])
        const layout = await client.query<{ attname: string; attstorage: string; attrelid: string }>(
          `SELECT attrelid::regclass::text AS attrelid, attname, attstorage FROM pg_attribute
           WHERE attrelid IN ('cables'::regclass, 'cable_fts'::regclass) AND attname LIKE '%fts' AND NOT attisdropped ORDER BY 1, 2`,
        )
        expect(layout.rows).toEqual([
          { attrelid: 'cable_fts', attname: 'fts', attstorage: 'e' },
          { attrelid: 'cable_fts', attname: 'subject_fts', attstorage: 'm' },
          { attrelid: 'cable_fts', attname: 'to_fts', attstorage: 'm' },
        ])
        const before = (await client.query<{ g: string }>('SELECT generation::text AS g FROM fts_meta')).rows[0].g
        await store.upsertCables([makeRecord({ key: '09A4', date: '2009-12-01', subject: 'NUCLEAR', text: 'Nuclear.' })])
        expect((await client.query<{ g: string }>('SELECT generation::text AS g FROM fts_meta')).rows[0].g).not.toBe(before)
        const page = await store.facetedPage(parseQuery('nuclear'), { sort: 'rank', limit: 4 })
        expect(page.hits.map((h) => h.key)).toEqual(['09A4', '09A3', '09A1', '09A2'])
      } finally {
        await store.close()
      }
    } finally {
      await client.end()
    }
  })
})
