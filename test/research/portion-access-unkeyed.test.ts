/**
 * Portion-level access and a cable with no readable id (docs/search.md): such a cable is keyed `sha256:` of its
 * whole text, and every hit names it by that key, a value computed over its withheld portions too. It is read whole
 * or not at all: a reader below it finds nothing of it, even by a word of a portion he could read. Both engines;
 * synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive, type ArchiveHit } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

const engines = await storeEngines('portion-access-unkeyed')

/** A SECRET fragment with no envelope, class-line serial or id anywhere: its key is the hash of its text. */
const fragment = (secret: string) => `S E C R E T

SUBJECT: (C) INVENTED LIGHTHOUSE REPAIRS

1. (C) The lighthouse repairs are on schedule.

2. (S) ${secret}

DOE
`

/** The same text with an envelope and a readable id: read in part as usual. */
const keyed = `R 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0001

S E C R E T QUORIN 000812

SUBJECT: (C) INVENTED LIGHTHOUSE REPAIRS

1. (C) The lighthouse repairs are on schedule.

2. (S) The keeper is an informant.

DOE
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }

async function keys(hits: AsyncIterable<ArchiveHit>): Promise<string[]> {
  const out: string[] = []
  for await (const h of hits) out.push(h.key)
  return out.sort()
}

describe.each(engines)('portion-level access to a cable keyed by its text hash, on $name', (engine) => {
  it.skipIf(engine.skip)('should give a reader below it nothing of it, and the keyed cable in part', async () => {
    const store = await engine.open()
    const a = record(fragment('The keeper is an informant.'), 1)
    const b = record(keyed, 2)
    expect(a.key.startsWith('sha256:')).toBe(true)
    expect(b.key).not.toMatch(/^sha256:/)
    await store.upsertCables([a, b])
    await configurePortionAccess(store, true)
    // the keyed cable is found in part by its CONFIDENTIAL paragraph; the unkeyed one not at all
    expect(await keys((await searchArchive(store, { query: 'lighthouse', access: C })).hits)).toEqual([b.key])
    expect((await searchArchive(store, { query: 'lighthouse', access: C, limit: 10, facets: true })).total).toBe(1)
    expect(await showCable(store, a.key, C)).toBeNull()
    // a SECRET reader reads both whole
    expect(await keys((await searchArchive(store, { query: 'lighthouse', access: S })).hits)).toEqual([a.key, b.key].sort())
  })
})
