import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryHash, GENESIS_HASH, verifyChain } from '../../src/store/audit-chain.js'
import { runCable, type RunResult } from '../memory-io.js'
import { putUser, verifyAudit } from '../../src/messaging/index.js'
import { addUsers, ENGINES, freshContext, rawSql } from '../messaging/fixtures.js'

// The audit log is a hash chain; `cable audit --verify` finds a rewritten, a deleted and an inserted entry,
// a cut at the end and a log emptied behind released cables. REPLACE cannot rewrite it or a released cable.

const dir = mkdtempSync(join(tmpdir(), 'cablegram-audit-'))
const base = join(dir, 'base.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const run = (db: string, argv: string[]): Promise<RunResult> => runCable(argv, { cwd: dir, env: { CABLEGRAM_DB: db } })

const DRAFT = `precedence: ROUTINE
to: [AMEMBASSY DUSHANBE]
classification: UNCLASSIFIED
captions: [SIPDIS]
eo: { order: '13526', declassify: N/A }
tags: [PREL]
subject: { marking: U, text: AUDIT CHAIN TEST }
body:
  - marking: U
    text: A short unclassified paragraph for the audit test.
signature: [DOE]
clearers: [carl]
`

beforeAll(async () => {
  const steps = [
    ['directory', 'init'],
    ['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET'],
    ['user', 'add', 'dana', '--post', 'SECSTATE WASHDC', '--roles', 'drafter', '--clearance', 'SECRET', '--as', 'root'],
    ['user', 'add', 'carl', '--post', 'SECSTATE WASHDC', '--roles', 'clearer,approver', '--clearance', 'SECRET', '--as', 'root'],
  ]
  for (const argv of steps) expect((await run(base, argv)).code, argv.join(' ')).toBe(0)
  writeFileSync(join(dir, 'draft.yaml'), DRAFT)
  for (const argv of [['draft', 'new', 'draft.yaml', '--as', 'dana'], ['clear', '1', '--as', 'carl'], ['approve', '1', '--as', 'carl'], ['release', '1', '--as', 'dana'], ['deliver']]) {
    const r = await run(base, argv)
    expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
  }
})

/** A copy of the database with `tamper` applied by someone who can write the file (triggers dropped). */
function tampered(name: string, tamper: (db: Database.Database) => void): string {
  const path = join(dir, `${name}.db`)
  copyFileSync(base, path)
  const db = new Database(path)
  db.exec('DROP TRIGGER msg_audit_no_update; DROP TRIGGER msg_audit_no_delete; DROP TRIGGER msg_audit_no_replace; DROP TRIGGER msg_audit_head_no_delete')
  tamper(db)
  db.close()
  return path
}

async function verify(db: string): Promise<{ code: number; out: string; json: { entries: number; head: string; broken: { id: number; reason: string } | null; unrecordedReleases: string[] } }> {
  const text = await run(db, ['audit', '--verify', '--as', 'root'])
  const json = await run(db, ['audit', '--verify', '--json', '--as', 'root'])
  return { code: text.code, out: text.stdout, json: JSON.parse(json.stdout) }
}

describe('cable audit --verify', () => {
  it('should find an intact log intact and print its head', async () => {
    const v = await verify(base)
    expect(v.code).toBe(0)
    expect(v.out).toMatch(/^\d+ entries verified; head [0-9a-f]{64}\nthe audit log is intact\n$/)
    expect(v.json.entries).toBeGreaterThan(8)
    expect(v.json.broken).toBeNull()
    // only admins verify
    expect((await run(base, ['audit', '--verify', '--as', 'dana'])).code).toBe(4)
  })

  it.each([
    ['a rewritten detail', 3, (db: Database.Database) => db.prepare("UPDATE msg_audit SET detail = 'nothing happened' WHERE id = 3").run(), /entry 3 was rewritten/],
    ['a rewritten actor', 5, (db: Database.Database) => db.prepare("UPDATE msg_audit SET actor = 'someone' WHERE id = 5").run(), /entry 5 was rewritten/],
    ['a rewritten time', 2, (db: Database.Database) => db.prepare('UPDATE msg_audit SET at = at - 86400000 WHERE id = 2').run(), /entry 2 was rewritten/],
    ['a deleted entry', 4, (db: Database.Database) => db.prepare('DELETE FROM msg_audit WHERE id = 4').run(), /entry 4 is missing \(deleted\)/],
    ['two deleted entries', 4, (db: Database.Database) => db.prepare('DELETE FROM msg_audit WHERE id IN (4, 5)').run(), /entry 4–5 is missing/],
    [
      'an entry inserted in the middle (later ones renumbered)',
      4,
      (db: Database.Database) => {
        const rows = db.prepare('SELECT * FROM msg_audit WHERE id >= 3 ORDER BY id DESC').all() as Record<string, unknown>[]
        for (const r of rows) db.prepare('UPDATE msg_audit SET id = id + 1 WHERE id = ?').run(r.id)
        const prev = (db.prepare('SELECT hash FROM msg_audit WHERE id = 2').get() as { hash: string }).hash
        const forged = { id: 3, at: 1, actor: 'root', action: 'user', outcome: 'ok', cableId: null, draftId: null, post: null, detail: 'mallory: admin', prevHash: prev }
        db.prepare('INSERT INTO msg_audit (id, at, actor, action, outcome, cable_id, draft_id, post, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          3, 1, 'root', 'user', 'ok', null, null, null, forged.detail, prev, entryHash(forged),
        )
      },
      /entry 4 does not link to entry 3/,
    ],
    [
      'an entry appended without the head',
      -1,
      (db: Database.Database) => {
        const last = db.prepare('SELECT id, hash FROM msg_audit ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
        const forged = { id: last.id + 1, at: 2, actor: 'root', action: 'read', outcome: 'ok', cableId: null, draftId: null, post: null, detail: '', prevHash: last.hash }
        db.prepare('INSERT INTO msg_audit (id, at, actor, action, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(forged.id, 2, 'root', 'read', 'ok', '', last.hash, entryHash(forged))
      },
      /entries were cut from the end or the head was changed/,
    ],
    ['the last entries cut', -1, (db: Database.Database) => db.prepare('DELETE FROM msg_audit WHERE id > (SELECT max(id) - 2 FROM msg_audit)').run(), /entries were cut from the end/],
    ['the last entries cut and the head row deleted', -1, (db: Database.Database) => db.exec('DELETE FROM msg_audit WHERE id > (SELECT max(id) - 2 FROM msg_audit); DELETE FROM msg_audit_head'), /the head row is missing/],
    ['the head row deleted', -1, (db: Database.Database) => db.exec('DELETE FROM msg_audit_head'), /the head row is missing/],
    ['the head table dropped', -1, (db: Database.Database) => db.exec('DROP TABLE msg_audit_head'), /the head row is missing/],
  ])('should report %s at the first broken link', async (_, id, tamper, reason) => {
    const db = tampered(`t${Math.random().toString(36).slice(2)}`, tamper)
    const v = await verify(db)
    expect(v.code).toBe(1)
    expect(v.out).toMatch(/BROKEN at entry \d+: /)
    expect(v.json.broken!.reason).toMatch(reason)
    if (id > 0) expect(v.json.broken!.id).toBe(id)
  })

  it('should notice a log emptied behind released cables, and a log rebuilt from scratch by its noted head', async () => {
    const head = (await verify(base)).json.head
    const emptied = tampered('emptied', (db) => {
      db.exec('DELETE FROM msg_audit; DELETE FROM msg_audit_head')
    })
    const v = await verify(emptied)
    expect(v.code).toBe(1)
    expect(v.json.unrecordedReleases).toHaveLength(1)
    expect(v.out).toContain('released cables with no release entry in the log')
    // rewritten consistently (every hash recomputed, the head updated): only the noted head tells
    const rebuilt = tampered('rebuilt', (db) => {
      const rows = db.prepare('SELECT id, at, actor, action, outcome, cable_id AS cableId, draft_id AS draftId, post, detail FROM msg_audit ORDER BY id').all() as never[]
      let prev = GENESIS_HASH
      for (const r of rows as { id: number; actor: string }[]) {
        const e = { ...(r as object), actor: r.actor === 'dana' ? 'carl' : r.actor, prevHash: prev } as Parameters<typeof entryHash>[0]
        const hash = entryHash(e)
        db.prepare('UPDATE msg_audit SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?').run(e.actor, prev, hash, r.id)
        prev = hash
      }
      db.prepare('UPDATE msg_audit_head SET hash = ?').run(prev)
    })
    expect((await verify(rebuilt)).code).toBe(0)
    const checked = await run(rebuilt, ['audit', '--verify', '--expect-head', head, '--as', 'root'])
    expect(checked.code).toBe(1)
    expect(checked.stdout).toContain('is no entry of this log')
    expect((await run(base, ['audit', '--verify', '--expect-head', head, '--as', 'root'])).code).toBe(0)
  })

  it('should refuse INSERT OR REPLACE over an audit entry, a released cable or a principal, and UPDATE and DELETE', () => {
    const path = join(dir, 'replace.db')
    copyFileSync(base, path)
    const db = new Database(path)
    try {
      expect(() => db.prepare("INSERT OR REPLACE INTO msg_audit (id, at, actor, action, outcome, detail) VALUES (1, 0, 'x', 'y', 'ok', '')").run()).toThrow(/append-only/)
      expect(() => db.prepare("REPLACE INTO msg_audit (id, at, actor, action, outcome, detail) VALUES (2, 0, 'x', 'y', 'ok', '')").run()).toThrow(/append-only/)
      expect(() => db.prepare("UPDATE msg_audit SET detail = 'x' WHERE id = 1").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM msg_audit').run()).toThrow(/append-only/)
      const cable = db.prepare('SELECT * FROM msg_cable').get() as Record<string, unknown>
      const cols = Object.keys(cable)
      const replace = (over: Record<string, unknown>) =>
        db.prepare(`INSERT OR REPLACE INTO msg_cable (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => (c in over ? over[c] : cable[c])))
      expect(() => replace({ text: 'a forged text' })).toThrow(/immutable/)
      expect(() => replace({ id: 'OTHER1', text: 'same draft, other id' })).toThrow(/immutable/)
      expect(() => replace({ id: 'OTHER2', draft_id: 999 })).toThrow(/immutable/)
      expect((db.prepare('SELECT text FROM msg_cable').get() as { text: string }).text).toBe(cable.text)
      expect(() => db.prepare('DELETE FROM msg_audit_head').run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
  })

  it('should verify chains the way every engine writes them', () => {
    const a = { id: 1, at: 5, actor: 'a', action: 'x', outcome: 'ok', cableId: null, draftId: null, post: null, detail: 'd', prevHash: GENESIS_HASH }
    const ha = entryHash(a)
    const b = { ...a, id: 2, detail: 'e', prevHash: ha }
    const hb = entryHash(b)
    expect(verifyChain([{ ...a, hash: ha }, { ...b, hash: hb }], { entries: 2, head: hb })).toEqual({ entries: 2, head: hb, broken: null })
    // fields cannot run into each other
    expect(entryHash({ ...a, actor: 'ab', action: 'c' })).not.toBe(entryHash({ ...a, actor: 'a', action: 'bc' }))
    expect(verifyChain([{ ...b, hash: hb }], null).broken).toMatchObject({ id: 1, reason: expect.stringMatching(/entry 1 is missing/) })
    // a store that keeps a head and lost it is broken; one that keeps none is judged by its links alone
    expect(verifyChain([{ ...a, hash: ha }, { ...b, hash: hb }], 'missing').broken).toMatchObject({ id: 3, reason: expect.stringMatching(/the head row is missing/) })
    expect(verifyChain([{ ...a, hash: ha }, { ...b, hash: hb }], null).broken).toBeNull()
  })
})

describe.each(ENGINES)('the audit head on every engine (%s)', (engine) => {
  it('should report a log whose head row was deleted as broken, a cut at the end included', async () => {
    const env = await freshContext({}, engine)
    const sql = await rawSql(env)
    try {
      await addUsers(env.ctx, [{ name: 'dana', post: 'SECSTATE WASHDC', roles: ['drafter'], clearance: 'SECRET' }])
      for (let i = 0; i < 3; i++) await putUser(env.ctx, 'root', { name: `u${i}`, post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'SECRET' })
      expect((await verifyAudit(env.ctx, 'root')).broken).toBeNull()
      const entries = await sql.count('SELECT count(*) AS n FROM msg_audit')
      // whoever can write the database drops the guards, cuts the last two entries and the head with them
      await sql.exec(engine === 'postgres' ? 'DROP TRIGGER msg_audit_no_change ON msg_audit' : 'DROP TRIGGER msg_audit_no_delete')
      await sql.exec(engine === 'postgres' ? 'DROP TRIGGER msg_audit_head_no_delete ON msg_audit_head' : 'DROP TRIGGER msg_audit_head_no_delete')
      await sql.exec(`DELETE FROM msg_audit WHERE id > ${entries - 2}`)
      await sql.exec('DELETE FROM msg_audit_head')
      const v = await verifyAudit(env.ctx, 'root')
      expect(v.broken).toMatchObject({ id: entries - 1, reason: expect.stringMatching(/^the head row is missing/) })
      expect(v.entries).toBe(entries - 2)
      // and nothing more is written onto a log without its head: every audited step is refused in words
      await expect(putUser(env.ctx, 'root', { name: 'late', post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'SECRET' })).rejects.toThrow(
        /audit log: its head row is missing while it holds \d+ entries/,
      )
      await sql.exec('DROP TABLE msg_audit_head')
      expect((await verifyAudit(env.ctx, 'root')).broken?.reason).toMatch(/^the head row is missing/)
    } finally {
      await sql.close()
      await env.cleanup()
    }
  })
})
