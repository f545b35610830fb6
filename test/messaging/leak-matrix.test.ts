import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveDraft, clearDraft, createDraft, draftFromObject, releaseDraft, runWorker, subscribe, type ServiceContext } from '../../src/messaging/index.js'
import { cable, type RunResult } from './cli-harness.js'
import { addUsers, freshContext, manualClock, STATE_TEAM, ENGINES } from './fixtures.js'

/**
 * A SECRET//NOFORN cable with a CONFIDENTIAL paragraph goes to the same posts as an unclassified one.
 * Readers at an addressed post: cleared CONFIDENTIAL, SECRET without NOFORN, SECRET with NOFORN.
 * Every command a reader can run must show the first two nothing of the secret cable: no id, no subject,
 * no snippet, no count that differs from a database without it.
 */
const SECRET_SUBJECT = 'QUARTZ HERON LIAISON ARRANGEMENTS'
const SECRET_WORD = 'zebrafinch'
const MARKERS = [SECRET_SUBJECT, 'QUARTZ HERON', SECRET_WORD, SECRET_WORD.toUpperCase()]

const unclassified = {
  precedence: 'ROUTINE',
  to: ['AMEMBASSY DUSHANBE'],
  info: ['ALL SOUTH AND CENTRAL ASIA COLLECTIVE'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['PREL', 'TI'],
  subject: { marking: 'U', text: 'BORDER CROSSING HOURS AT NIZHNY PYANJ' },
  body: [{ marking: 'U', text: 'The crossing keeps its winter hours; the falcon liaison office is unaffected.' }],
  signature: ['POMPEO'],
  clearers: ['carl'],
}

const secret = {
  precedence: 'IMMEDIATE',
  to: ['AMEMBASSY DUSHANBE'],
  info: ['ALL SOUTH AND CENTRAL ASIA COLLECTIVE'],
  classification: 'SECRET',
  captions: ['NOFORN', 'SIPDIS'],
  eo: { order: '13526', declassify: '2041/03/14' },
  tags: ['PREL', 'PINR', 'TI'],
  subject: { marking: 'S//NF', text: SECRET_SUBJECT },
  classifiedBy: 'Dana Drafter, Office Director, SCA/CEN, for reasons 1.4(b) and (d).',
  body: [
    { marking: 'C', text: `The falcon liaison office will host the ${SECRET_WORD} working group in April.` },
    { marking: 'S//NF', text: `Do not share the ${SECRET_WORD} arrangements with host-government officials.` },
  ],
  signature: ['POMPEO'],
  clearers: ['carl'],
}

async function release(ctx: ServiceContext, fields: object): Promise<string> {
  const { draft } = await createDraft(ctx, 'dana', draftFromObject(fields))
  await clearDraft(ctx, 'carl', draft.id)
  await approveDraft(ctx, 'abe', draft.id)
  return (await releaseDraft(ctx, 'abe', draft.id)).cableId
}

describe.each(ENGINES)('leak matrix: SECRET//NOFORN cable with a CONFIDENTIAL paragraph (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  let secretId: string
  let plainId: string
  const readers = {
    conf: { name: 'cora', clearance: 'CONFIDENTIAL', caveats: [] as string[] },
    // holds the caveat but not the level: only the level check stands between her and the cable
    confNoforn: { name: 'cody', clearance: 'CONFIDENTIAL', caveats: ['NOFORN'] },
    secret: { name: 'sam', clearance: 'SECRET', caveats: [] as string[] },
    noforn: { name: 'nell', clearance: 'SECRET', caveats: ['NOFORN'] },
  }
  const run = (argv: string[]) => cable(env.path, argv)

  beforeAll(async () => {
    env = await freshContext({ now: manualClock('2026-03-14T09:26:00Z').now }, engine)
    await addUsers(env.ctx, STATE_TEAM)
    await addUsers(
      env.ctx,
      Object.values(readers).map((r) => ({ name: r.name, post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: r.clearance, caveats: r.caveats })),
    )
    plainId = await release(env.ctx, unclassified)
    secretId = await release(env.ctx, { ...secret, references: [plainId] })
    // a later unclassified cable citing the secret one: reference resolution must not reveal it
    await release(env.ctx, { ...unclassified, subject: { marking: 'U', text: 'FOLLOW-UP ON CROSSING HOURS' }, references: [secretId] })
    await runWorker(env.ctx, { owner: 'leak', untilEmpty: true })
    for (const r of Object.values(readers)) {
      await subscribe(env.ctx, r.name, 'keyword', 'falcon')
    }
    await env.ctx.store.close()
  })
  afterAll(() => env.cleanup())

  /** Every command and its output for one reader. */
  async function everyCommand(name: string): Promise<Record<string, RunResult>> {
    // the archive commands read as the same directory user: the database has a directory
    const as = ['--as', name]
    const a = as
    return {
      inbox: await run(['inbox', ...as]),
      inboxJson: await run(['inbox', '--json', ...as]),
      feed: await run(['inbox', '--feed', ...as]),
      read: await run(['read', secretId, ...as]),
      readJson: await run(['read', secretId, '--json', ...as]),
      ack: await run(['read', secretId, '--ack', ...as]),
      drafts: await run(['draft', 'list', ...as]),
      draftShow: await run(['draft', 'show', '2', ...as]),
      audit: await run(['audit', ...as]),
      search: await run(['search', SECRET_WORD, ...a]),
      searchFacets: await run(['search', 'tag:PREL', '--facets', '--format', 'json', ...a]),
      searchSubject: await run(['search', 'quartz', ...a]),
      show: await run(['show', secretId, '--format', 'json', ...a]),
      refs: await run(['refs', plainId, '--depth', '2', '--format', 'json', ...a]),
      refsCiting: await run(['refs', '26STATE3', '--depth', '2', '--format', 'json', ...a]),
      stats: await run(['stats', '--format', 'json', ...a]),
    }
  }

  const denied = { conf: 'CONFIDENTIAL', confNoforn: 'CONFIDENTIAL+NOFORN', secret: 'SECRET (no NOFORN)' } as const
  for (const key of Object.keys(denied) as (keyof typeof denied)[]) {
    it(`should not show a ${denied[key]} reader anything of it, through any command`, async () => {
      const name = readers[key].name
      const out = await everyCommand(name)
      for (const [command, r] of Object.entries(out)) {
        const all = r.stdout + r.stderr
        for (const m of MARKERS) expect(all, `${command} leaks "${m}"`).not.toContain(m)
        // the id itself may appear only where the reader typed it, or inside the REF line of the unclassified cable citing it
        const withoutCitation = all.replaceAll(`REF: 26 STATE 2`, '').replaceAll('"id":"26STATE2","text":"26 STATE 2"', '')
        if (!['read', 'readJson', 'ack', 'show', 'draftShow', 'refsCiting'].includes(command)) expect(withoutCitation, `${command} leaks the id`).not.toContain(secretId)
      }
      expect(out.read.code).toBe(3)
      expect(out.show.code).not.toBe(0)
      // counts: exactly the two unclassified cables, as if the secret one did not exist
      expect(JSON.parse(out.inboxJson.stdout).map((i: { cableId: string }) => i.cableId).sort()).toEqual([plainId, '26STATE3'].sort())
      expect(out.inbox.stdout).toMatch(/^2 cables\n/)
      expect(JSON.parse(out.stats.stdout).cables).toBe(2)
      const facets = JSON.parse(out.searchFacets.stdout)
      expect(facets.total).toBe(2)
      expect(out.audit.code).toBe(4)
    })
  }

  it('should show the SECRET+NOFORN reader the cable on every path', async () => {
    const out = await everyCommand(readers.noforn.name)
    expect(out.read.code).toBe(0)
    expect(out.read.stdout).toContain(SECRET_SUBJECT.split(' ')[0])
    expect(JSON.parse(out.inboxJson.stdout)).toHaveLength(3)
    expect(out.feed.stdout).toContain(secretId)
    expect(out.search.stdout).toContain(secretId)
    expect(out.show.code).toBe(0)
    expect(JSON.parse(out.stats.stdout).cables).toBe(3)
  })

  it('should record every denial in the audit log', async () => {
    const admin = await run(['audit', '--cable', secretId, '--outcome', 'denied', '--json', '--as', 'root'])
    expect(admin.code).toBe(0)
    const denials: { actor: string; action: string }[] = JSON.parse(admin.stdout)
    for (const name of [readers.conf.name, readers.confNoforn.name, readers.secret.name]) {
      const actions = new Set(denials.filter((d) => d.actor === name).map((d) => d.action))
      expect([...actions].sort()).toEqual(['inbox', 'read', 'show'])
    }
    expect(denials.filter((d) => d.actor === readers.noforn.name)).toEqual([])
    // a search that matched the secret cable records a withheld count, never the cable
    const searches = await run(['audit', '--outcome', 'denied', '--json', '--as', 'root'])
    const withheld: { actor: string; action: string; cableId: string | null; detail: string }[] = JSON.parse(searches.stdout).filter((d: { action: string }) => d.action === 'search')
    expect(withheld.map((d) => d.actor).sort()).toEqual(expect.arrayContaining([readers.conf.name, readers.secret.name]))
    expect(withheld.every((d) => d.cableId === null && /^1 matching cables withheld$/.test(d.detail))).toBe(true)
  })

  it('should refuse an archive reader who declares a clearance, or names no user, where there is a directory', async () => {
    const declared = await run(['search', SECRET_WORD, '--clearance', 'TOP SECRET', '--caveats', 'NOFORN'])
    expect(declared.code).toBe(4)
    expect(declared.stdout).toBe('')
    const anonymous = await run(['stats', '--format', 'json'])
    expect(anonymous.code).toBe(4)
    expect(anonymous.stdout).toBe('')
  })
})
