import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CableRecord } from '../../src/store/store.js'
import { STATE_TEAM } from '../messaging/fixtures.js'
import { makeRecord } from '../store/make-record.js'
import { Client, operatorServer } from './operator-server.js'
import { userAccess } from '../../src/messaging/reader-access.js'

/**
 * The leak matrix over HTTP: every route × three uncleared users (level too low, caveat missing, another
 * post) × cables of several classifications. Each cable carries a marker word in its subject and text; a
 * user's forbidden markers (and cable ids) must appear in no body, count, facet, histogram, export row, SSE
 * event or error message the user gets.
 */

interface Secret {
  marker: string
  id: string
  level: number
  caveats: string[]
  /** Released to Dushanbe through messaging (post-restricted), or only in the archive. */
  messaging: boolean
}

const ARCHIVE: Secret[] = [
  { marker: 'HERONARC', id: '08HARARE11', level: 2, caveats: [], messaging: false },
  { marker: 'KESTRELARC', id: '08HARARE12', level: 3, caveats: [], messaging: false },
  { marker: 'GOLDFINCHARC', id: '08HARARE13', level: 3, caveats: ['NOFORN'], messaging: false },
  { marker: 'OSPREYARC', id: '08HARARE14', level: 4, caveats: [], messaging: false },
]
const OPEN_MARKER = 'PLAINARC'

const CLASS: Record<string, string> = { '2': 'CONFIDENTIAL', '3': 'SECRET', '4': 'TOP SECRET' }

function archiveRecord(s: Secret): CableRecord {
  const cls = CLASS[String(s.level)] + s.caveats.map((c) => `//${c}`).join('')
  return makeRecord({
    key: s.id,
    subject: `${s.marker} MATTERS`,
    classification: cls,
    level: s.level,
    caveats: s.caveats,
    date: `2008-0${s.level}-1${s.caveats.length}T10:00Z`,
    origin: `AMEMBASSY ${s.marker}`,
    originKey: s.marker,
    tags: [`K${s.marker.slice(0, 3)}`],
    text: `${cls} HARARE 0000\n\nSUBJECT: ${s.marker} MATTERS\n\n1. (${s.level === 2 ? 'C' : s.level === 3 ? 'S' : 'TS'}) The ${s.marker.toLowerCase()} file stays closed.\n`,
  })
}

/** A telegram from SECSTATE to Dushanbe at a level, with the marker in subject and text. */
function telegram(level: 'CONFIDENTIAL' | 'SECRET', caveat: string | null, marker: string): string {
  const mark = level === 'CONFIDENTIAL' ? 'C' : caveat ? 'S//NF' : 'S'
  return `FM SECSTATE WASHDC
TO AMEMBASSY DUSHANBE PRIORITY

${level} STATE 000000

${caveat ? `${caveat}\n` : ''}
E.O. 13526: DECL: 03/14/2036
TAGS: PREL, TI
SUBJECT: (${mark}) SYNTHETIC TEST: ${marker} REVIEW

CLASSIFIED BY: SCA/CEN Director, Reason 1.4(d)

1. (${mark}) The ${marker} review is synthetic.

2. (${mark}) Posts need take no action on ${marker}.

CLINTON
`
}

const MESSAGES = [
  { level: 'CONFIDENTIAL' as const, caveat: null, marker: 'HERONMSG', rank: 2, caveats: [] as string[] },
  { level: 'SECRET' as const, caveat: null, marker: 'PIKEMSG', rank: 3, caveats: [] as string[] },
  { level: 'SECRET' as const, caveat: 'NOFORN', marker: 'MARLINMSG', rank: 3, caveats: ['NOFORN'] },
]

// archive readers all: imported cables are hidden from them by clearance alone, released ones also by post
const ROLES = ['reader' as const, 'archive-reader' as const]
const READERS = [
  { name: 'lena', post: 'AMEMBASSY DUSHANBE', roles: ROLES, clearance: 'CONFIDENTIAL', why: 'level too low' },
  { name: 'nick', post: 'AMEMBASSY DUSHANBE', roles: ROLES, clearance: 'SECRET', why: 'caveat missing' },
  { name: 'olga', post: 'AMEMBASSY OTTAWA', roles: ROLES, clearance: 'TOP SECRET', caveats: ['NOFORN'], why: 'another post' },
]
const LEVEL: Record<string, number> = { CONFIDENTIAL: 2, SECRET: 3, 'TOP SECRET': 4 }

describe('leak matrix over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  const secrets: Secret[] = [...ARCHIVE]
  const drafts: number[] = []
  /** Snapshot ids saved by every reader in turn: each must open for its saver only. */
  const snapshotIds: string[] = []
  let checks = 0

  beforeAll(async () => {
    srv = await operatorServer([...STATE_TEAM, ...READERS.map(({ why: _why, ...u }) => u)])
    await srv.addArchiveCables([...ARCHIVE.map(archiveRecord), makeRecord({ key: '08HARARE10', subject: `${OPEN_MARKER} MATTERS`, text: `UNCLAS HARARE 0000\n\nSUBJECT: ${OPEN_MARKER}\n\n1. (U) Open.\n` })])
    const [dana, carl, abe] = await Promise.all(['dana', 'carl', 'abe'].map((u) => srv.login(u)))
    for (const m of MESSAGES) {
      const created = await dana.json(dana.post('/api/drafts', { telegram: telegram(m.level, m.caveat, m.marker), clearers: ['carl'] }), 201)
      expect(created.preview.errors).toEqual([])
      await carl.json(carl.post(`/api/drafts/${created.draft.id}/clear`))
      await abe.json(abe.post(`/api/drafts/${created.draft.id}/approve`))
      const released = await abe.json(abe.post(`/api/drafts/${created.draft.id}/release`))
      secrets.push({ marker: m.marker, id: released.cableId, level: m.rank, caveats: m.caveats, messaging: true })
    }
    // and one draft of each level left unreleased
    for (const m of MESSAGES) drafts.push((await dana.json(dana.post('/api/drafts', { telegram: telegram(m.level, m.caveat, `${m.marker}DRAFT`), clearers: ['carl'] }), 201)).draft.id)
    // let the server's worker deliver
    for (let i = 0; i < 100 && (await srv.deps.messaging!.ctx.store.delivery.pendingCount()) > 0; i++) await new Promise((r) => setTimeout(r, 50))
  }, 120_000)
  afterAll(async () => {
    console.log(`leak matrix over HTTP: ${checks} checks`)
    await srv.close()
  })

  /**
   * What a reader must never see, on every route alike (archive, research and messaging): cables above his
   * clearance (level and caveats), released cables not addressed to his post (none carries SIPDIS), and
   * drafts of another post or above his clearance.
   */
  function forbidden(reader: (typeof READERS)[number]): { markers: string[]; ids: string[]; hidden: Secret[] } {
    const level = LEVEL[reader.clearance]
    const held = reader.caveats ?? []
    const aboveClearance = (s: Secret) => s.level > level || s.caveats.some((c) => !held.includes(c))
    const notAddressed = (s: Secret) => s.messaging && reader.post !== 'AMEMBASSY DUSHANBE'
    const hidden = secrets.filter((s) => aboveClearance(s) || notAddressed(s))
    const draftMarkers = MESSAGES.filter((m) => m.rank > level || m.caveats.some((c) => !held.includes(c)) || reader.post !== 'SECSTATE WASHDC').map((m) => `${m.marker}DRAFT`)
    return { markers: [...hidden.map((s) => s.marker), ...draftMarkers], ids: hidden.map((s) => s.id), hidden }
  }

  /** Everything a user can get from every route, as text, with what each answer's counts must be. */
  async function responses(client: Client): Promise<{ route: string; status: number; body: string }[]> {
    const out: { route: string; status: number; body: string }[] = []
    const take = async (route: string, res: Promise<Response>) => {
      const r = await res
      out.push({ route, status: r.status, body: await r.text() })
    }
    const allIds = [...secrets.map((s) => s.id), '08HARARE10']
    const markerQueries = secrets.flatMap((s) => [s.marker.toLowerCase(), `subject:${s.marker.toLowerCase()}`, `origin:${s.marker}`, `tag:K${s.marker.slice(0, 3)}`])
    for (const q of ['*', 'file', 'review', 'class>=CONFIDENTIAL', ...markerQueries]) {
      for (const extra of ['&facets=1&histogram=day', '&facets=1&histogram=year&sort=date&limit=50']) await take(`search ${q}`, client.get(`/api/search?q=${encodeURIComponent(q)}${extra}`))
      await take(`export csv ${q}`, client.get(`/api/export?format=csv&q=${encodeURIComponent(q)}`))
      await take(`export jsonl ${q}`, client.get(`/api/export?format=jsonl&q=${encodeURIComponent(q)}`))
    }
    for (const id of allIds) {
      await take(`cable ${id}`, client.get(`/api/cables/${id}`))
      await take(`graph ${id}`, client.get(`/api/cables/${id}/graph?depth=3`))
      await take(`inbox read ${id}`, client.get(`/api/inbox/${id}`))
      await take(`ack ${id}`, client.post(`/api/inbox/${id}/ack`))
      // the research routes of one cable
      for (const r of ['versions', 'diff', 'route', 'redact?for=UNCLASSIFIED', 'redact?for=TOP%20SECRET,NOFORN,NODIS,EXDIS']) {
        await take(`${r.split('?')[0]} ${id}`, client.get(`/api/cables/${id}/${r}`))
      }
    }
    for (const q of ['*', ...secrets.map((s) => s.marker.toLowerCase())]) {
      // a snapshot repeats the query its saver typed: that echo is his own words, not a leak
      const own = (body: string) => body.replaceAll(`"query":"${q}"`, '"query":"(own query)"')
      const saved = await client.post('/api/snapshots', { query: q })
      const body = await saved.text()
      out.push({ route: `snapshot save ${q}`, status: saved.status, body: own(body) })
      expect(saved.status, body).toBe(200)
      const id = (JSON.parse(body) as { id: string }).id
      snapshotIds.push(id)
      for (const [route, path] of [[`snapshot ${q}`, `/api/snapshots/${id}`], [`snapshot verify ${q}`, `/api/snapshots/${id}/verify`]]) {
        const r = await client.get(path)
        out.push({ route, status: r.status, body: own(await r.text()) })
      }
    }
    await take('gaps', client.get('/api/gaps'))
    await take('people', client.get('/api/people?limit=10000'))
    // the signer of every telegram: his page lists only the cables the user may read
    await take('person CLINTON', client.get('/api/people/CLINTON'))
    // the drafter and clearer of every released telegram (people of the cables the user may read only)
    for (const who of ['DANA', 'CARL', 'ABE']) await take(`person ${who}`, client.get(`/api/people/${who}`))
    for (const format of ['json', 'dot', 'csv']) await take(`network ${format}`, client.get(`/api/network?format=${format}`))
    await take('stats', client.get('/api/stats'))
    await take('inbox', client.get('/api/inbox'))
    await take('subscriptions', client.get('/api/subscriptions'))
    await take('directory', client.get('/api/directory'))
    await take('session', client.get('/api/session'))
    await take('drafts', client.get('/api/drafts'))
    await take('audit', client.get('/api/audit'))
    await take('users', client.get('/api/users'))
    for (const id of drafts) {
      await take(`draft ${id}`, client.get(`/api/drafts/${id}`))
      await take(`draft lint ${id}`, client.post(`/api/drafts/${id}/lint`))
      for (const step of ['clear', 'approve', 'release']) await take(`draft ${step} ${id}`, client.post(`/api/drafts/${id}/${step}`))
      await take(`draft edit ${id}`, client.put(`/api/drafts/${id}`, { telegram: telegram('CONFIDENTIAL', null, 'EDIT') }))
    }
    // the event stream's first event: the whole inbox as the user may see it
    const events = await client.get('/api/events')
    const reader = events.body!.getReader()
    let text = ''
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value)
    await reader.cancel()
    out.push({ route: 'events', status: events.status, body: text })
    return out
  }

  for (const reader of READERS) {
    it(`should show ${reader.name} (${reader.why}) nothing above their clearance or outside their post`, async () => {
      await srv.deps.messaging!.ctx.store.auth.clearLoginFailures(`user:${reader.name}`)
      const client = await srv.login(reader.name)
      const f = forbidden(reader)
      const archiveHidden = f.hidden
      expect(f.markers.length).toBeGreaterThan(0)
      const answers = await responses(client)
      for (const a of answers) {
        expect(a.status, a.route).toBeLessThan(500)
        for (const m of f.markers) {
          expect(a.body.toUpperCase().includes(m), `${reader.name}: ${a.route} shows ${m}`).toBe(false)
          checks++
        }
        for (const id of f.ids) {
          // a forbidden id may only come back in a refusal that repeats the id the user asked for
          if (a.route.endsWith(` ${id}`) && a.status === 404) continue
          expect(a.body.includes(id), `${reader.name}: ${a.route} names ${id}`).toBe(false)
          checks++
        }
      }
      // counts: totals, facets, histograms and export rows cover exactly the visible cables
      const visible = (await srv.deps.archive.count(null)) - archiveHidden.length
      const all = JSON.parse(answers.find((a) => a.route === 'search *')!.body)
      expect(all.total).toBe(visible)
      expect(all.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(visible)
      expect(all.facets.year.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(visible)
      expect(all.facets.classification.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(visible)
      const rows = answers.find((a) => a.route === 'export jsonl *')!.body.trim().split('\n')
      expect(rows).toHaveLength(visible)
      const stats = JSON.parse(answers.find((a) => a.route === 'stats')!.body)
      expect(stats.cables).toBe(visible)
      checks += 6
      // a snapshot of a hidden marker holds nothing; another reader's snapshots open for nobody else
      for (const hiddenSecret of archiveHidden) {
        const snap = answers.find((a) => a.route === `snapshot save ${hiddenSecret.marker.toLowerCase()}`)!
        expect(JSON.parse(snap.body).count, `${reader.name}: snapshot of ${hiddenSecret.marker}`).toBe(0)
        checks++
      }
      const mine = new Set(answers.filter((a) => a.route.startsWith('snapshot save ')).map((a) => JSON.parse(a.body).id as string))
      for (const id of snapshotIds.filter((x) => !mine.has(x))) {
        // another user's snapshot answers exactly as an id nobody saved
        for (const path of [`/api/snapshots/${id}`, `/api/snapshots/${id}/verify`]) {
          const other = await client.get(path)
          expect(other.status, `${reader.name} opened another reader's snapshot ${id}`).toBe(404)
          expect(JSON.parse(await other.text()).detail).toBe(`no snapshot ${id}`)
          checks++
        }
      }
      // a hidden cable answers exactly as a cable that does not exist
      for (const s of archiveHidden) {
        const hidden = answers.find((a) => a.route === `cable ${s.id}`)!
        expect(hidden.status).toBe(404)
        expect(JSON.parse(hidden.body).detail).toBe(`${s.id} is not in the archive`)
        checks++
      }
    }, 120_000)
  }

  it('should let the cleared, addressed reader see what the others may not (the matrix can fail)', async () => {
    // olga (TOP SECRET, NOFORN, archive reader) reads every imported cable the others may not
    await srv.deps.messaging!.ctx.store.auth.clearLoginFailures('user:olga')
    const root = await srv.login('olga')
    const all = JSON.parse(await (await root.get('/api/search?q=*')).text())
    const olga = (await srv.deps.messaging!.ctx.store.directory.user('olga'))!
    expect(all.total).toBe(await srv.deps.archive.count(null, userAccess(olga)))
    expect(all.total).toBe(ARCHIVE.length + 1)
    expect(JSON.stringify(await (await root.get('/api/search?q=goldfincharc')).json())).toContain('GOLDFINCHARC')
    // nick (SECRET at Dushanbe) finds the drafter of the telegrams he may read, with those and no other
    await srv.deps.messaging!.ctx.store.auth.clearLoginFailures('user:nick')
    const nick = await srv.login('nick')
    const dana = await nick.json(nick.get('/api/people/DANA'))
    const released = (marker: string) => secrets.find((x) => x.marker === marker)!.id
    expect(dana.roles).toEqual(['drafter'])
    expect([...dana.cables].sort()).toEqual([released('HERONMSG'), released('PIKEMSG')].sort())
  })
})
