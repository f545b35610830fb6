/**
 * SQLite `archive-010`: `cables.tags` was space-joined (older imports wrote `HUMAN-RIGHTS`); it becomes line-feed
 * joined so multi-word TAGS entries are stored as written. An archive written before keeps its values, read as
 * the same lists; PostgreSQL keeps tags in a text[] and needs no step.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { openStore } from '../../src/store/open-store.js'
import { makeRecord } from './make-record.js'

const root = mkdtempSync(join(tmpdir(), 'tag-list-migration-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('archive-010 on an archive written with space-joined TAGS', () => {
  it('should read every older list as it was, and a multi-word entry written after it as written', async () => {
    const path = join(root, 'old.db')
    const store = openStore(path)
    await store.upsertCables([makeRecord({ key: '05QUORIN1', tags: ['PHUM', 'XY', 'HUMAN-RIGHTS'] }), makeRecord({ key: '05QUORIN2', tags: ['PREL'] }), makeRecord({ key: '05QUORIN3', tags: [] })])
    await store.close()
    // back to what archive-009 left: lists joined by spaces
    const { default: Database } = await import('better-sqlite3')
    const old = new Database(path)
    old.exec("UPDATE cables SET tags = replace(tags, char(10), ' '); DELETE FROM schema_migrations WHERE id = 'archive-010'")
    expect(old.prepare("SELECT tags FROM cables WHERE key = '05QUORIN1'").pluck().get()).toBe('PHUM XY HUMAN-RIGHTS')
    old.close()
    const upgraded = openStore(path)
    try {
      expect((await upgraded.getCable('05QUORIN1'))!.tags).toEqual(['PHUM', 'XY', 'HUMAN-RIGHTS'])
      expect((await upgraded.getCable('05QUORIN3'))!.tags).toEqual([])
      expect((await upgraded.facets(null)).tag.map((f) => `${f.value} ${f.count}`).sort()).toEqual(['HUMAN-RIGHTS 1', 'PHUM 1', 'PREL 1', 'XY 1'])
      // the older value still answers its old query; a cable imported now keeps the blank
      expect(await upgraded.count(parseQuery('tag:HUMAN-RIGHTS'))).toBe(1)
      await upgraded.upsertCables([makeRecord({ key: '05QUORIN4', tags: ['HUMAN RIGHTS', 'XY'] })])
      expect((await upgraded.getCable('05QUORIN4'))!.tags).toEqual(['HUMAN RIGHTS', 'XY'])
      expect((await upgraded.facets(null)).tag.map((f) => `${f.value} ${f.count}`).sort()).toEqual(['HUMAN RIGHTS 1', 'HUMAN-RIGHTS 1', 'PHUM 1', 'PREL 1', 'XY 2'])
    } finally {
      await upgraded.close()
    }
  })
})
