import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/http/problem.js'
import { publicArchive } from './archive-fixture.js'

// A request the route's schema refuses gets plain messages naming the parameter and what it expects (from
// the schema: description, type, bounds, allowed values) and what was sent, never the schema library's text.
let fx: Awaited<ReturnType<typeof publicArchive>>
beforeAll(async () => {
  fx = await publicArchive()
})
afterAll(async () => {
  await fx.close()
})

async function invalid(path: string, init?: RequestInit) {
  const res = await fx.app.request(path, init)
  expect(res.status).toBe(422)
  const body = ProblemSchema.parse(await res.json())
  expect(body.code).toBe('INVALID')
  expect(body.detail).not.toMatch(/Invalid input|received|Too (small|big)|NaN|expected (string|number|int)\b/)
  return body
}

describe('validation messages', () => {
  it('should call a missing parameter missing and say what to give, from its description', async () => {
    const p = await invalid('/api/cables/08BERN417/redact')
    expect(p.detail).toBe('for: missing; give a clearance such as CONFIDENTIAL or SECRET,NOFORN (a level, then caveats, comma-separated)')
    expect(p.errors).toEqual([{ path: 'for', message: 'missing; give a clearance such as CONFIDENTIAL or SECRET,NOFORN (a level, then caveats, comma-separated)' }])
  })

  it('should quote a value that is not a number and name the whole number expected', async () => {
    expect((await invalid('/api/cables/08BERN417/diff?from=abc')).detail).toBe('from: expected a whole number of at least 1, got "abc"')
    expect((await invalid('/api/cables/08BERN417/diff?to=1.5')).detail).toBe('to: expected a whole number of at least 1, got 1.5')
    expect((await invalid('/api/cables/08BERN417/graph?depth=x')).detail).toBe('depth: expected a whole number from 1 to 4, got "x"')
    expect((await invalid('/api/people?limit=x')).detail).toBe('limit: expected a whole number from 1 to 10000, got "x"')
  })

  it('should give the bounds of a number out of range', async () => {
    expect((await invalid('/api/people?limit=0')).detail).toBe('limit: expected a whole number from 1 to 10000, got 0')
    expect((await invalid('/api/people?limit=10001')).detail).toBe('limit: expected a whole number from 1 to 10000, got 10001')
    expect((await invalid('/api/cables/08BERN417/graph?depth=5')).detail).toBe('depth: expected a whole number from 1 to 4, got 5')
  })

  it('should list the allowed values of an enumeration and keep the shape of several errors', async () => {
    expect((await invalid('/api/network?format=svg')).detail).toBe('format: expected one of "json", "dot", "csv", got "svg"')
    const p = await invalid('/api/search?q=x&sort=sideways&limit=1001')
    expect(p.errors?.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'sort'])
    expect(p.errors).toContainEqual({ path: 'limit', message: 'expected a whole number from 0 to 1000, got 1001' })
    expect(p.errors?.find((e: { path: string }) => e.path === 'sort')?.message).toMatch(/^expected one of "rank", .*, got "sideways"$/)
    expect(p.detail).toBe(p.errors!.map((e: { path: string; message: string }) => `${e.path}: ${e.message}`).join('; '))
  })

  it('should read JSON bodies the same way', async () => {
    const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await invalid('/api/lint', post({ text: 42 }))).errors?.[0]).toMatchObject({ path: 'text', message: expect.stringMatching(/^expected text.*, got 42$/) })
    expect((await invalid('/api/lint', post({}))).errors?.[0]).toMatchObject({ path: 'text', message: expect.stringMatching(/^missing/) })
  })
})
