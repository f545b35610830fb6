import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { approveDraft, clearDraft, createDraft, draftFromObject, readCable, releaseDraft, runWorker } from '../../src/messaging/index.js'
import { archiveAccessOf } from '../../src/messaging/reader-access.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { addUsers, ENGINES, freshContext, rawSql, STATE_TEAM } from '../messaging/fixtures.js'

// A released cable is judged by its release record and cannot be changed by an import: an archivist who
// imports a forged text under a released cable's id (class line lowered, portion marks lowered, NOFORN
// swapped for SIPDIS, NODIS dropped) changes nothing any reader sees, and neither does an archive row
// rewritten behind the service's back.

const draft = (over: Record<string, unknown>) => ({
  precedence: 'PRIORITY',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'SECRET',
  captions: ['NOFORN'],
  tags: ['PREL'],
  subject: { marking: 'S//NF', text: 'WOMBAT RELEASE RECORD TEST' },
  body: [{ marking: 'S//NF', text: 'The wombat delegation met the minister on Tuesday.' }],
  classifiedBy: 'Dana Drafter, Director, reasons 1.4 (b) and (d)',
  eo: { order: '13526', declassify: '2036-01-01' },
  signature: ['POMPEO'],
  clearers: ['tim'],
  ...over,
})

/** The released telegram rewritten as a forger would: every marking lowered, NOFORN and NODIS gone, SIPDIS in. */
function forge(text: string): string {
  return text
    .replace(/^(?:S E C R E T|SECRET|C O N F I D E N T I A L|CONFIDENTIAL)( +[A-Z]+ +\d+)?.*$/m, (_m, serial: string | undefined) => `UNCLAS${serial ?? ''}`)
    .replace(/\((?:S|C|TS)(?:\/\/[A-Z/ ,]+)?\)/g, '(U)')
    .replace(/^(NOFORN|NODIS|EXDIS)$/gm, 'SIPDIS')
    .replace(/\bNOFORN\b|\bNODIS\b/g, 'SIPDIS')
    .replace(/wombat/gi, 'FORGEDWORD wombat')
}

describe.each(ENGINES)('a released cable against imports and archive tampering (%s)', (engine) => {
  let env: Awaited<ReturnType<typeof freshContext>>
  let archive: Store
  let dir: string
  beforeEach(async () => {
    env = await freshContext({}, engine)
    dir = mkdtempSync(join(tmpdir(), 'cablegram-forge-'))
    archive = openStore(env.path)
    await addUsers(env.ctx, [
      ...STATE_TEAM,
      { name: 'ted', post: 'SECSTATE WASHDC', roles: ['drafter', 'reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'tim', post: 'SECSTATE WASHDC', roles: ['clearer', 'approver'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'nina', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN'] },
      { name: 'ulla', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'UNCLASSIFIED' },
      { name: 'otto', post: 'AMEMBASSY OTTAWA', roles: ['reader', 'archive-reader'], clearance: 'TOP SECRET', caveats: ['NOFORN', 'NODIS'] },
      { name: 'arch', post: 'SECSTATE WASHDC', roles: ['archivist'], clearance: 'UNCLASSIFIED' },
    ])
  }, 120_000)
  afterEach(async () => {
    await archive.close()
    await env.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  async function released(over: Record<string, unknown>, principals?: string[]): Promise<{ id: string; text: string }> {
    const { ctx } = env
    const { draft: d } = await createDraft(ctx, 'ted', draftFromObject(draft(over)))
    await clearDraft(ctx, 'tim', d.id)
    await approveDraft(ctx, 'tim', d.id)
    const id = (await releaseDraft(ctx, 'ted', d.id, { principals })).cableId
    await runWorker(ctx, { owner: 'test', untilEmpty: true })
    expect((await readCable(ctx, 'ted', id)).cable.id).toBe(id)
    return { id, text: (await archive.getCable(id))!.text }
  }

  async function sees(user: string, id: string): Promise<boolean> {
    return (await archive.getCable(id, await archiveAccessOf(env.ctx, user))) !== null
  }

  async function hits(user: string, query: string): Promise<number> {
    return archive.count(parseQuery(query), await archiveAccessOf(env.ctx, user))
  }

  it('should store nothing of a forged text imported under a released id, and leave every reader where he was', async () => {
    const noforn = await released({})
    const nodis = await released(
      { captions: ['NODIS'], subject: { marking: 'S//NODIS', text: 'WOMBAT PRINCIPALS ONLY' }, body: [{ marking: 'S//NODIS', text: 'The wombat file is for principals.' }] },
      ['dora'],
    )
    const before = { otto: await sees('otto', noforn.id), ulla: await sees('ulla', noforn.id), nina: await sees('nina', nodis.id) }
    expect(before).toEqual({ otto: false, ulla: false, nina: false })

    const forgeries = join(dir, 'forged')
    mkdirSync(forgeries)
    writeFileSync(join(forgeries, 'a.txt'), forge(noforn.text))
    writeFileSync(join(forgeries, 'b.txt'), forge(nodis.text))
    expect(forge(noforn.text)).toContain('SIPDIS')
    expect(forge(noforn.text)).not.toMatch(/NOFORN|SECRET/)
    const report = await importArchive(archive, [forgeries], { parallel: false })
    expect(report.cables).toBe(2)
    expect(report).toMatchObject({ inserted: 0, versionsAdded: 0, replaced: 0, unchanged: 0, sourcesAdded: 0, releasedKept: 2 })

    for (const c of [noforn, nodis]) {
      const versions = await archive.versions(c.id)
      expect(versions).toHaveLength(1)
      expect((await archive.getCable(c.id))!.text).toBe(c.text)
    }
    expect(await sees('otto', noforn.id)).toBe(false) // SIPDIS only in the forgery: no need to know at Ottawa
    expect(await sees('ulla', noforn.id)).toBe(false) // UNCLAS only in the forgery
    expect(await sees('nina', nodis.id)).toBe(false) // NODIS dropped only in the forgery
    expect(await sees('dora', noforn.id)).toBe(true)
    expect(await sees('dora', nodis.id)).toBe(true)
    for (const u of ['otto', 'ulla', 'nina', 'dora']) expect(await hits(u, 'FORGEDWORD')).toBe(0)
  })

  it('should judge a released cable by its release record when its archive row was rewritten behind the service', async () => {
    const noforn = await released({})
    const nodis = await released(
      { captions: ['NODIS'], subject: { marking: 'S//NODIS', text: 'WOMBAT PRINCIPALS ONLY' }, body: [{ marking: 'S//NODIS', text: 'The wombat file is for principals.' }] },
      ['dora'],
    )
    const raw = await rawSql(env)
    try {
      // the archive row says UNCLASSIFIED with no caveats and carries SIPDIS: only the release record disagrees
      const idCol = engine === 'postgres' ? 'id' : 'rowid'
      await raw.exec(`UPDATE cables SET level = 0, caveat_mask = 0, classification = 'UNCLASSIFIED' WHERE key IN ('${noforn.id}', '${nodis.id}')`)
      await raw.exec(`INSERT INTO cable_captions (caption, cable) SELECT 'SIPDIS', ${idCol} FROM cables WHERE key IN ('${noforn.id}', '${nodis.id}')`)
    } finally {
      await raw.close()
    }
    expect(await sees('otto', noforn.id)).toBe(false)
    expect(await sees('ulla', noforn.id)).toBe(false)
    expect(await sees('nina', nodis.id)).toBe(false)
    expect(await sees('otto', nodis.id)).toBe(false)
    expect(await hits('otto', 'wombat')).toBe(0)
    expect(await hits('ulla', 'wombat')).toBe(0)
    expect(await hits('nina', 'wombat')).toBe(1) // the NOFORN one, delivered to her post; never the NODIS one
    expect(await sees('dora', nodis.id)).toBe(true)
  })

  it('should still open a cable released with SIPDIS to cleared readers anywhere, by its release record', async () => {
    const sipdis = await released({ captions: ['SIPDIS'], subject: { marking: 'S', text: 'WOMBAT FOR ALL POSTS' }, body: [{ marking: 'S', text: 'The wombat note.' }] })
    expect(await sees('otto', sipdis.id)).toBe(true)
    expect(await sees('ulla', sipdis.id)).toBe(false) // cleared readers only
    const raw = await rawSql(env)
    try {
      await raw.exec(`DELETE FROM cable_captions WHERE caption = 'SIPDIS'`)
    } finally {
      await raw.close()
    }
    expect(await sees('otto', sipdis.id)).toBe(true)
  })
})

describe('cable import over a released cable, through the CLI (operator database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-forge-cli-'))
  const db = join(dir, 'ops.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const run = (argv: string[]) => runCable(argv, { cwd: dir, env: { CABLEGRAM_DB: db } })
  let released = ''

  beforeAll(async () => {
    const steps: string[][] = [
      ['directory', 'init'],
      ['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'TOP SECRET', '--caveats', 'NOFORN,NODIS,EXDIS'],
    ]
    for (const s of steps) expect((await run(s)).code).toBe(0)
    const users: string[][] = [
      ['dana', 'SECSTATE WASHDC', 'drafter,reader', 'SECRET', 'NOFORN'],
      ['carl', 'SECSTATE WASHDC', 'clearer,approver', 'SECRET', 'NOFORN'],
      ['arch', 'SECSTATE WASHDC', 'archivist', 'UNCLASSIFIED', ''],
    ]
    for (const [name, post, roles, clearance, caveats] of users) {
      const argv = ['user', 'add', name, '--post', post, '--roles', roles, '--clearance', clearance, ...(caveats ? ['--caveats', caveats] : []), '--as', 'root']
      const r = await run(argv)
      expect(r.code, r.stderr).toBe(0)
    }
    const file = join(dir, 'd.yaml')
    writeFileSync(
      file,
      [
        'precedence: ROUTINE',
        'to: [AMEMBASSY DUSHANBE]',
        'classification: SECRET',
        'captions: [NOFORN]',
        "eo: { order: '13526', declassify: 2036-01-01 }",
        'tags: [PREL]',
        'subject: { marking: S//NF, text: NUMBAT TALKS }',
        'classifiedBy: Dana Drafter, Director, reasons 1.4 (b) and (d)',
        'body:',
        '  - marking: S//NF',
        '    text: The numbat talks went on all week.',
        'signature: [DOE]',
        'clearers: [carl]',
      ].join('\n'),
    )
    const id = /draft (\d+)/.exec((await run(['draft', 'new', file, '--as', 'dana'])).stdout)![1]
    expect((await run(['clear', id, '--as', 'carl'])).code).toBe(0)
    expect((await run(['approve', id, '--as', 'carl'])).code).toBe(0)
    const r = await run(['release', id, '--json', '--as', 'dana'])
    expect(r.code, r.stderr).toBe(0)
    released = JSON.parse(r.stdout).cableId
  }, 120_000)

  it('should tell the archivist nothing about the released cable, and tell the audit log everything', async () => {
    const text = (await run(['show', released, '--as', 'dana'])).stdout
    expect(text).toContain('NUMBAT')
    const forged = join(dir, 'forged.txt')
    writeFileSync(forged, forge(text))
    const both = await run(['import', forged, '--format', 'json', '--as', 'arch'])
    expect(both.code, both.stderr).toBe(0)
    const report = JSON.parse(both.stdout)
    expect(report.cables).toBe(1)
    for (const hidden of ['inserted', 'unchanged', 'versionsAdded', 'replaced', 'sourcesAdded', 'releasedKept']) expect(report).not.toHaveProperty(hidden)
    const audit = await run(['audit', '--as', 'root'])
    expect(audit.code, audit.stderr).toBe(0)
    expect(audit.stdout).toMatch(/1 texts under the ids of cables released here refused/)
    const shown = await run(['show', released, '--as', 'dana'])
    expect(shown.stdout).not.toContain('FORGEDWORD')
  })
})
