import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/http/problem.js'
import { HAS_SEED, SEED_PATH, STATE_TEAM } from '../messaging/fixtures.js'
import { Client, operatorServer, PASSWORD } from './operator-server.js'

const SYNTHETIC = readFileSync(new URL('./fixtures/ministers-meeting.txt', import.meta.url), 'utf8')

const USERS = [
  ...STATE_TEAM,
  { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader' as const], clearance: 'SBU' },
  { name: 'uma', post: 'AMCONSUL MUMBAI', roles: ['reader' as const], clearance: 'SBU' },
  { name: 'ulla', post: 'AMEMBASSY DUSHANBE', roles: ['reader' as const], clearance: 'UNCLASSIFIED' },
  { name: 'otto', post: 'AMEMBASSY OTTAWA', roles: ['reader' as const, 'archive-reader' as const], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
]

async function problemOf(res: Response | Promise<Response>, status: number, code: string) {
  const r = await res
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toBe('application/problem+json')
  const body = ProblemSchema.parse(await r.json())
  expect(body.code).toBe(code)
  return { body, res: r }
}

/** Reads Server-Sent Events from a streaming response until `until` accepts one. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, until: (e: { event: string; data: string }) => boolean, buffer = { text: '' }, timeoutMs = 15_000) {
  const decoder = new TextDecoder()
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let end: number
    while ((end = buffer.text.indexOf('\n\n')) >= 0) {
      const block = buffer.text.slice(0, end)
      buffer.text = buffer.text.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
      const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n')
      if (data && until({ event, data })) return { event, data }
    }
    if (Date.now() > deadline) throw new Error('no such event in time')
    const { value, done } = await reader.read()
    if (done) throw new Error('stream ended')
    buffer.text += decoder.decode(value, { stream: true })
  }
}

const scenarios = [{ name: 'synthetic cable (test/http/fixtures)', text: () => SYNTHETIC }, ...(HAS_SEED ? [{ name: 'the seed 09STATE99704', text: () => readFileSync(SEED_PATH, 'utf8') }] : [])]

describe.each(scenarios)('seed scenario over HTTP only: $name', ({ text }) => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  beforeAll(async () => {
    // the seed's day (its E.O. 12958 line was in force then), moving on in real time for the worker's leases
    const start = Date.parse('2009-09-24T19:36:00Z')
    const t0 = Date.now()
    srv = await operatorServer(USERS, { now: () => new Date(start + Date.now() - t0) })
  }, 60_000)
  afterAll(() => srv.close())

  it('should compose, clear, approve and release; Dushanbe gets it as action IMMEDIATE by SSE, Mumbai as info; an uncleared reader sees nothing', async () => {
    const [dana, carl, cleo, abe, dora, uma, ulla, otto] = await Promise.all(['dana', 'carl', 'cleo', 'abe', 'dora', 'uma', 'ulla', 'otto'].map((u) => srv.login(u)))
    // Dushanbe's reader listens before the release
    const events = await dora.get('/api/events')
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = events.body!.getReader()
    const buffer = { text: '' }
    expect(JSON.parse((await nextEvent(reader, (e) => e.event === 'inbox', buffer)).data)).toEqual([])
    const ullaEvents = await ulla.get('/api/events')
    const ullaReader = ullaEvents.body!.getReader()
    const ullaBuffer = { text: '' }
    await nextEvent(ullaReader, (e) => e.event === 'inbox', ullaBuffer)

    // clearers beside telegram text are read as a structured draft's: a non-name is refused with its path, never coerced
    const odd = await problemOf(dana.post('/api/drafts', { telegram: text(), clearers: ['carl', { name: 'cleo' }] }), 422, 'INVALID')
    expect(odd.body.detail).toContain('clearers[1]')
    expect(odd.body.detail).not.toContain('[object Object]')
    const created = await dana.json(dana.post('/api/drafts', { telegram: text(), clearers: ['carl', 'cleo'] }), 201)
    const id = created.draft.id
    expect(created.draft.originPost).toBe('SECSTATE WASHDC')
    expect(created.preview.errors).toEqual([])
    const lint = await dana.json(dana.post(`/api/drafts/${id}/lint`))
    expect(lint.errors).toBe(0)
    // lint lists every error that blocks the draft, the readback's included (a paragraph read back as a signature)
    const stuck = await dana.json(dana.post('/api/drafts', { precedence: 'ROUTINE', to: ['AMEMBASSY DUSHANBE'], classification: 'UNCLASSIFIED', eo: { order: '13526', declassify: 'N/A' }, tags: ['PREL'], subject: { marking: 'U', text: 'HELLO TEST' }, body: ['Hello.'], clearers: ['carl'] }), 201)
    expect(stuck.preview.errors.length).toBeGreaterThan(0)
    const stuckLint = await dana.json(dana.post(`/api/drafts/${stuck.draft.id}/lint`))
    expect(stuckLint.errors).toBe(stuck.preview.errors.length)
    expect(stuckLint.messages.filter((m: { severity: string }) => m.severity === 'error').map((m: { ruleId: string; message: string }) => [m.ruleId, m.message]).sort()).toEqual(
      stuck.preview.errors.map((e: { rule: string; message: string }) => [e.rule, e.message]).sort(),
    )
    await problemOf(abe.post(`/api/drafts/${id}/approve`), 409, 'OUT_OF_ORDER')
    await carl.json(carl.post(`/api/drafts/${id}/clear`))
    await cleo.json(cleo.post(`/api/drafts/${id}/clear`))
    expect((await abe.json(abe.post(`/api/drafts/${id}/approve`))).state).toBe('approved')
    const released = await abe.json(abe.post(`/api/drafts/${id}/release`))
    expect(released.cableId).toBe('09STATE1')
    expect(released.mrn).toBe('STATE 000001')
    expect(released.deliveries).toContainEqual({ post: 'AMEMBASSY DUSHANBE', role: 'action', precedence: 'IMMEDIATE' })

    // pushed to Dushanbe's reader by SSE once the server's worker delivers it
    const pushed = await nextEvent(reader, (e) => e.event === 'inbox' && JSON.parse(e.data).length > 0, buffer)
    expect(JSON.parse(pushed.data).map((i: { cableId: string; role: string; precedence: string }) => [i.cableId, i.role, i.precedence])).toEqual([[released.cableId, 'action', 'IMMEDIATE']])
    await reader.cancel()

    const umaInbox = await uma.json(uma.get('/api/inbox'))
    expect(umaInbox.map((i: { role: string }) => i.role)).toEqual(['info'])
    const read = await dora.json(dora.get(`/api/inbox/${released.cableId}`))
    expect(read.text).toBe(released.text)
    expect((await dora.json(dora.post(`/api/inbox/${released.cableId}/ack`))).acknowledged).toBe(true)

    // the uncleared reader at the same post, and a cleared reader at a post not addressed, see nothing
    expect(await ulla.json(ulla.get('/api/inbox'))).toEqual([])
    const hidden = await problemOf(ulla.get(`/api/inbox/${released.cableId}`), 404, 'NOT_FOUND')
    expect(hidden.body.detail).not.toMatch(/SBU|SENSITIVE|cleared/i)
    expect(await otto.json(otto.get('/api/inbox'))).toEqual([])
    // a cleared reader at a post not addressed gets nothing delivered, yet may read a SIPDIS cable on request:
    // SIPDIS opens a cable to cleared users anywhere (the need-to-know rule, docs/messaging.md)
    expect((await otto.get(`/api/inbox/${released.cableId}`)).status).toBe(200)
    // ulla's stream never carried it: its next event (if any) is still empty; wait past a poll
    await new Promise((r) => setTimeout(r, 1500))
    await ullaReader.cancel()
    expect(ullaBuffer.text).not.toContain(released.cableId)
  }, 60_000)
})

describe('sessions, tokens and bad input', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  let clock = Date.parse('2026-03-14T09:00:00Z')
  beforeAll(async () => {
    srv = await operatorServer(USERS, {
      now: () => new Date(clock),
      loginPolicy: { sessionMs: 60 * 60 * 1000, failuresPerUserAddress: 3, firstDelayMs: 1000, maxDelayMs: 4000, failuresPerAddress: 7, failureWindowMs: 10 * 60 * 1000 },
      readLimits: { reads: 3, exports: 2, windowMs: 60 * 60 * 1000 },
      deliver: false,
    })
  }, 60_000)
  afterAll(() => srv.close())

  it('should set an HttpOnly SameSite=Strict cookie and demand the CSRF token on state-changing requests', async () => {
    const anon = new Client(srv.app)
    await problemOf(anon.get('/api/search?q=x'), 401, 'UNAUTHENTICATED')
    await problemOf(anon.get('/api/inbox'), 401, 'UNAUTHENTICATED')
    // the TAGS table is served like the archive routes: to a principal, which an anonymous caller is not here
    await problemOf(anon.get('/api/tags'), 401, 'UNAUTHENTICATED')
    const res = await anon.post('/api/session', { user: 'dana', password: PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const who = await res.json()
    expect(who).toMatchObject({ user: 'dana', post: 'SECSTATE WASHDC', clearance: 'SECRET', via: 'session' })
    anon.csrf = ''
    const before = await srv.deps.messaging!.ctx.store.workflow.draftIds({})
    await problemOf(anon.post('/api/drafts', { telegram: SYNTHETIC }), 403, 'CSRF')
    await problemOf(anon.post('/api/drafts', { telegram: SYNTHETIC }, { 'x-csrf-token': 'wrong' }), 403, 'CSRF')
    expect(await srv.deps.messaging!.ctx.store.workflow.draftIds({})).toEqual(before)
    anon.csrf = who.csrf
    expect((await anon.json(anon.get('/api/session'))).csrf).toBe(who.csrf)
    await anon.json(anon.post('/api/drafts', { telegram: SYNTHETIC, clearers: ['carl'] }), 201)
    expect((await anon.del('/api/session')).status).toBe(204)
    await problemOf(anon.get('/api/session'), 401, 'UNAUTHENTICATED')
  })

  it('should end sessions when they expire or are revoked', async () => {
    const dora = await srv.login('dora')
    clock += 61 * 60 * 1000
    const expired = await problemOf(dora.get('/api/inbox'), 401, 'UNAUTHENTICATED')
    expect(expired.body.detail).toMatch(/expired or ended/)
    const again = await srv.login('dora')
    const inbox = await again.get('/api/inbox')
    expect(inbox.headers.get('cache-control')).toBe('no-store')
    expect(inbox.headers.get('x-content-type-options')).toBe('nosniff')
    const stream = (await again.get('/api/events')).body!.getReader()
    const buffer = { text: '' }
    await nextEvent(stream, (e) => e.event === 'inbox', buffer)
    const root = await srv.login('root')
    expect((await root.json(root.del('/api/users/dora/sessions'))).revoked).toBe(1)
    await problemOf(again.get('/api/inbox'), 401, 'UNAUTHENTICATED')
    // an open event stream ends too
    const end = await nextEvent(stream, (e) => e.event === 'end', buffer)
    expect(JSON.parse(end.data).reason).toMatch(/expired or ended/)
  })

  it('should throttle failed logins per user and address with a growing delay, never lock the user out, limit each address, and audit it', async () => {
    const from = (address: string) => Object.assign(new Client(srv.app), { address })
    const guesser = from('127.0.0.66')
    const wrong = (c: Client, user = 'uma') => problemOf(c.post('/api/session', { user, password: 'wrong password!' }), 401, 'UNAUTHENTICATED')
    const throttled = async (c: Client, user = 'uma', headers?: Record<string, string>) => Number((await problemOf(c.post('/api/session', { user, password: PASSWORD }, headers), 429, 'RATE_LIMITED')).res.headers.get('retry-after'))
    for (let i = 0; i < 3; i++) await wrong(guesser)
    // the guessing address waits, even with the right password, and a forwarded-for header does not change who it is
    expect(await throttled(guesser)).toBe(1)
    expect(await throttled(guesser, 'uma', { 'x-forwarded-for': '127.0.0.77' })).toBe(1)
    // the user is not locked out: the right password from another address logs her in
    const owner = from('127.0.0.77')
    await owner.json(owner.post('/api/session', { user: 'uma', password: PASSWORD }))
    // the wait grows with each further failure: 1 s, 2 s, 4 s, then no longer than the policy's 4 s
    clock += 1000
    await wrong(guesser)
    expect(await throttled(guesser)).toBe(2)
    clock += 2000
    await wrong(guesser)
    expect(await throttled(guesser)).toBe(4)
    clock += 4000
    await wrong(guesser)
    expect(await throttled(guesser)).toBe(4)
    // other user names from the same address meet the overall limit of the address (7 failures)
    await wrong(guesser, 'nobody')
    expect(await throttled(guesser, 'otto')).toBeGreaterThan(60)
    await from('127.0.0.77').json(from('127.0.0.77').post('/api/session', { user: 'otto', password: PASSWORD }))
    // failures age out of the window: the address may try again, and the right password clears its pair
    clock += 11 * 60 * 1000
    await guesser.json(guesser.post('/api/session', { user: 'uma', password: PASSWORD }))
    const root = await srv.login('root')
    const refused = await root.json(root.get('/api/audit?action=login&outcome=refused'))
    expect(refused.filter((e: { actor: string; detail: string }) => e.actor === 'uma' && e.detail === 'rate limited from 127.0.0.66').length).toBe(5)
    expect(refused.some((e: { detail: string }) => e.detail === 'wrong password from 127.0.0.66')).toBe(true)
    expect(refused.some((e: { detail: string }) => /from 127\.0\.0\.77/.test(e.detail))).toBe(false)
  })

  it('should accept API tokens as Bearer, shown once and stored hashed, until revoked or expired', async () => {
    const dora = await srv.login('dora')
    const made = await dora.json(dora.post('/api/tokens', { label: 'script', expiresInDays: 1 }), 201)
    expect(made.token).toMatch(/^cgt_/)
    const script = new Client(srv.app, made.token)
    expect((await script.json(script.get('/api/session'))).via).toBe('token')
    // a token needs no CSRF header: it is not sent by browsers on their own
    expect((await script.json(script.post('/api/subscriptions', { kind: 'tag', value: 'PREL' }), 204))).toBeNull()
    // a stolen token can neither mint another (unexpiring) token nor take the account by setting its password
    await problemOf(script.post('/api/tokens', { label: 'forever' }), 403, 'FORBIDDEN')
    await problemOf(script.put('/api/users/dora/password', { password: 'a password the thief chose' }), 403, 'FORBIDDEN')
    await problemOf(script.put('/api/users/dora/password', { password: 'a password the thief chose', currentPassword: 'a guess at the old one' }), 403, 'FORBIDDEN')
    await problemOf(dora.put('/api/users/dora/password', { password: 'a password the thief chose' }), 403, 'FORBIDDEN')
    const listed = await dora.json(dora.get('/api/tokens'))
    expect(JSON.stringify(listed)).not.toContain(made.token)
    const raw = JSON.stringify(await srv.deps.messaging!.ctx.store.auth.tokens('dora'))
    expect(raw).not.toContain(made.token)
    // another user's token is, to dora, as absent as one that never existed; sessions of nobody are not found
    const dana = await srv.login('dana')
    const danas = await dana.json(dana.post('/api/tokens', { label: 'dana script' }), 201)
    expect((await problemOf(dora.del(`/api/tokens/${danas.id}`), 404, 'NOT_FOUND')).body.detail).toBe(`no open API token ${danas.id}`)
    expect((await problemOf(dora.del('/api/tokens/99999'), 404, 'NOT_FOUND')).body.detail).toBe('no open API token 99999')
    expect((await dana.del(`/api/tokens/${danas.id}`)).status).toBe(204)
    const root = await srv.login('root')
    await problemOf(root.del('/api/users/ghost/sessions'), 404, 'NOT_FOUND')
    expect((await dora.del(`/api/tokens/${made.id}`)).status).toBe(204)
    await problemOf(script.get('/api/session'), 401, 'UNAUTHENTICATED')
    await problemOf(new Client(srv.app, 'cgt_forged').get('/api/inbox'), 401, 'UNAUTHENTICATED')
    // with her current password she changes it (every session ends), then changes it back the same way
    expect((await dora.put('/api/users/dora/password', { password: 'dora chose a new one', currentPassword: PASSWORD })).status).toBe(204)
    const again = new Client(srv.app)
    again.csrf = (await again.json(again.post('/api/session', { user: 'dora', password: 'dora chose a new one' }))).csrf
    expect((await again.put('/api/users/dora/password', { password: PASSWORD, currentPassword: 'dora chose a new one' })).status).toBe(204)
    const redo = await srv.login('dora')
    const made2 = await redo.json(redo.post('/api/tokens', { label: 'script', expiresInDays: 1 }), 201)
    expect(made2.token).toMatch(/^cgt_/)
    await redo.del(`/api/tokens/${made2.id}`)
  })

  it('should refuse malformed JSON, wrong types, huge bodies and unknown routes, storing nothing', async () => {
    const dana = await srv.login('dana')
    const before = (await srv.deps.messaging!.ctx.store.workflow.draftIds({})).length
    await problemOf(dana.post('/api/drafts', '{"telegram": '), 400, 'MALFORMED')
    // a body sent as a form or as text (curl -d without a content type) is named, never a 500
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await problemOf(dana.post('/api/drafts', '{"telegram": "x"}', { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE')
      expect(res.body.detail).toContain(type)
    }
    const anon = new Client(srv.app)
    await problemOf(anon.post('/api/session', '{"user":"dora","password":"x"}', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    await problemOf(dana.post('/api/drafts', [1, 2]), 422, 'INVALID')
    const wrong = await problemOf(dana.post('/api/drafts', { precedence: 'SOON', subject: 'X', to: 'AMEMBASSY DUSHANBE' }), 422, 'INVALID')
    expect(wrong.body.detail).toMatch(/precedence/)
    await problemOf(dana.post('/api/drafts', { telegram: 'X'.repeat(2 * 1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE')
    await problemOf(dana.get('/api/drafts/abc'), 422, 'INVALID')
    await problemOf(dana.get('/api/drafts/99999'), 404, 'NOT_FOUND')
    await problemOf(dana.get('/api/nowhere'), 404, 'NOT_FOUND')
    await problemOf(dana.get('/api/search?q=' + encodeURIComponent('(tag:PREL')), 400, 'QUERY_SYNTAX')
    await problemOf(dana.post('/api/session', { user: 42 }), 422, 'INVALID')
    expect((await srv.deps.messaging!.ctx.store.workflow.draftIds({})).length).toBe(before)
  })

  it('should list every INVALID problem as errors [{path, message}], from the schemas and from the service alike', async () => {
    const dana = await srv.login('dana')
    const root = await srv.login('root')
    const shape = (body: Record<string, unknown>) => {
      expect(body.details).toBeUndefined()
      expect(Array.isArray(body.errors) && (body.errors as unknown[]).length > 0).toBe(true)
      return body.errors as { path: string; message: string }[]
    }
    // the service's draft validation: each problem at its field path
    const draft = await problemOf(dana.post('/api/drafts', { precedence: 'SOON', to: ['AMEMBASSY DUSHANBE'], classification: 'UNCLASSIFIED', subject: { marking: 'U', text: 'X' }, body: ['Hello.'], clearers: ['carl'] }), 422, 'INVALID')
    expect(shape(draft.body)).toContainEqual({ path: 'precedence', message: expect.stringContaining('SOON') })
    // the service's clearer checks
    const clearers = await problemOf(dana.post('/api/drafts', { precedence: 'ROUTINE', to: ['AMEMBASSY DUSHANBE'], classification: 'UNCLASSIFIED', eo: { order: '13526', declassify: 'N/A' }, tags: ['PREL'], subject: { marking: 'U', text: 'X' }, body: ['Hello.'], signature: ['DOE'], clearers: ['dora'] }), 422, 'INVALID')
    expect(shape(clearers.body)).toContainEqual({ path: 'clearers[0]', message: 'dora does not hold the clearer role' })
    // the directory's user validation
    const user = await problemOf(root.put('/api/users/mallory', { post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'SECRET//NOFORN' }), 422, 'INVALID')
    expect(shape(user.body)).toContainEqual({ path: 'clearance', message: expect.stringContaining('give the caveats apart') })
    // a refusal about the request as a whole has the empty path
    const password = await problemOf(dana.put('/api/users/dana/password', { password: 'short', currentPassword: PASSWORD }), 422, 'INVALID')
    expect(shape(password.body)).toEqual([{ path: '', message: expect.stringContaining('at least') }])
    // the schemas' own, as before
    expect(shape((await problemOf(dana.post('/api/session', { user: 42 }), 422, 'INVALID')).body)[0].path).toBe('user')
  })

  it('should refuse a query parameter a route does not take with 400 naming it', async () => {
    const dana = await srv.login('dana')
    const unknown = await problemOf(dana.get('/api/drafts?sate=draft'), 400, 'UNKNOWN_PARAMETER')
    expect(unknown.body.errors).toEqual([{ path: 'sate', message: expect.stringContaining('unknown query parameter') }])
    expect(unknown.body.detail).toContain('"sate"')
    const inbox = await problemOf(dana.get('/api/inbox?unacknowledged=1&limit=5'), 400, 'UNKNOWN_PARAMETER')
    expect(inbox.body.errors).toEqual([{ path: 'limit', message: 'unknown query parameter; known here: unacknowledged' }])
    // the declared ones still work, and the route's documentation lists the 400
    expect((await dana.get('/api/inbox?unacknowledged=1')).status).toBe(200)
    const doc = await dana.json(dana.get('/api/openapi.json'))
    expect(doc.paths['/api/inbox'].get.responses['400']).toBeDefined()
  })

  it('should edit a draft (drafter only, before approval), voiding earlier clearances', async () => {
    const [dana, carl, cleo] = await Promise.all(['dana', 'carl', 'cleo'].map((u) => srv.login(u)))
    // this server's clock is in 2026, when E.O. 13526 governs
    const text = SYNTHETIC.replace('E.O. 12958', 'E.O. 13526')
    const created = await dana.json(dana.post('/api/drafts', { telegram: text, clearers: ['carl'] }), 201)
    const id = created.draft.id
    await carl.json(carl.post(`/api/drafts/${id}/clear`))
    expect((await dana.json(dana.get(`/api/drafts/${id}`))).draft.cleared).toEqual(['carl'])
    const edited = await dana.json(dana.put(`/api/drafts/${id}`, { telegram: text.replace('MEETS A VISITING MINISTER', 'MEETS TWO VISITING MINISTERS'), clearers: ['carl', 'cleo'] }))
    expect(edited.draft.fields.subject.text).toContain('MEETS TWO VISITING MINISTERS')
    expect(edited.preview.text.replace(/\s+/g, ' ')).toContain('MEETS TWO VISITING MINISTERS')
    // each addressee line as the header prints it, with the precedence it resolved to
    expect(edited.preview.addressees).toEqual([
      { role: 'action', name: 'AMEMBASSY DUSHANBE', precedence: 'IMMEDIATE', collective: false, excluded: [] },
      { role: 'info', name: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', precedence: 'IMMEDIATE', collective: true, excluded: [] },
    ])
    expect(edited.draft.cleared).toEqual([])
    expect(edited.draft.clearers).toEqual(['carl', 'cleo'])
    await problemOf(carl.put(`/api/drafts/${id}`, { telegram: SYNTHETIC }), 403, 'FORBIDDEN')
    const listed = await cleo.json(cleo.get('/api/drafts'))
    expect(listed.map((d: { id: number }) => d.id)).toContain(id)
  })

  it('should keep users and audit for admins', async () => {
    const dora = await srv.login('dora')
    await problemOf(dora.get('/api/users'), 403, 'FORBIDDEN')
    await problemOf(dora.get('/api/audit'), 403, 'FORBIDDEN')
    const root = await srv.login('root')
    const users = await root.json(root.get('/api/users'))
    expect(users.map((u: { name: string }) => u.name)).toContain('dora')
    const made = await root.json(root.put('/api/users/vera', { post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'CONFIDENTIAL' }))
    expect(made).toMatchObject({ name: 'vera', clearance: 'CONFIDENTIAL' })
    // what GET gives, PUT takes back unchanged
    const listedVera = (await root.json(root.get('/api/users'))).find((u: { name: string }) => u.name === 'vera')
    const { name: _n, ...writable } = listedVera
    expect(await root.json(root.put('/api/users/vera', writable))).toMatchObject({ name: 'vera', clearance: 'CONFIDENTIAL' })
    expect((await root.request('PUT', '/api/users/vera/password', { password: 'short' })).status).toBe(422)
    expect((await root.request('PUT', '/api/users/vera/password', { password: 'a long enough passphrase' })).status).toBe(204)
    // the admin's password is temporary: no session until vera chooses her own, in the same request
    const vera = new Client(srv.app)
    await problemOf(vera.post('/api/session', { user: 'vera', password: 'a long enough passphrase' }), 403, 'PASSWORD_CHANGE_REQUIRED')
    await problemOf(vera.post('/api/session', { user: 'vera', password: 'a long enough passphrase', newPassword: 'a long enough passphrase' }), 422, 'INVALID')
    await problemOf(vera.post('/api/session', { user: 'vera', password: 'a long enough passphrase', newPassword: 'short' }), 422, 'INVALID')
    await problemOf(vera.post('/api/session', { user: 'vera', password: 'not the passphrase', newPassword: 'vera chose this one' }), 401, 'UNAUTHENTICATED')
    await vera.json(vera.post('/api/session', { user: 'vera', password: 'a long enough passphrase', newPassword: 'vera chose this one' }))
    await vera.json(new Client(srv.app).post('/api/session', { user: 'vera', password: 'vera chose this one' }))
    await problemOf(new Client(srv.app).post('/api/session', { user: 'vera', password: 'a long enough passphrase' }), 401, 'UNAUTHENTICATED')
    const dir = await dora.json(dora.get('/api/directory'))
    expect(dir.posts.some((p: { plad: string }) => p.plad === 'AMEMBASSY DUSHANBE')).toBe(true)
    expect(dir.collectives.some((c: { plad: string }) => c.plad === 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE')).toBe(true)
    const subs = await dora.json(dora.get('/api/subscriptions'))
    expect(subs.subscriptions).toEqual([{ kind: 'tag', value: 'PREL' }])
    expect((await dora.del('/api/subscriptions/tag/PREL')).status).toBe(204)
    await problemOf(dora.del('/api/subscriptions/tag/PREL'), 404, 'NOT_FOUND')
  })

  it('should refuse bulk reads past the limit with 429 until the window passes, and alert the admins', async () => {
    const root = await srv.login('root')
    const otto = await srv.login('otto')
    // exports: 2 cables per window; the archive here holds the drafts' released cables only, so export a search of every cable
    const { makeRecord } = await import('../store/make-record.js')
    await srv.addArchiveCables([makeRecord({ key: '09GUARD1' }), makeRecord({ key: '09GUARD2' }), makeRecord({ key: '09GUARD3' })])
    await problemOf(otto.get('/api/export?q=*'), 429, 'RATE_LIMITED')
    for (let i = 1; i <= 3; i++) expect((await otto.get(`/api/cables/09GUARD${i}`)).status).toBe(200)
    const over = await problemOf(otto.get('/api/cables/09GUARD1'), 429, 'RATE_LIMITED')
    expect(Number(over.res.headers.get('retry-after'))).toBeGreaterThan(0)
    await problemOf(otto.get('/api/cables/09GUARD2'), 429, 'RATE_LIMITED')
    const alerts = await root.json(root.get('/api/audit?alerts=1'))
    expect(alerts.map((a: { actor: string; detail: string }) => [a.actor, a.detail.split(':')[0]])).toEqual([
      ['otto', 'export'],
      ['otto', 'read'],
    ])
    clock += 61 * 60 * 1000
    const fresh = await srv.login('otto')
    expect((await fresh.get('/api/cables/09GUARD1')).status).toBe(200)
  })
})
