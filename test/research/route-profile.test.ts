import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app.js'
import { openServer } from '../../src/http/open-server.js'
import { approveDraft, clearDraft, createDraft, draftFromObject, releaseDraft, subscribe, type ServiceContext } from '../../src/messaging/index.js'
import { setPassword } from '../../src/messaging/logins.js'
import { userAccess } from '../../src/messaging/reader-access.js'
import { routeCable } from '../../src/messaging/routing-replay.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { addUsers, freshContext, manualClock, STATE_TEAM } from '../messaging/fixtures.js'
import { runCable } from '../memory-io.js'

/**
 * Profile distribution in the routing replay (issue 14, H4): a subscription reaches a post only for a user
 * the one access rule lets read the cable, and only a directory admin sees who subscribed to what.
 */
const PASSWORD = 'correct horse battery staple'
const USERS = [
  // the drafting team may handle NODIS here
  ...STATE_TEAM.map((u) => ({ ...u, caveats: ['NOFORN', 'NODIS'] })),
  // at a post no cable below is addressed to; not cleared for the SECRET cables
  { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader' as const], clearance: 'SBU' },
  // cleared (NODIS included), at another unaddressed post: reached by a SIPDIS cable, never by a NODIS one (not a principal)
  { name: 'olaf', post: 'AMEMBASSY BERLIN', roles: ['reader' as const], clearance: 'SECRET', caveats: ['NOFORN', 'NODIS'] },
  // cleared, but a deactivated user holds nothing
  { name: 'gone', post: 'AMEMBASSY ROME', roles: ['reader' as const], clearance: 'SECRET', caveats: ['NOFORN'], active: false },
]

async function release(ctx: ServiceContext, captions: string[], principals?: string[]): Promise<string> {
  const { draft } = await createDraft(
    ctx,
    'dana',
    draftFromObject({
      precedence: 'PRIORITY',
      to: ['AMEMBASSY PARIS'],
      classification: 'SECRET',
      captions: ['NOFORN', ...captions],
      eo: { order: '13526', declassify: '2036/03/14' },
      classifiedBy: 'Jane Doe, Director, 1.4(b)',
      tags: ['PREL'],
      subject: { marking: 'S/NF', text: 'INVENTED PROFILE ROUTING CHECK' },
      body: [{ marking: 'S/NF', text: 'A synthetic paragraph for the replay.' }],
      signature: ['DOE'],
      clearers: ['carl'],
    }),
  )
  await clearDraft(ctx, 'carl', draft.id)
  await approveDraft(ctx, 'abe', draft.id)
  return (await releaseDraft(ctx, 'abe', draft.id, principals ? { principals } : {})).cableId
}

describe('routing replay: profile distribution obeys the access rule and hides the directory', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  let sipdis = ''
  let nodis = ''
  beforeAll(async () => {
    env = await freshContext({ now: manualClock('2026-05-02T08:00:00Z').now })
    await addUsers(env.ctx, USERS)
    await subscribe(env.ctx, 'dora', 'tag', 'PREL')
    await subscribe(env.ctx, 'dora', 'caption', 'NODIS')
    await subscribe(env.ctx, 'olaf', 'tag', 'PREL')
    await subscribe(env.ctx, 'olaf', 'caption', 'NODIS')
    await env.ctx.store.subscriptions.add('gone', 'tag', 'PREL')
    sipdis = await release(env.ctx, ['SIPDIS'])
    nodis = await release(env.ctx, ['NODIS'], ['abe', 'root'])
    for (const u of ['root', 'dana', 'dora']) await setPassword(env.ctx, u, u, PASSWORD)
  }, 60_000)
  afterAll(() => env.cleanup())

  const as = async (name: string) => userAccess((await env.ctx.store.directory.user(name))!)

  it('should list only subscribers who may read the cable, by rule kind for a non-admin', async () => {
    const store = openSqliteStore(env.path)
    try {
      const open = (await routeCable(store, env.path, sipdis, await as('dana')))!
      // dora (SBU) may not read a SECRET//NOFORN cable, gone is deactivated: only olaf's post, no names
      expect(open.profile).toEqual([{ post: 'AMEMBASSY BERLIN', matched: ['tag'] }])
      expect(open.profileNamed).toBe(false)
      expect(JSON.stringify(open)).not.toMatch(/dora|olaf|gone/)
      // NODIS: abe and root are its only principals, so no subscriber anywhere would receive it
      const restricted = (await routeCable(store, env.path, nodis, await as('abe')))!
      expect(restricted.profile).toEqual([])
      // archive mode is no directory user: no names either
      expect((await routeCable(store, env.path, sipdis))!.profileNamed).toBe(false)
    } finally {
      await store.close()
    }
  })

  it('should name users and their rules to a directory admin only', async () => {
    const store = openSqliteStore(env.path)
    try {
      const route = (await routeCable(store, env.path, sipdis, await as('root')))!
      expect(route.profile).toEqual([{ post: 'AMEMBASSY BERLIN', matched: ['tag:PREL (olaf)'] }])
      expect(route.profileNamed).toBe(true)
      expect((await routeCable(store, env.path, nodis, await as('root')))!.profile).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('should say the same on the CLI', async () => {
    const dana = await runCable(['route', sipdis, '--db', env.path, '--as', 'dana'])
    expect(dana.code).toBe(0)
    expect(dana.stdout).toContain('  AMEMBASSY BERLIN: tag\n')
    expect(dana.stdout).toContain('shown to directory admins')
    expect(dana.stdout).not.toMatch(/DUSHANBE|dora|olaf/)
    const root = await runCable(['route', sipdis, '--db', env.path, '--as', 'root', '--format', 'json'])
    expect(JSON.parse(root.stdout).profile).toEqual([{ post: 'AMEMBASSY BERLIN', matched: ['tag:PREL (olaf)'] }])
    const restricted = await runCable(['route', nodis, '--db', env.path, '--as', 'abe'])
    expect(restricted.stdout).not.toContain('Would also reach by profile')
  })

  it('should say the same over HTTP', async () => {
    const opened = await openServer({ location: env.path, public: false, staticDir: null, log: () => {} })
    try {
      const app = createApp({ ...opened.deps, checkResponses: true })
      const routeAs = async (user: string, id: string) => {
        const session = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password: PASSWORD }) })
        expect(session.status).toBe(200)
        const cookie = session.headers.get('set-cookie')!.split(';')[0]
        const res = await app.request(`/api/cables/${id}/route`, { headers: { cookie } })
        expect(res.status).toBe(200)
        return (await res.json()) as { profile: unknown; profileNamed: boolean }
      }
      const dana = await routeAs('dana', sipdis)
      expect(dana).toMatchObject({ profile: [{ post: 'AMEMBASSY BERLIN', matched: ['tag'] }], profileNamed: false })
      expect(JSON.stringify(dana)).not.toMatch(/dora|olaf|DUSHANBE/)
      expect(await routeAs('root', sipdis)).toMatchObject({ profile: [{ post: 'AMEMBASSY BERLIN', matched: ['tag:PREL (olaf)'] }], profileNamed: true })
      expect((await routeAs('root', nodis)).profile).toEqual([])
    } finally {
      await opened.close()
    }
  })
})
