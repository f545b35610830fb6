/**
 * `GET /api/people`, `/api/people/{key}`, `/api/network` and `/api/cables/{id}/versions` for a caller who may read a
 * cable only in part (portion-level access on; QA 14 leftovers 1 and 2): people and network count the cable through
 * his rendering (never a name of a withheld portion), and the versions route answers 403 saying its versions are
 * withheld at his clearance, not 404. Synthetic cables of the invented post QUORIN only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import { STATE_TEAM } from '../messaging/fixtures.js'
import { operatorServer } from './operator-server.js'

/** SECRET: a (C) participant list the CONFIDENTIAL caller reads, an (S) one naming Zorbek Hiddenman he does not. */
const cable = (end: string) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004
INFO AMEMBASSY VELLORA PRIORITY 0001

S E C R E T QUORIN 000931

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) PEOPLE TEST

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) Participants:
Peter Openman, Political Officer

2. (S) Participants:
Zorbek Hiddenman, Deputy Minister

3. (S) Hiddenword the talks will ${end}

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `pp/${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

describe('people, network and versions of a cable read in part over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  beforeAll(async () => {
    srv = await operatorServer([
      ...STATE_TEAM,
      { name: 'cora', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'CONFIDENTIAL' },
      { name: 'sam', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'SECRET' },
    ])
    await srv.addArchiveCables([record(cable('fail.'), 1), record(cable('fail badly.'), 2)])
    const writer = openStore(srv.path)
    await configurePortionAccess(writer, true)
    await writer.close()
  }, 60_000)
  afterAll(async () => {
    await srv.close()
  })

  it('should list the people of his rendering and none of a withheld portion', async () => {
    const cora = await srv.login('cora')
    const people = await cora.json<{ key: string; cables: string[] }[]>(cora.get('/api/people'))
    expect(people.map((p) => p.key).sort()).toEqual(['OPENMAN P', 'QUILL A'])
    expect(people.every((p) => p.cables.length === 1)).toBe(true)
    expect(JSON.stringify(people)).not.toMatch(/Hiddenman|Hiddenword/)
    expect((await cora.get('/api/people/HIDDENMAN%20Z')).status).toBe(404)
    const sam = await srv.login('sam')
    expect((await sam.json<{ key: string }[]>(sam.get('/api/people'))).map((p) => p.key)).toContain('HIDDENMAN Z')
  })

  it('should draw the network of his rendering', async () => {
    const cora = await srv.login('cora')
    const csv = await (await cora.get('/api/network?format=csv')).text()
    // edges in any order
    expect(csv.trimEnd().split('\n').sort()).toEqual(['AMEMBASSY QUORIN,AMEMBASSY VELLORA,2008,1', 'AMEMBASSY QUORIN,SECSTATE WASHDC,2008,1', 'source,target,year,weight'])
  })

  it('should answer 403 for its versions, saying they are withheld at his clearance, and list them for a reader of the whole', async () => {
    const cora = await srv.login('cora')
    const res = await cora.get('/api/cables/08QUORIN931/versions')
    expect(res.status).toBe(403)
    const body = await res.text()
    expect(body).toContain('versions are withheld at your clearance')
    expect(body).not.toMatch(/Hiddenword|badly|"version"/)
    const sam = await srv.login('sam')
    expect((await sam.json<{ versions: unknown[] }>(sam.get('/api/cables/08QUORIN931/versions'))).versions).toHaveLength(2)
  })
})
