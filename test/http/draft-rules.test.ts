import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/http/problem.js'
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
