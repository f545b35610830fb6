import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CableViewSchema, GraphSchema, LintResultSchema, ParseResultSchema, SearchResultSchema, StatsSchema, TagMeaningsSchema } from '../../src/http/schemas.js'
import { ProblemSchema } from '../../src/http/problem.js'
import { publicArchive } from './archive-fixture.js'

let fx: Awaited<ReturnType<typeof publicArchive>>
beforeAll(async () => {
  fx = await publicArchive()
})
afterAll(async () => {
  await fx.close()
})

const get = (path: string, headers: Record<string, string> = {}) => fx.app.request(path, { headers })
const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fx.app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers })

async function problemOf(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = ProblemSchema.parse(await res.json())
  expect(body).toMatchObject({ status, code })
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|SQLITE|sqlite/i)
  return body
}

describe('archive routes (public mode)', () => {
  it('should search with sort, page, facets and a date histogram over the whole result', async () => {
    const res = await get('/api/search?q=uranium&sort=date&limit=2&facets=true&histogram=month')
    expect(res.status).toBe(200)
    const body = SearchResultSchema.parse(await res.json())
    expect(body.total).toBe(4)
    expect(body.hits.map((h) => h.key)).toEqual(['09STATE1', '09HARARE2'])
    expect(body.facets!.year).toEqual([{ value: '2009', count: 3 }, { value: '2010', count: 1 }])
    expect(body.facets!.caption).toEqual([{ value: 'NOFORN', count: 1 }])
    expect(body.histogram).toEqual([
      { value: '2009-01', count: 1 },
      { value: '2009-10', count: 1 },
      { value: '2009-12', count: 1 },
      { value: '2010-03', count: 1 },
    ])
    expect(body.hits[0].snippet).toContain('«uranium»')
    expect(body.hits[0].dateSource).toEqual({ basis: 'read', precision: 'day', from: ['dateline'] })
    const second = SearchResultSchema.parse(await (await get('/api/search?q=uranium&sort=date&limit=2&offset=2')).json())
    expect(second.hits.map((h) => h.key)).toEqual(['09HARARE3', '10LONDON5'])
    expect(second.facets).toBeUndefined()
  })

  it('should count captions like caption: selects them', async () => {
    const all = SearchResultSchema.parse(await (await get('/api/search?limit=0&facets=1')).json())
    expect(all.facets!.caption.length).toBeGreaterThan(0)
    for (const { value, count } of all.facets!.caption) {
      const narrowed = SearchResultSchema.parse(await (await get('/api/search?limit=0&q=' + encodeURIComponent(`caption:"${value}"`))).json())
      expect(narrowed.total).toBe(count)
    }
  })

  it('should give the TAGS table: codes with their meanings and kinds, in code order', async () => {
    const res = await get('/api/tags')
    expect(res.status).toBe(200)
    const { tags } = TagMeaningsSchema.parse(await res.json())
    expect(tags.find((t) => t.code === 'PREL')).toEqual({ code: 'PREL', meaning: 'External Political Relations', kinds: ['subject'] })
    // a code with an organization row without a meaning and a country row with one: the country's
    expect(tags.find((t) => t.code === 'AL')).toEqual({ code: 'AL', meaning: 'Albania', kinds: ['geographic'] })
    expect(tags.every((t) => t.meaning.trim() !== '')).toBe(true)
    const codes = tags.map((t) => t.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('should answer a bad query with QUERY_SYNTAX and its column', async () => {
    const body = await problemOf(await get('/api/search?q=' + encodeURIComponent('tag:"PREL')), 400, 'QUERY_SYNTAX')
    expect(body.column).toBeGreaterThan(0)
  })

  it('should refuse wrong parameter types with INVALID and the parameter name', async () => {
    const body = await problemOf(await get('/api/search?q=x&limit=lots'), 422, 'INVALID')
    expect(body.errors?.[0].path).toBe('limit')
    await problemOf(await get('/api/search?sort=sideways'), 422, 'INVALID')
    await problemOf(await get('/api/search?histogram=week'), 422, 'INVALID')
  })

  it('should show one cable with references resolved, cited-by, sources and lint findings', async () => {
    const res = await get('/api/cables/09HARARE2')
    expect(res.status).toBe(200)
    const view = CableViewSchema.parse(await res.json())
    expect(view.cable.subject).toBe('ELECTIONS')
    expect(view.references).toEqual([
      { letter: 'A', id: '09STATE1', text: 'STATE 1', kind: 'cable', cable: expect.objectContaining({ key: '09STATE1' }), datedAfter: false },
      // a memo is listed with its kind and links to no cable
      { letter: 'B', id: null, text: 'EMBASSY MEMO OF 9/30', kind: 'memo', cable: null, datedAfter: false },
    ])
    expect(view.cable.dateSource).toEqual({ basis: 'read', precision: 'day', from: ['dateline'] })
    const container = CableViewSchema.parse(await (await get('/api/cables/10LONDON4')).json())
    expect(container.cable.dateSource).toEqual({ basis: 'container', precision: 'minute', from: ['html:Created'] })
    expect(view.sources[0].locator).toBe('09HARARE2.txt')
    expect(Array.isArray(view.lint)).toBe(true)
    const cited = CableViewSchema.parse(await (await get('/api/cables/09STATE1')).json())
    expect(cited.citedBy.map((c) => c.key)).toEqual(['09HARARE2', '09HARARE3'])
    await problemOf(await get('/api/cables/99NOWHERE1'), 404, 'NOT_FOUND')
  })

  it('should give the reference graph both ways', async () => {
    const g = GraphSchema.parse(await (await get('/api/cables/09HARARE2/graph?depth=2')).json())
    expect(g.nodes.map((n) => n.key).sort()).toEqual(['09HARARE2', '09HARARE3', '09STATE1'])
    expect(g.edges).toContainEqual({ from: '09HARARE2', to: '09STATE1', letter: 'A' })
    expect(g.edges.every((e) => e.to !== null && !e.to.includes('MEMO'))).toBe(true)
    expect(g.documents).toEqual([{ letter: 'B', kind: 'memo', text: 'EMBASSY MEMO OF 9/30' }])
    await problemOf(await get('/api/cables/09HARARE2/graph?depth=9'), 422, 'INVALID')
    await problemOf(await get('/api/cables/99NOWHERE1/graph'), 404, 'NOT_FOUND')
  })

  it('should give stats', async () => {
    const s = StatsSchema.parse(await (await get('/api/stats')).json())
    expect(s.cables).toBe(5)
    expect(s.byYear).toEqual([{ value: '2009', count: 3 }, { value: '2010', count: 2 }])
  })

  it('should export a whole result set as CSV or JSON Lines, by ?format= or Accept', async () => {
    const csv = await get('/api/export?q=uranium')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('x-total-count')).toBe('4')
    const lines = (await csv.text()).trim().split('\n')
    expect(lines[0]).toBe('id,date,date_source,origin,classification,subject,tags,score,snippet')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['09STATE1', '09HARARE2', '09HARARE3', '10LONDON5'])
    expect(lines[1].split(',')[2]).toBe('read day dateline')
    const jsonl = await get('/api/export?q=*&sort=date-desc', { accept: 'application/jsonl' })
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/jsonl/)
    const rows = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(rows.map((r) => r.key)).toEqual(['10LONDON5', '10LONDON4', '09HARARE3', '09HARARE2', '09STATE1'])
    expect(rows[1].dateSource).toEqual({ basis: 'container', precision: 'minute', from: ['html:Created'] })
    // snippets on request: the query's words marked in each row, as `cable search` gives them
    const plain = (await (await get('/api/export?q=uranium&format=jsonl')).text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(plain.every((r) => r.snippet === undefined)).toBe(true)
    const withSnippets = (await (await get('/api/export?q=uranium&format=jsonl&snippets=1')).text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(withSnippets).toHaveLength(4)
    for (const r of withSnippets) expect(r.snippet.toLowerCase()).toContain('«uranium»')
    const quoted = await (await get('/api/export?q=banking&format=csv')).text()
    expect(quoted).toContain('"BANKING, ""QUOTED"""')
    await problemOf(await get('/api/export?q=x', { accept: 'image/png' }), 406, 'NOT_ACCEPTABLE')
    await problemOf(await get('/api/export?q=(', {}), 400, 'QUERY_SYNTAX')
  })

  it('should export more rows than one chunk, streamed whole', async () => {
    const big = await publicArchive()
    const { makeRecord } = await import('../store/make-record.js')
    const many = Array.from({ length: 3000 }, (_, i) => makeRecord({ key: `08BULK${i + 1}`, subject: `BULK ${i} ${'X'.repeat(40)}` }))
    await big.deps.archive.upsertCables(many)
    const text = await (await big.app.request('/api/export?q=*&format=jsonl')).text()
    expect(text.trim().split('\n')).toHaveLength(3005)
    await big.close()
  })

  it('should parse and lint a posted text without storing it', async () => {
    const text = 'UNCLAS HARARE 000009\n\nSUBJECT: TEST\n\n1. Body.\n'
    const parsed = ParseResultSchema.parse(await (await post('/api/parse', { text })).json())
    expect(parsed.fields['subject']).toBe('TEST')
    const linted = LintResultSchema.parse(await (await post('/api/lint', { text, mode: 'compose' })).json())
    expect(linted.errors).toBeGreaterThan(0)
    expect(linted.messages[0]).toMatchObject({ ruleId: expect.any(String), line: expect.any(Number), column: expect.any(Number) })
    expect((await (await get('/api/stats')).json()).cables).toBe(5)
  })

  it('should refuse malformed JSON, wrong types, huge bodies and unknown routes with problems', async () => {
    await problemOf(await post('/api/parse', '{"text": '), 400, 'MALFORMED')
    const wrong = await problemOf(await post('/api/lint', { text: 42 }), 422, 'INVALID')
    expect(wrong.errors?.[0].path).toBe('text')
    await problemOf(await post('/api/lint', { text: 'x', mode: 'loose' }), 422, 'INVALID')
    await problemOf(await post('/api/parse', { text: 'A'.repeat(100 * 1024) }), 413, 'PAYLOAD_TOO_LARGE')
    await problemOf(await get('/api/nothing-here'), 404, 'NOT_FOUND')
    await problemOf(await post('/api/stats', {}), 404, 'NOT_FOUND')
    // messaging and login routes do not exist in public mode
    await problemOf(await post('/api/session', { user: 'a', password: 'b' }), 404, 'NOT_FOUND')
    await problemOf(await get('/api/inbox'), 404, 'NOT_FOUND')
  })

  it('should describe itself in OpenAPI 3.1 and a reference page', async () => {
    const doc = await (await get('/api/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    for (const path of ['/api/search', '/api/cables/{id}', '/api/cables/{id}/graph', '/api/stats', '/api/export', '/api/parse', '/api/lint']) expect(doc.paths[path]).toBeDefined()
    expect(doc.components.schemas.Problem).toBeDefined()
    const page = await get('/api/docs')
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('/api/cables/{id}/graph')
    expect(html).not.toMatch(/<script/)
  })

  it('should check every JSON response against its route\'s schema (the OpenAPI document cannot drift)', async () => {
    const { createRoute, z } = await import('@hono/zod-openapi')
    const drifting = await publicArchive({}, [
      (app) =>
        app.openapi(createRoute({ method: 'get', path: '/api/drift', responses: { 200: { description: 'x', content: { 'application/json': { schema: z.object({ n: z.number() }) } } } } }), (c) =>
          c.json({ n: 'one' } as unknown as { n: number }, 200),
        ),
    ])
    const res = await drifting.app.request('/api/drift')
    expect(res.status).toBe(500)
    expect((await res.json()).detail).toMatch(/n: /)
    expect(drifting.logs.some((l) => l.startsWith('response check: GET /api/drift 200'))).toBe(true)
    await drifting.close()
  })

  it('should refuse to serve an operator\'s database publicly', async () => {
    const { freshContext } = await import('../messaging/fixtures.js')
    const { openServer } = await import('../../src/http/open-server.js')
    const env = await freshContext()
    await expect(openServer({ location: env.path, public: true, log: () => {} })).rejects.toThrow(/never served publicly/)
    await env.cleanup()
  })

  it('should log one line per request with method, path, status, ms and user', async () => {
    fx.logs.length = 0
    await get('/api/stats')
    expect(fx.logs).toEqual([expect.stringMatching(/^GET \/api\/stats 200 \d+\.\dms -$/)])
  })

  it('should serve the web app\'s files at / when its folder exists, index.html for client routes', async () => {
    const dir = join(fx.dir, 'web')
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Cablegram</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    const web = await publicArchive({ staticDir: dir })
    expect(await (await web.app.request('/')).text()).toContain('<title>Cablegram</title>')
    expect(await (await web.app.request('/assets/app.js')).text()).toBe('console.log(1)')
    expect(await (await web.app.request('/cables/09STATE1')).text()).toContain('<title>Cablegram</title>')
    expect((await web.app.request('/assets/missing.js')).status).toBe(404)
    expect((await web.app.request('/api/stats')).status).toBe(200)
    await web.close()
    expect((await get('/')).status).toBe(404)
  })
})
