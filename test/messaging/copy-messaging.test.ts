import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  acknowledge,
  approveDraft,
  clearDraft,
  compareMessaging,
  createDraft,
  draftFromObject,
  inbox,
  openMessaging,
  releaseDraft,
  subscribe,
  verifyAudit,
  workerPass,
  type ServiceContext,
} from '../../src/messaging/index.js'
import { createApiToken, login, setPassword, sessionUser, tokenSha256 } from '../../src/messaging/logins.js'
import { openMessagingTables } from '../../src/store/open-store.js'
import { runCable } from '../memory-io.js'
import { REPO, requireBuild } from '../support/built.js'
import { freshDatabase, probePostgres, type TestDatabase } from '../support/postgres.js'
import { addUsers, freshContext, manualClock, rawSql, STATE_TEAM, type TestContext } from './fixtures.js'

/**
 * `cable copy` of a messaging database (issue 11): SQLite → PostgreSQL → SQLite ends with the same rows in
 * every messaging table, and the copies work as the source does: inboxes, the audit chain, the next MRN.
 */

const pgDown = await probePostgres()
const dir = mkdtempSync(join(tmpdir(), 'cablegram-copymsg-'))
const databases: TestDatabase[] = []
afterAll(async () => {
  for (const d of databases) await d.drop()
  rmSync(dir, { recursive: true, force: true })
})

const notice = (n: number, precedence = 'ROUTINE') => ({
  precedence,
  to: ['AMEMBASSY DUSHANBE'],
  info: ['AMEMBASSY TASHKENT'],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT', 'PREL'],
  subject: { marking: 'U', text: `COPY NOTICE ${n}` },
  body: [{ marking: 'U', text: `Notice ${n}: the embassy stays open.` }],
  signature: ['POMPEO'],
  clearers: ['carl'],
})

const clock = manualClock('2026-07-01T10:00:00Z')
let source: TestContext
let n = 0
async function release(ctx: ServiceContext, precedence = 'ROUTINE') {
  const { draft } = await createDraft(ctx, 'dana', draftFromObject(notice(++n, precedence)))
  await clearDraft(ctx, 'carl', draft.id)
  await approveDraft(ctx, 'abe', draft.id)
  return releaseDraft(ctx, 'abe', draft.id)
}

const bin = join(REPO, 'bin', 'cable.js')
const run = (...argv: string[]) => runCable(argv, { cwd: dir, env: {} })

describe.skipIf(pgDown !== null)('cable copy of a messaging database', () => {
  let pgDb: TestDatabase
  let back: string
  let sessionToken = ''
  let apiToken = ''

  beforeAll(async () => {
    source = await freshContext({ now: clock.now }, 'sqlite')
    const ctx = source.ctx
    await addUsers(ctx, [
      ...STATE_TEAM,
      { name: 'tara', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SECRET', caveats: [] },
      { name: 'tom', post: 'AMEMBASSY TASHKENT', roles: ['reader'], clearance: 'CONFIDENTIAL', caveats: [] },
    ])
    await subscribe(ctx, 'tara', 'tag', 'PREL')
    await subscribe(ctx, 'tara', 'keyword', 'embassy')
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000)
      await release(ctx, i === 1 ? 'IMMEDIATE' : 'ROUTINE')
    }
    // one left undelivered, one draft never released
    await workerPass(ctx, { owner: 'w1', batchSize: 5 })
    await createDraft(ctx, 'dana', draftFromObject(notice(99)))
    await acknowledge(ctx, 'tara', (await inbox(ctx, 'tara'))[0].cableId)
    await setPassword(ctx, 'root', 'tara', 'a long passphrase for tara')
    await setPassword(ctx, 'tom', 'tom', 'a long passphrase for tom')
    await login(ctx, 'tom', 'wrong passphrase entirely', '10.0.0.9').catch(() => {})
    sessionToken = (await login(ctx, 'tom', 'a long passphrase for tom', '10.0.0.9')).token
    apiToken = (await createApiToken(ctx, 'tom', 'nightly', null)).token
    pgDb = await freshDatabase('copy11 msg')
    databases.push(pgDb)
    back = join(dir, 'back.db')
  }, 120_000)
  afterAll(() => source?.cleanup())

  it('should copy SQLite to PostgreSQL and back with every table the same, verified', async () => {
    const there = await run('copy', '--from', source.path, '--to', pgDb.url, '--as', 'root', '--batch', '2', '--format', 'json')
    expect(there.stderr).toBe('')
    expect(there.code, there.stdout).toBe(0)
    const report = JSON.parse(there.stdout)
    expect(report.messaging).toMatchObject({ verified: true, differences: [] })
    expect(report.messaging.leftOut).toEqual([expect.stringMatching(/^msg_session: /)])
    const rows = Object.fromEntries(report.messaging.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]))
    expect(rows).toMatchObject({ msg_cable: 3, msg_draft: 4, msg_inbox: 5, msg_subscription: 2, msg_api_token: 1, msg_login_failure: 1, msg_password: 2 })
    expect(rows.msg_audit).toBeGreaterThan(20)
    const home = await run('copy', '--from', pgDb.url, '--to', back, '--as', 'root')
    expect(home.stderr).toBe('')
    expect(home.code, home.stdout).toBe(0)
    expect(home.stdout).toContain('verified: same rows in every messaging table')
    // the source's log holds both copies, each audited before it began; the copies hold all of it
    const copies = await source.ctx.store.audit.query({ action: 'copy' })
    expect(copies.map((e) => e.detail)).toEqual([expect.stringContaining('begins')])
    const [a, p, b] = [await openMessagingTables(source.path), await openMessagingTables(pgDb.url), await openMessagingTables(back)]
    try {
      // the copy back was audited in the PostgreSQL database before it began: one entry more there and back
      expect(await compareMessaging(p, b)).toEqual([])
      const audit = rows.msg_audit as number
      expect(await compareMessaging(a, p)).toEqual([
        `msg_audit: ${audit} rows in the source, ${audit + 1} in the target`,
        `  msg_audit row id ${audit + 1}: only in the target`,
        expect.stringMatching(/^msg_audit_head: /),
      ])
    } finally {
      for (const t of [a, p, b]) await t.close()
    }
  })

  it('should work in the copies as in the source: inboxes, audit chain, next MRN, logins', async () => {
    const before = await inbox(source.ctx, 'tara')
    for (const location of [pgDb.url, back]) {
      const ctx = await openMessaging(location, { now: clock.now })
      try {
        expect(await inbox(ctx, 'tara')).toEqual(before)
        expect(await inbox(ctx, 'tom')).toEqual(await inbox(source.ctx, 'tom'))
        const verified = await verifyAudit(ctx, 'root')
        expect(verified).toMatchObject({ broken: null, unrecordedReleases: [] })
        // sessions stay behind; API tokens and passwords come along as hashes
        expect(await sessionUser(ctx, sessionToken)).toBeNull()
        expect(await ctx.store.auth.token(tokenSha256(apiToken))).toMatchObject({ user: 'tom', label: 'nightly' })
        expect((await login(ctx, 'tom', 'a long passphrase for tom', '10.0.0.1')).token).toBeTruthy()
        // a password an admin set stays one to change
        await expect(login(ctx, 'tara', 'a long passphrase for tara', '10.0.0.1')).rejects.toThrow(/must be changed/)
        // numbering goes on without a gap, a new draft gets a new id, the new delivery is delivered
        const next = await release(ctx)
        expect(next.mrn).toBe('STATE 000004')
        const { draft } = await createDraft(ctx, 'dana', draftFromObject(notice(100)))
        expect(draft.id).toBe(6)
        expect((await workerPass(ctx, { owner: 'w2', batchSize: 10 })).delivered).toBe(3)
        expect(await verifyAudit(ctx, 'root')).toMatchObject({ broken: null })
      } finally {
        await ctx.store.close()
      }
    }
    // the audit CLI agrees
    expect((await run('audit', '--verify', '--db', back, '--as', 'root')).code).toBe(0)
  })

  it('should list what differs between two messaging databases, row by row', async () => {
    const copy = join(dir, 'differs.db')
    expect((await run('copy', '--from', back, '--to', copy, '--as', 'root')).code).toBe(0)
    const raw = await rawSql({ engine: 'sqlite', path: copy })
    try {
      await raw.exec("UPDATE msg_user SET full_name = 'Tom Changed' WHERE name = 'tom'")
      await raw.exec("DELETE FROM msg_subscription WHERE kind = 'keyword'")
    } finally {
      await raw.close()
    }
    const [a, b] = [await openMessagingTables(back), await openMessagingTables(copy)]
    try {
      expect(await compareMessaging(a, b)).toEqual([
        expect.stringMatching(/^msg_user: the 7 rows differ \(hash \w{12} in the source, \w{12} in the target\)$/),
        `  msg_user row name "tom": full_name: "Tom Changed" in the target, "" in the source`,
        'msg_subscription: 2 rows in the source, 1 in the target',
        expect.stringMatching(/^  msg_subscription row id \d+: missing in the target$/),
      ])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('should keep the append-only and immutability triggers in force in the copies', async () => {
    for (const env of [{ engine: 'postgres' as const, path: pgDb.url }, { engine: 'sqlite' as const, path: back }]) {
      const raw = await rawSql(env)
      try {
        await expect(raw.exec("UPDATE msg_audit SET detail = 'x' WHERE id = 1")).rejects.toThrow(/append-only/)
        await expect(raw.exec('DELETE FROM msg_cable')).rejects.toThrow(/immutable/)
      } finally {
        await raw.close()
      }
    }
  })

  it('should refuse a target whose messaging tables hold other data, naming the row, and change nothing', async () => {
    const other = await freshContext({ now: clock.now }, 'sqlite')
    try {
      const raw = await rawSql(other)
      const count = () => raw.count('SELECT count(*) AS n FROM msg_audit')
      const audited = await count()
      const r = await run('copy', '--from', source.path, '--to', other.path, '--as', 'root')
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/already hold other data \(msg_\w+ row \w+ [^:]+: \w+: .* in the target, .* in the source\)/)
      expect(r.stderr).toContain('nothing was copied')
      expect(r.stderr).not.toMatch(/\n\s+at /)
      expect(await count()).toBe(audited)
      expect(await raw.count('SELECT count(*) AS n FROM msg_cable')).toBe(0)
      expect(await raw.count('SELECT count(*) AS n FROM cables')).toBe(0)
      await raw.close()
    } finally {
      await other.cleanup()
    }
  })
})

describe.skipIf(pgDown !== null)('cable copy of a messaging database killed midway', () => {
  const ENTRIES = 30_000
  let env: TestContext

  beforeAll(async () => {
    // the binary runs the compiled code that `npm test` built
    requireBuild()
    env = await freshContext({ now: clock.now }, 'sqlite')
    await addUsers(env.ctx, STATE_TEAM)
    // a long audit log, written by the store as the service writes it (hash-chained entry by entry)
    await env.ctx.store.transaction(async (tx) => {
      for (let i = 0; i < ENTRIES; i++) {
        await tx.audit.append({ at: 1_782_900_000_000 + i, actor: 'dana', action: 'read', outcome: 'ok', cableId: `26STATE${i}`, draftId: null, post: 'SECSTATE WASHDC', detail: `entry ${i}` })
      }
    })
  }, 300_000)
  afterAll(() => env?.cleanup())

  it('should finish the copy when run again, with the audit chain verifying at the kill and after', async () => {
    const db = await freshDatabase('copy11 msg kill')
    databases.push(db)
    const argv = [bin, 'copy', '--from', env.path, '--to', db.url, '--batch', '100', '--as', 'root']
    const child = spawn(process.execPath, argv, { stdio: 'ignore' })
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    const audited = () => pgCount(db.url, 'msg_audit')
    let seen = 0
    while (seen < 1000 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50))
      seen = await audited()
    }
    child.kill('SIGKILL')
    await exited
    const afterKill = await audited()
    expect(afterKill).toBeGreaterThan(0)
    expect(afterKill).toBeLessThan(ENTRIES)
    // a batch per transaction: the kill lost at most the batch in flight
    expect(afterKill % 100).toBe(0)
    // the head followed every batch: the partial log verifies as it stands
    const partial = await openMessaging(db.url)
    try {
      expect(await verifyAudit(partial, 'root')).toMatchObject({ entries: afterKill, broken: null })
    } finally {
      await partial.store.close()
    }
    const again = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [...argv, '--format', 'json'], { encoding: 'utf8', timeout: 600_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    )
    expect(again.stderr).toBe('')
    expect(again.status, again.stdout).toBe(0)
    const report = JSON.parse(again.stdout)
    expect(report.messaging).toMatchObject({ verified: true, differences: [] })
    const audit = report.messaging.tables.find((t: { table: string }) => t.table === 'msg_audit')
    // every entry was in the log before the first run but the two copies' own entries
    expect(audit.rows).toBeGreaterThan(ENTRIES)
    expect(audit.written).toBe(audit.rows - afterKill)
    expect(await audited()).toBe(audit.rows)
  }, 600_000)
})

async function pgCount(url: string, table: string): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n
  } catch {
    return 0 // the schema is not created yet
  } finally {
    await c.end()
  }
}
