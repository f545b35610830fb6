import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cable } from './cli-harness.js'

const DRAFT = fileURLToPath(new URL('./fixtures/border-training.yaml', import.meta.url))
const TELEGRAM = fileURLToPath(new URL('./fixtures/crossing-hours.txt', import.meta.url))

describe('cable CLI: directory, users, workflow, delivery, reading, audit', () => {
  let dir: string
  let db: string
  const as = (user: string, ...argv: string[]) => cable(db, [...argv, '--as', user])
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cablegram-cli-'))
    db = join(dir, 'cli.db')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('should bootstrap the directory and the first admin, then refuse non-admins', async () => {
    const missing = await cable(db, ['inbox', '--as', 'root'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no database at')
    const init = await cable(db, ['directory', 'init'])
    expect(init.code).toBe(0)
    expect(init.stdout).toMatch(/installed \d{3} posts, \d+ offices, 4 collectives/)
    expect((await cable(db, ['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'drafter', '--clearance', 'SECRET'])).stderr).toMatch(/first user .* admin/)
    // the first admin is cleared for what he will grant: an admin gives nobody more than he holds
    expect((await cable(db, ['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET', '--caveats', 'NOFORN'])).code).toBe(0)
    const users: [string, string, string, string, string?][] = [
      ['dana', 'SECSTATE WASHDC', 'drafter,reader', 'SECRET', 'NOFORN'],
      ['carl', 'SECSTATE WASHDC', 'clearer', 'SECRET'],
      ['abe', 'SECSTATE WASHDC', 'approver', 'SECRET'],
      ['dora', 'AMEMBASSY DUSHANBE', 'reader', 'SBU'],
      ['ulla', 'AMEMBASSY DUSHANBE', 'reader', 'UNCLASSIFIED'],
      ['ivan', 'AMEMBASSY ISLAMABAD', 'reader', 'CONFIDENTIAL'],
      ['kim', 'AMEMBASSY KABUL', 'reader', 'SECRET'],
    ]
    for (const [name, post, roles, clearance, caveats] of users) {
      const r = await as('root', 'user', 'add', name, '--post', post, '--roles', roles, '--clearance', clearance, ...(caveats ? ['--caveats', caveats] : []))
      expect(r.code, r.stderr).toBe(0)
    }
    const bad = await as('root', 'user', 'add', 'zed', '--post', 'AMEMBASSY ATLANTIS', '--roles', 'wizard', '--clearance', 'COSMIC', '--caveats', 'UMBRA')
    expect(bad.code).toBe(2)
    for (const what of ['AMEMBASSY ATLANTIS is not in the directory', 'role wizard', 'clearance COSMIC', 'caveat UMBRA']) expect(bad.stderr).toContain(what)
    expect((await as('dana', 'user', 'add', 'eve', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET')).code).toBe(4)
    const sca = await cable(db, ['directory', 'show', 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE'])
    expect(JSON.parse(sca.stdout).members).toContainEqual({ post: 'AMEMBASSY DUSHANBE', inferred: false })
  })

  it('should run a YAML draft through clear, approve, release and delivery', async () => {
    const created = await as('dana', 'draft', 'new', DRAFT)
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/^draft 1 created at SECSTATE WASHDC; clearers: carl\n$/)
    const early = await as('abe', 'release', '1')
    expect(early.code).toBe(5)
    expect(early.stderr).toContain('draft 1 is not approved yet')
    expect((await as('abe', 'approve', '1')).stderr).toContain('still needs clearance from: carl')
    expect((await as('carl', 'clear', '1')).stdout).toBe('draft 1 cleared; ready for approval\n')
    expect((await as('abe', 'approve', '1')).code).toBe(0)
    const released = await as('abe', 'release', '1', '--json')
    expect(released.code, released.stderr).toBe(0)
    const r = JSON.parse(released.stdout)
    expect(r.cableId).toMatch(/^\d\dSTATE1$/)
    expect(r.deliveries.map((d: { post: string }) => d.post)).not.toContain('AMEMBASSY KABUL')
    expect((await cable(db, ['deliver', '--status'])).code).toBe(4) // the queue is the admins' to see
    expect((await as('dana', 'deliver', '--status')).code).toBe(4)
    const status = await as('root', 'deliver', '--status')
    expect(status.stdout).toMatch(/^IMMEDIATE\t1\nROUTINE\t17\n$/)
    expect((await cable(db, ['deliver'])).stdout).toBe('delivered 18\n')
    expect((await cable(db, ['deliver'])).stdout).toBe('delivered 0\n')
  })

  it('should show each reader only what they are cleared for, and audit reads and denials', async () => {
    const box = await as('dora', 'inbox')
    expect(box.stdout).toMatch(/^1 cable\nIMMEDIATE\tACTION\t\d\dSTATE1\t\S+\tnew\tBORDER GUARD TRAINING/)
    const id = box.stdout.split('\t')[2]
    const read = await as('dora', 'read', id, '--ack')
    expect(read.code).toBe(0)
    expect(read.stdout).toContain('SUBJECT: (SBU) BORDER GUARD TRAINING COHORT')
    expect(read.stderr).toBe(`acknowledged ${id}\n`)
    expect((await as('dora', 'inbox')).stdout).toContain('ack dora')
    expect((await as('ulla', 'inbox')).stdout).toBe('0 cables\n')
    expect((await as('ulla', 'read', id)).code).toBe(3)
    // kim's post was excluded (XMT), but the cable is captioned SIPDIS: cleared readers anywhere may read it
    expect((await as('kim', 'read', id)).code).toBe(0)
    const info = await as('ivan', 'inbox')
    expect(info.stdout).toMatch(/ROUTINE\tINFO/)
    expect((await as('ivan', 'subscribe', 'keyword', 'border guards')).code).toBe(0)
    expect((await as('ivan', 'inbox', '--feed')).stdout).toContain('keyword:border guards')
    expect((await as('ivan', 'subscribe', 'tag', 'ECON')).code).toBe(0)
    expect((await as('ivan', 'subscribe', '--list')).stdout).toBe('keyword\tborder guards\ntag\tECON\n')
    expect((await as('dora', 'audit')).code).toBe(4)
    const log = await as('root', 'audit', '--cable', id, '--json')
    const entries: { actor: string; action: string; outcome: string }[] = JSON.parse(log.stdout)
    expect(entries.filter((e) => e.action === 'deliver')).toHaveLength(18)
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'dora', action: 'read', outcome: 'ok' }))
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'ulla', action: 'read', outcome: 'denied' }))
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'kim', action: 'read', outcome: 'ok' }))
    expect(entries.find((e) => e.action === 'release')).toMatchObject({ actor: 'abe', outcome: 'ok' })
  })

  it('should draft from telegram text and deactivate a user', async () => {
    const created = await as('dana', 'draft', 'new', TELEGRAM, '--clearer', 'carl', '--json')
    expect(created.code, created.stderr).toBe(0)
    const { draft } = JSON.parse(created.stdout)
    expect(draft.fields).toMatchObject({ precedence: 'PRIORITY', to: [{ name: 'AMEMBASSY DUSHANBE', precedence: 'PRIORITY' }], info: [{ name: 'AMEMBASSY TASHKENT' }], tags: ['PREL', 'TI', 'UZ'] })
    const shown = await as('carl', 'draft', 'show', String(draft.id))
    expect(shown.stdout).toContain('SUBJECT: (U) SYNTHETIC TEST: WINTER HOURS AT THE')
    expect((await as('dora', 'draft', 'show', String(draft.id))).code).toBe(3)
    expect((await as('root', 'user', 'deactivate', 'ulla')).stdout).toContain('(deactivated)')
    expect((await as('ulla', 'inbox')).stderr).toContain('user ulla is deactivated')
  })

  it('should manage collectives, edit drafts, print releases and remove subscriptions', async () => {
    const add = await as('root', 'directory', 'add-collective', 'TAJIK BORDER COLLECTIVE', '--member', 'AMEMBASSY DUSHANBE', 'AMEMBASSY TASHKENT')
    expect(add.stdout).toBe('collective TAJIK BORDER COLLECTIVE: +2 members\n')
    expect((await as('dana', 'directory', 'add-collective', 'X COLLECTIVE', '--member', 'AMEMBASSY DUSHANBE')).code).toBe(4)
    expect((await as('root', 'directory', 'add-collective', 'Y COLLECTIVE', '--member', 'AMEMBASSY NOWHERE')).stderr).toContain('not posts in the directory: AMEMBASSY NOWHERE')
    const created = await as('dana', 'draft', 'new', TELEGRAM, '--clearer', 'carl', '--json')
    const id = String(JSON.parse(created.stdout).draft.id)
    expect((await as('carl', 'clear', id)).code).toBe(0)
    const edited = await as('dana', 'draft', 'edit', id, DRAFT, '--clearer', 'carl')
    expect(edited.stdout).toContain('clearances start over')
    expect((await as('abe', 'approve', id)).stderr).toContain('still needs clearance from: carl')
    expect((await as('carl', 'clear', id)).code).toBe(0)
    expect((await as('abe', 'approve', id)).code).toBe(0)
    const printed = await as('abe', 'release', id, '--print')
    expect(printed.stdout).toMatch(/^released \d\dSTATE\d+ \(STATE 0000\d\d, \d{6}Z [A-Z]{3} \d\d, 1 section\); 18 deliveries queued\n\n\nVZCZC/)
    expect((await as('root', 'directory', 'remove-member', 'TAJIK BORDER COLLECTIVE', 'AMEMBASSY TASHKENT')).code).toBe(0)
    expect((await as('root', 'directory', 'remove-member', 'TAJIK BORDER COLLECTIVE', 'AMEMBASSY TASHKENT')).code).toBe(3)
    expect((await as('ivan', 'subscribe', 'tag', 'ECON', '--remove')).code).toBe(0)
    expect((await as('ivan', 'subscribe', 'tag', 'ECON', '--remove')).code).toBe(3)
    expect((await as('ivan', 'subscribe', 'colour', 'red')).stderr).toContain('expected tag, caption or keyword')
  })

  it('should report bad input with what and where, and never crash', async () => {
    expect((await as('dana', 'draft', 'new', join(dir, 'missing.yaml'))).stderr).toMatch(/cannot read .*missing.yaml/)
    const { writeFileSync } = await import('node:fs')
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'precedence: SOON\nto: AMEMBASSY DUSHANBE\nsubject: {}\nbody: 5\n')
    const r = await as('dana', 'draft', 'new', bad)
    expect(r.code).toBe(2)
    for (const where of ['precedence: unknown precedence "SOON"', 'to: must be a list', 'subject.text: is required', 'body: must be a list']) expect(r.stderr).toContain(where)
    writeFileSync(bad, 'to: [\n')
    expect((await as('dana', 'draft', 'new', bad)).stderr).toMatch(/not valid YAML\/JSON/)
    expect((await as('dana', 'clear', 'x')).stderr).toContain('draft must be a positive whole number')
    expect((await cable(db, ['inbox'])).stderr).toContain('no acting user')
    expect((await as('nobody', 'inbox')).stderr).toContain('unknown user "nobody"')
  })
})
