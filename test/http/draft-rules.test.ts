import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/http/problem.js'
import { releaseDraft } from '../../src/messaging/index.js'
import { STATE_TEAM } from '../messaging/fixtures.js'
import { operatorServer } from './operator-server.js'

/** A JSON draft over HTTP goes through the same service rules as a YAML file (src/messaging/draft-input.ts). */
describe('draft input rules over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  beforeAll(async () => {
    srv = await operatorServer(STATE_TEAM, { now: () => new Date('2026-03-14T09:00:00Z'), deliver: false })
  }, 60_000)
  afterAll(() => srv.close())

  const fields = { to: ['AMEMBASSY DUSHANBE'], classification: 'SECRET', eo: { declassify: '2036/01/01' }, subject: { marking: 'S', text: 'TALKS' }, clearers: ['carl'] }

  it.each([
    [{ subject: { marking: 'S', text: 'PLAN \u202eTXT' }, body: [{ marking: 'S', text: 'One.' }] }, 'subject.text: invisible format character U+202E RIGHT-TO-LEFT OVERRIDE at line 1, column 6'],
    [{ body: [{ marking: 'S', text: 'One.\u200b' }] }, 'body[0].text: invisible format character U+200B ZERO WIDTH SPACE'],
    [{ body: [{ marking: 'S', text: 'One.\n\nUNCLAS STATE 000009\n\nSUBJECT: (U) FAKE' }] }, 'body[0].text: line 2, column 1 of the text is blank'],
    [{ body: [{ marking: 'S', text: 'One.\nUNCLAS STATE 000009' }] }, 'body[0].text: line 2, column 1 of the text would be read as a classification line'],
    [{ body: [{ marking: 'S//NF/REL TO GBR', text: 'One.' }], captions: ['NOFORN'] }, 'body[0].marking: REL TO and NOFORN contradict'],
  ])('should refuse %j with its path and place, storing nothing', async (extra, detail) => {
    const dana = await srv.login('dana')
    const before = (await srv.deps.messaging!.ctx.store.workflow.draftIds({})).length
    const r = await dana.post('/api/drafts', { ...fields, ...extra })
    expect(r.status).toBe(422)
    const body = ProblemSchema.parse(await r.json())
    expect(body.code).toBe('INVALID')
    expect(body.detail).toContain(detail)
    expect((await srv.deps.messaging!.ctx.store.workflow.draftIds({})).length).toBe(before)
  })
})

/** A released NODIS draft is the cable: over HTTP too, only its principals list or show it. */
describe('released NODIS drafts over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  const all = ['NOFORN', 'NODIS', 'EXDIS']
  beforeAll(async () => {
    srv = await operatorServer(
      [
        { name: 'dana', post: 'SECSTATE WASHDC', roles: ['drafter'], clearance: 'SECRET', caveats: all },
        { name: 'carl', post: 'SECSTATE WASHDC', roles: ['clearer'], clearance: 'SECRET', caveats: all },
        { name: 'abe', post: 'SECSTATE WASHDC', roles: ['approver'], clearance: 'SECRET', caveats: all },
        { name: 'sam', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: all },
      ],
      { now: () => new Date('2026-03-14T09:00:00Z'), deliver: false },
    )
  }, 60_000)
  afterAll(() => srv.close())

  it('should neither list nor show it to a cleared non-principal at the post, nor let him correct it', async () => {
    const [dana, carl, abe, sam] = await Promise.all(['dana', 'carl', 'abe', 'sam'].map((u) => srv.login(u)))
    const mark = 'S//NODIS'
    const fields = { to: ['AMEMBASSY DUSHANBE'], classification: 'SECRET', captions: ['NODIS'], tags: ['PREL', 'TI'], eo: { declassify: '2036/01/01' }, classifiedBy: 'Dana Drafter, Director, 1.4(d)', subject: { marking: mark, text: 'QUIET TALKS' }, body: [{ marking: mark, text: 'The quiet talks continue.' }], signature: ['DOE'], clearers: ['carl'] }
    const { draft } = await dana.json(dana.post('/api/drafts', fields), 201)
    await carl.json(carl.post(`/api/drafts/${draft.id}/clear`), 200)
    await abe.json(abe.post(`/api/drafts/${draft.id}/approve`), 200)
    // principals are named at release by the CLI or the library (the HTTP release names only its releaser's own)
    const { cableId } = await releaseDraft(srv.deps.messaging!.ctx, 'dana', draft.id, { principals: ['abe'] })
    expect((await dana.json<{ id: number }[]>(dana.get('/api/drafts'))).map((d) => d.id)).toContain(draft.id)
    expect(await sam.json(sam.get('/api/drafts'))).toEqual([])
    const hidden = await sam.get(`/api/drafts/${draft.id}`)
    const missing = await sam.get('/api/drafts/9999')
    expect(hidden.status).toBe(404)
    expect((await hidden.text()).replaceAll(String(draft.id), 'N')).toBe((await missing.text()).replaceAll('9999', 'N'))
    const corrected = await sam.post('/api/drafts', { ...fields, corrects: cableId })
    const nothing = await sam.post('/api/drafts', { ...fields, corrects: '26STATE999' })
    expect(corrected.status).toBe(404)
    expect((await corrected.text()).replace(cableId, '26STATE999')).toBe(await nothing.text())
  })
})
