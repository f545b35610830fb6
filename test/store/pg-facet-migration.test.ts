/**
 * PostgreSQL's `archive-002`: an archive written before captions were a facet has no `caption` rows in
 * `facet_counts`; the migration counts them from `cable_captions`, per level and caveat mask, so the facets
 * of the whole archive (read from that table) list captions like those of any search.
 */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openStore } from '../../src/store/open-store.js'
import { usePostgres } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

const server = await usePostgres('pg-facet-migration')

describe.skipIf(!server.available)('archive-002 on PostgreSQL', () => {
  it('should count the captions of an archive written before the caption facet', async () => {
    const first = openStore(server.url())
    await first.upsertCables([
      makeRecord({ key: '09A1', captions: ['SIPDIS', 'SIPDIS'] }),
      makeRecord({ key: '09A2', captions: ['SIPDIS', 'EXDIS'], classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'] }),
      makeRecord({ key: '09A3', captions: [] }),
    ])
    await first.close()
    // back to the archive as archive-001 left it: no caption rows, the step not applied
    const client = new pg.Client({ connectionString: server.url() })
    await client.connect()
    try {
      await client.query("DELETE FROM facet_counts WHERE facet = 'caption'")
      await client.query("DELETE FROM schema_migrations WHERE id = 'archive-002'")
    } finally {
      await client.end()
    }
    const store = openStore(server.url())
    try {
      expect((await store.facets(null)).caption).toEqual([{ value: 'SIPDIS', count: 2 }, { value: 'EXDIS', count: 1 }])
      const reader = { level: 2, caveats: [] }
      expect((await store.facets(null, reader)).caption).toEqual([{ value: 'SIPDIS', count: 1 }])
      expect(await store.count(parseQuery('caption:SIPDIS'), reader)).toBe(1)
      // and the writer keeps them current from there
      await store.upsertCables([makeRecord({ key: '09A4', captions: ['EXDIS'] })])
      expect((await store.facets(null, reader)).caption).toEqual([{ value: 'EXDIS', count: 1 }, { value: 'SIPDIS', count: 1 }])
    } finally {
      await store.close()
    }
  })
})
