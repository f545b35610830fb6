/**
 * `GET /api/cables/{id}` for a reader who may read the cable only in part (portion-level access on; QA 14r7 W2): the
 * view says its references, diagnostics, error count and sources are withheld (`withheldFields`, with the withheld
 * portions), rather than giving `references: []` and `errorCount: 0` as if the cable had none; a reader of the whole
 * cable gets them and no marker. Responses are checked against the OpenAPI schema (`checkResponses`). Synthetic
 * cables of the invented post QUORIN only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import { STATE_TEAM } from '../messaging/fixtures.js'
import { operatorServer } from './operator-server.js'

/** SECRET, a (C) paragraph, an (S) one and, `ref`, a REF block (unmarked: at the overall level). */
const cable = (serial: number, ref: boolean) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004
INFO AMEMBASSY PARIS 0001

S E C R E T QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) VIEW TEST ${serial}
${ref ? '\nREF: A. 08STATE12345 B. 08QUORIN880\n' : ''}
Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) Openword${serial} the talks resumed.

2. (S) Hiddenword${serial} the talks will fail.

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `v/${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

describe('a cable read in part over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  beforeAll(async () => {
    srv = await operatorServer([
      ...STATE_TEAM,
      { name: 'cora', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'CONFIDENTIAL' },
      { name: 'sam', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'SECRET' },
    ])
    await srv.addArchiveCables([record(cable(901, true), 1), record(cable(902, false), 2)])
    const writer = openStore(srv.path)
    await configurePortionAccess(writer, true)
    await writer.close()
  }, 60_000)
  afterAll(async () => {
    await srv.close()
  })

  it.each([
    ['08QUORIN901', 'with REF lines'],
    ['08QUORIN902', 'without REF lines (said the same: whether a cable has them is not his to know)'],
  ])('should mark references, diagnostics, error count and sources withheld for %s, %s', async (id) => {
    const cora = await srv.login('cora')
    const view = await cora.json(cora.get(`/api/cables/${id}`))
    expect(view.withheldFields).toEqual(['references', 'diagnostics', 'errorCount', 'sources'])
    expect(view.withheld.map((w: { portion: string }) => w.portion)).toContain('paragraph 2')
    expect(view.cable.text).toContain('Openword')
    expect(JSON.stringify(view)).not.toMatch(/Hiddenword|08STATE12345|08QUORIN880/)
  })

  // QA 10 F2: what rests on the whole cable (its releasable rendering, its versions) is refused as read in part, in
  // the service's words (no CLI command in them), never as a cable not in the archive
  it.each(['CONFIDENTIAL', 'UNCLASSIFIED'])('should answer 403, never 404, for the releasable rendering (for=%s) of a cable he reads in part', async (target) => {
    const cora = await srv.login('cora')
    const res = await cora.get(`/api/cables/08QUORIN901/redact?for=${target}`)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as { code: string; detail: string }
    expect(problem.code).toBe('FORBIDDEN')
    expect(problem.detail).toMatch(/^08QUORIN901: you may read this cable only in part/)
    expect(JSON.stringify(problem)).not.toMatch(/not in the archive|Hiddenword|`/)
    // the other cable says the same, whatever it holds; one that does not exist is still 404
    const other = (await (await cora.get(`/api/cables/08QUORIN902/redact?for=${target}`)).json()) as { detail: string }
    expect(other.detail.replace('08QUORIN902', 'ID')).toBe(problem.detail.replace('08QUORIN901', 'ID'))
    expect((await cora.get(`/api/cables/08QUORIN999/redact?for=${target}`)).status).toBe(404)
  })

  it('should say in the versions and diff refusals what the service says, with no CLI command', async () => {
    const cora = await srv.login('cora')
    for (const path of ['/api/cables/08QUORIN901/versions', '/api/cables/08QUORIN901/diff']) {
      const res = await cora.get(path)
      expect(res.status, path).toBe(403)
      const detail = ((await res.json()) as { detail: string }).detail
      expect(detail, path).toMatch(/only in part/)
      expect(detail, path).not.toMatch(/`|cable (show|redact)/)
    }
  })

  it('should give a reader of the whole cable its references and no marker', async () => {
    const sam = await srv.login('sam')
    const view = await sam.json(sam.get('/api/cables/08QUORIN901'))
    expect(view.withheldFields).toBeUndefined()
    expect(view.withheld).toBeUndefined()
    expect(view.references.map((r: { text: string }) => r.text).join(' ')).toMatch(/08STATE12345.*08QUORIN880/)
  })
})
