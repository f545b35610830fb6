import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseCable } from '../../src/format/parse.js'
import { ProblemSchema } from '../../src/http/problem.js'
import { makeRecord } from '../store/make-record.js'
import { publicArchive } from './archive-fixture.js'
import { FOLDED_SECRET_CABLE } from '../research/secret-cable.js'

const REDACTED = 'C O N F I D E N T I A L HARARE 000002\n\nSUBJECT: (C) ELECTIONS\n\n1. (C) XXXXXXXXXXXX said the vote was rigged.\n\n2. (U) Open text.\n'
const later = (access?: { level: number; caveats: string[] }) => ({
  auth: { authenticate: async () => ({ user: 'reader', access, via: 'token' as const }) },
  public: false,
})

let fx: Awaited<ReturnType<typeof publicArchive>>
let low: Awaited<ReturnType<typeof publicArchive>>
beforeAll(async () => {
  fx = await publicArchive()
  await fx.deps.archive.upsertCables([makeRecord({ key: '09HARARE2', date: '2009-10-01T08:00Z', text: REDACTED, classification: 'CONFIDENTIAL', level: 2, source: { locator: 'r2.txt', rendering: 'text', sha256: 'b'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
  low = await publicArchive(later({ level: 0, caveats: [] }))
})
afterAll(async () => {
  await fx.close()
  await low.close()
})

const bearer = { authorization: 'Bearer x' }

describe('research routes', () => {
  it('should list versions and diff them', async () => {
    const v = await (await fx.app.request('/api/cables/09HARARE2/versions')).json()
    expect(v.versions.map((x: { version: number; current: boolean }) => [x.version, x.current])).toEqual([
      [1, false],
      [2, true],
    ])
    // numbered by rank: the redacted text 1, the shown one last; the diff goes from the first to the last
    const d = await (await fx.app.request('/api/cables/09HARARE2/diff')).json()
    expect([d.from, d.to]).toEqual([1, 2])
    expect(d.parts.filter((p: { kind: string }) => p.kind === 'removed').map((p: { text: string }) => p.text).join(' ')).toContain('XXXXXXXXXXXX')
    const bad = await fx.app.request('/api/cables/09HARARE2/diff?from=1&to=9')
    expect(bad.status).toBe(422)
    expect(ProblemSchema.parse(await bad.json()).code).toBe('INVALID')
  })

  it('should list a version made of sections with each section and its sources (QA 14 F6)', async () => {
    const section = (n: number, body: string) =>
      `R 181200Z MAR 08\nFM AMEMBASSY VELDORA\nTO SECSTATE WASHDC 4321\n\nC O N F I D E N T I A L SECTION 0${n} OF 03 VELDORA 000453\n\nSUBJECT: INVENTED PIER TALKS\n\n${body}\n`
    const rec = (n: number, body: string) => {
      const text = section(n, body)
      return toCableRecord(parseCable(text), text, { locator: `s${n}.txt`, rendering: 'text', sha256: String(n).repeat(64), importedAt: `2026-02-0${n}T00:00:00Z`, metadata: {} })
    }
    await fx.deps.archive.upsertCables([rec(3, '4. (C) Zetakestrel the pier closed.'), rec(1, '1. (C) Etakestrel the pier opened.')])
    const v = await (await fx.app.request('/api/cables/08VELDORA453/versions')).json()
    expect(v.versions.length).toBe(1)
    expect(v.versions[0].sections.map((x: { section: number; missing: boolean; sources: { locator: string }[] }) => [x.section, x.missing, x.sources.map((s) => s.locator)])).toEqual([
      [1, false, ['s1.txt']],
      [2, true, []],
      [3, false, ['s3.txt']],
    ])
  })

  it('should withhold unmarked portions at the level the archive files a cable under, not only the level its text states', async () => {
    // the publisher files it SECRET; its text says UNCLAS and marks nothing: every portion counts as SECRET
    const text = 'UNCLAS MAPUTO 000009\n\nSUBJECT: DAM TALKS\n\n1. Osprey plan for the dam.\n'
    await fx.deps.archive.upsertCables([makeRecord({ key: '09MAPUTO9', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text, classification: 'SECRET', level: 3, source: { locator: 'r9.txt', rendering: 'text', sha256: 'c'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
    const r = await (await fx.app.request('/api/cables/09MAPUTO9/redact?for=CONFIDENTIAL')).json()
    expect(r.text).not.toContain('Osprey')
    expect(r.withheld.map((w: { portion: string }) => w.portion)).toEqual(['subject', 'paragraph 1'])
    // withheld at SECRET: the placeholders carry no (U) the text's class line would suggest
    expect(r.text).toContain('1. [Paragraph 1 withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL]')
    expect(r.text).not.toContain('(U)')
  })

  it('should show a header segment only as far as it is header: body text folded into it is withheld by its marks', async () => {
    await fx.deps.archive.upsertCables([makeRecord({ key: '09DUSHANBE126', origin: 'AMEMBASSY DUSHANBE', originKey: 'DUSHANBE', text: FOLDED_SECRET_CABLE, classification: 'SECRET', level: 3, source: { locator: 'r126.txt', rendering: 'text', sha256: '7'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
    const r = await (await fx.app.request('/api/cables/09DUSHANBE126/redact?for=CONFIDENTIAL')).json()
    expect(r.text).toContain('Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).\n[Text withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL]\n')
    expect(r.text).toContain('2. (C) The heron delegation arrives on Monday.')
    expect(r.text).not.toMatch(/cobalt|tamarind|falcon|ember/)
    // the marked paragraph glued under the Classified By line opens the body (3cb2727): it is paragraph 1, withheld by its own mark
    expect(r.withheld).toContainEqual({ portion: 'paragraph 1', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' })
    expect(r.text).toContain('1. (S) [Paragraph 1 withheld: marked SECRET, above CONFIDENTIAL]')
  })

  it('should show no portion of a NODIS cable to a reader without NODIS, whatever his level', async () => {
    const text = 'S E C R E T MAPUTO 000021\n\nNODIS\n\nSUBJECT: (C) NODIS GOSSIP\n\n1. (C) Nodisword alpha.\n\n2. (S) Secretword bravo.\n'
    await fx.deps.archive.upsertCables([makeRecord({ key: '09MAPUTO21', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text, classification: 'SECRET', level: 3, caveats: ['NODIS'], source: { locator: 'r21.txt', rendering: 'text', sha256: '1'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
    for (const spec of ['SECRET', 'CONFIDENTIAL', 'TOP%20SECRET,NOFORN,EXDIS']) {
      const r = await (await fx.app.request(`/api/cables/09MAPUTO21/redact?for=${spec}`)).json()
      expect(r.text).not.toMatch(/Nodisword|Secretword|GOSSIP/)
      expect(r.withheld.map((w: { portion: string }) => w.portion)).toEqual(['subject', 'paragraph 1', 'paragraph 2'])
    }
    const c = await (await fx.app.request('/api/cables/09MAPUTO21/redact?for=CONFIDENTIAL,NODIS')).json()
    expect(c.text).toContain('Nodisword alpha')
    expect(c.text).not.toContain('Secretword')
    expect(c.withheld).toEqual([{ portion: 'paragraph 2', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' }])
  })

  it('should judge a marked block or sub-item inside a paragraph by its own mark', async () => {
    const text = 'S E C R E T MAPUTO 000022\n\nSUBJECT: (C) NESTED\n\n1. (C) Pelican words.\n\n(S//NF) Walrus block.\n\nA. (S) Narwhal item.\nB. (TS) Orca item.\n\n(S) COMMENT: Octopus. END COMMENT.\n'
    await fx.deps.archive.upsertCables([makeRecord({ key: '09MAPUTO22', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text, classification: 'TOP SECRET', level: 4, caveats: ['NOFORN'], source: { locator: 'r22.txt', rendering: 'text', sha256: '2'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
    const r = await (await fx.app.request('/api/cables/09MAPUTO22/redact?for=CONFIDENTIAL,NOFORN')).json()
    expect(r.text).toContain('1. (C) Pelican words.')
    expect(r.text).not.toMatch(/Walrus|Narwhal|Orca|Octopus/)
    expect(r.withheld.map((w: { mark: string | null }) => w.mark)).toEqual(['S//NF', 'S', 'TS', 'S'])
  })

  it('should write no portion mark below what a withheld placeholder stands for', async () => {
    // an unreadable subject and paragraph mark: the cable is held at TOP SECRET; the class line says SECRET
    const text = 'S E C R E T MAPUTO 000010\n\nSUBJECT: (Q//ZZ) HERON TALKS\n\n1. (S) Open enough.\n\n2. (Q//ZZ) Heron plan for the weir.\n'
    await fx.deps.archive.upsertCables([makeRecord({ key: '09MAPUTO10', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text, classification: 'TOP SECRET', level: 4, source: { locator: 'r10.txt', rendering: 'text', sha256: 'd'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } })])
    const r = await (await fx.app.request('/api/cables/09maputo010/redact?for=SECRET')).json()
    expect(r.key).toBe('09MAPUTO10')
    expect(r.withheld).toEqual([
      { portion: 'subject', mark: null, reason: 'portion mark not understood, treated as TOP SECRET' },
      { portion: 'paragraph 2', mark: null, reason: 'portion mark not understood, treated as TOP SECRET' },
    ])
    expect(r.text).toContain('SUBJECT: [Subject withheld: portion mark not understood, treated as TOP SECRET]\n')
    expect(r.text).toContain('2. [Paragraph 2 withheld: portion mark not understood, treated as TOP SECRET]\n')
    expect(r.text).toContain('1. (S) Open enough.')
    expect(r.text).not.toMatch(/HERON|Heron|\((S|C|U)\) \[/)
  })

  it('should render for a lower level, replay routing, and map gaps', async () => {
    // an empty origin is refused, never read as every origin
    const empty = await fx.app.request('/api/gaps?origin=')
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('origin: empty')
    const r = await (await fx.app.request('/api/cables/10LONDON5/redact?for=CONFIDENTIAL')).json()
    expect(r.withheld).toEqual([
      { portion: 'subject', mark: null, reason: 'unmarked: treated as the overall SECRET, above CONFIDENTIAL' },
      { portion: 'paragraph 1', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' },
    ])
    expect(r.text).not.toContain('kestrel plan for')
    expect((await fx.app.request('/api/cables/10LONDON5/redact?for=SEKRET')).status).toBe(422)
    const route = await (await fx.app.request('/api/cables/09HARARE3/route')).json()
    expect(route).toMatchObject({ key: '09HARARE3', recipients: [], unresolved: [] })
    const gaps = await (await fx.app.request('/api/gaps?origin=HARARE')).json()
    expect(gaps[0]).toMatchObject({ origin: 'HARARE', year: 2009, first: 2, last: 3, held: 2 })
    expect(gaps[0].byMonth).toEqual([
      { month: '2009-10', held: 1, missing: 0, cited: 0 },
      { month: '2009-12', held: 1, missing: 0, cited: 0 },
    ])
  })

  it('should save, read and verify a snapshot', async () => {
    const saved = await (await fx.app.request('/api/snapshots', { method: 'POST', body: JSON.stringify({ query: 'uranium' }), headers: { 'content-type': 'application/json' } })).json()
    expect(saved.id).toMatch(/^cg-/)
    expect((await (await fx.app.request(`/api/snapshots/${saved.id}`)).json()).count).toBe(saved.count)
    expect(await (await fx.app.request(`/api/snapshots/${saved.id}/verify`)).json()).toMatchObject({ identical: true })
    expect((await fx.app.request('/api/snapshots/cg-nothinghere')).status).toBe(404)
    // a stored snapshot whose body was changed is a conflict with what its id says, not a refusal of the reader
    const stored = (await fx.deps.archive.snapshot(saved.id))!
    await fx.deps.archive.saveSnapshot({ id: 'cg-aaaaaaaaaa', savedAt: stored.savedAt, body: stored.body })
    for (const path of ['/api/snapshots/cg-aaaaaaaaaa', '/api/snapshots/cg-aaaaaaaaaa/verify']) {
      const damaged = await fx.app.request(path)
      expect(damaged.status).toBe(409)
      expect((await damaged.json()).detail).toContain(`holds snapshot ${saved.id}`)
    }
    const bad = await fx.app.request('/api/snapshots', { method: 'POST', body: JSON.stringify({ query: 'tag:(' }), headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBe(400)
  })

  it('should give people and the network as JSON, DOT and CSV', async () => {
    expect((await fx.app.request('/api/people')).status).toBe(200)
    const net = await (await fx.app.request('/api/network')).json()
    expect(Array.isArray(net.nodes)).toBe(true)
    const dot = await fx.app.request('/api/network?format=dot')
    expect(dot.headers.get('content-type')).toContain('text/vnd.graphviz')
    expect(await (await fx.app.request('/api/network?format=csv')).text()).toMatch(/^source,target,year,weight\n/)
  })

  it('should never use what the principal may not read', async () => {
    expect((await low.app.request('/api/cables/10LONDON5/redact?for=UNCLASSIFIED', { headers: bearer })).status).toBe(404)
    expect((await low.app.request('/api/cables/09HARARE2/versions', { headers: bearer })).status).toBe(404)
    expect((await low.app.request('/api/cables/09HARARE3/route', { headers: bearer })).status).toBe(404)
    const gaps = await (await low.app.request('/api/gaps', { headers: bearer })).json()
    expect(gaps.map((r: { origin: string; held: number }) => [r.origin, r.held])).toEqual([
      ['LONDON', 1],
      ['STATE', 1],
    ])
    const saved = await (await low.app.request('/api/snapshots', { method: 'POST', body: JSON.stringify({ query: 'uranium' }), headers: { ...bearer, 'content-type': 'application/json' } })).json()
    expect([saved.count, saved.archiveCables, saved.cables.map((c: { key: string }) => c.key)]).toEqual([1, 2, ['09STATE1']])
  })

  it('should give one person by key, and 404 one known only from cables the caller may not read', async () => {
    const records = [
      makeRecord({ key: '09MAPUTO11', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text: 'UNCLAS MAPUTO 000011\n\nSUBJECT: OPEN TALKS\n\nClassified By: Ambassador Wilma Wren, reasons 1.4 (b).\n\n1. Open text.\n\nWREN\n', source: { locator: 'r11.txt', rendering: 'text', sha256: 'e'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } }),
      makeRecord({ key: '09MAPUTO12', origin: 'AMEMBASSY MAPUTO', originKey: 'MAPUTO', text: 'S E C R E T MAPUTO 000012\n\nSUBJECT: (S) HIDDEN TALKS\n\nClassified By: Ambassador Ida Marlowe, reasons 1.4 (b).\n\n1. (S) Hidden text.\n\nWREN\n', classification: 'SECRET', level: 3, source: { locator: 'r12.txt', rendering: 'text', sha256: 'f'.repeat(64), importedAt: '2026-02-01T00:00:00Z', metadata: {} } }),
    ]
    await fx.deps.archive.upsertCables(records)
    await low.deps.archive.upsertCables(records)
    const list = await (await fx.app.request('/api/people?limit=10000')).json()
    const wren = await (await fx.app.request('/api/people/WREN%20W')).json()
    expect(wren).toEqual(list.find((p: { key: string }) => p.key === 'WREN W'))
    expect(wren).toMatchObject({ key: 'WREN W', name: 'Wilma Wren', titles: ['Ambassador'], cables: ['09MAPUTO11', '09MAPUTO12'] })
    // letter case and spacing of the key as typed do not matter
    expect((await (await fx.app.request('/api/people/wren%20%20w')).json()).key).toBe('WREN W')
    expect((await (await fx.app.request('/api/people/MARLOWE%20I')).json()).cables).toEqual(['09MAPUTO12'])
    const none = await fx.app.request('/api/people/NOBODY%20X')
    expect(none.status).toBe(404)
    expect(ProblemSchema.parse(await none.json())).toMatchObject({ code: 'NOT_FOUND', detail: 'no person NOBODY X in the cables you may read' })
    // an UNCLASSIFIED reader: Marlowe is named only in the SECRET cable, Wren's SECRET cable is not his either
    const lowWren = await (await low.app.request('/api/people/WREN%20W', { headers: bearer })).json()
    expect(lowWren.cables).toEqual(['09MAPUTO11'])
    expect(JSON.stringify(lowWren)).not.toContain('09MAPUTO12')
    const hidden = await low.app.request('/api/people/MARLOWE%20I', { headers: bearer })
    expect(hidden.status).toBe(404)
    expect(ProblemSchema.parse(await hidden.json()).detail).toBe('no person MARLOWE I in the cables you may read')
  })
})
