import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCable, type RunResult } from '../memory-io.js'

// `cable copy` follows the acting-user rule of an operator database: copying out of one reads every cable (its
// admin only), copying into one imports (archivist or admin, as `cable import`), both audited.

const dir = mkdtempSync(join(tmpdir(), 'cablegram-copy-'))
const ops = join(dir, 'ops.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const run = (argv: string[], env: Record<string, string> = {}): Promise<RunResult> => runCable(argv, { cwd: dir, env: { CABLEGRAM_DB: ops, ...env } })
async function ok(...argv: string[]): Promise<RunResult> {
  const r = await run(argv)
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}
const count = (path: string, sql: string): number => {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare(sql).get() as { n: number }).n
  } finally {
    db.close()
  }
}

let cableId = ''
beforeAll(async () => {
  await ok('directory', 'init')
  await ok('user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET', '--caveats', 'NODIS')
  for (const [name, roles] of [['dana', 'drafter'], ['carl', 'clearer,approver'], ['arch', 'archivist']]) {
    await ok('user', 'add', name, '--post', 'SECSTATE WASHDC', '--roles', roles, '--clearance', 'SECRET', '--caveats', 'NODIS', '--as', 'root')
  }
  writeFileSync(
    join(dir, 'nodis.yaml'),
    ['precedence: ROUTINE', 'to: [AMEMBASSY DUSHANBE]', 'classification: SECRET', 'captions: [NODIS]', "eo: { order: '13526', declassify: '2036-01-01' }", 'tags: [PREL]',
      'subject: { marking: S//NODIS, text: QUIET SUCCESSION }', 'classifiedBy: Dana Drafter, Director, 1.4(d)', 'body:', '  - marking: S//NODIS', '    text: The succession stays quiet.', 'signature: [DOE]', 'clearers: [carl]'].join('\n'),
  )
  await ok('draft', 'new', 'nodis.yaml', '--as', 'dana')
  await ok('clear', '1', '--as', 'carl')
  await ok('approve', '1', '--as', 'carl')
  cableId = JSON.parse((await ok('release', '1', '--principals', 'carl', '--json', '--as', 'dana')).stdout).cableId
}, 120_000)

describe('cable copy and the operator database', () => {
  it('should copy out of an operator database only for its admin, and audit it there', async () => {
    const out = join(dir, 'out.db')
    const nobody = await run(['copy', '--from', ops, '--to', out])
    expect(nobody.code).not.toBe(0)
    for (const who of ['dana', 'arch']) {
      const r = await run(['copy', '--from', ops, '--to', out, '--as', who])
      expect(r.code, who).toBe(4)
      expect(r.stderr).toContain('admin role needed to copy')
    }
    const unknown = await run(['copy', '--from', ops, '--to', out, '--as', 'mallory'])
    expect(unknown.code).not.toBe(0)
    // nothing was copied by the refusals
    expect(() => count(out, 'SELECT count(*) AS n FROM cables')).toThrow()
    const r = await run(['copy', '--from', ops, '--to', out, '--as', 'root'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('verified')
    // the whole database (messaging tables too) is copied, audited before it begins so the copy holds the entry
    const copies = () => ok('audit', '--action', 'copy', '--outcome', 'ok', '--json', '--as', 'root').then((x) => JSON.parse(x.stdout))
    expect(await copies()).toEqual([expect.objectContaining({ actor: 'root', detail: 'copy of this database (archive and messaging tables) to another database begins' })])
    expect(count(out, "SELECT count(*) AS n FROM msg_audit WHERE action = 'copy' AND outcome = 'ok'")).toBe(1)
    // the archive alone: audited once done, as before
    expect((await run(['copy', '--from', ops, '--to', join(dir, 'archive-only.db'), '--archive-only', '--as', 'root'])).code).toBe(0)
    expect((await copies())[1]).toEqual(expect.objectContaining({ actor: 'root', detail: '1 cables copied out of this database' }))
    expect(() => count(join(dir, 'archive-only.db'), 'SELECT count(*) AS n FROM msg_user')).toThrow(/no such table/)
    expect(JSON.parse((await ok('audit', '--action', 'copy', '--outcome', 'refused', '--json', '--as', 'root')).stdout).map((e: { actor: string }) => e.actor).sort()).toEqual(['arch', 'dana'])
    // $CABLEGRAM_USER names the acting user as for every other command
    expect((await run(['copy', '--from', ops, '--to', join(dir, 'out2.db')], { CABLEGRAM_USER: 'root' })).code).toBe(0)
  })

  it('should copy into an operator database only for an archivist or admin, keep its released cables and withhold what was there', async () => {
    const plain = join(dir, 'plain.db')
    expect((await run(['copy', '--from', ops, '--to', plain, '--archive-only', '--as', 'root'])).code).toBe(0)
    const before = count(ops, "SELECT count(*) AS n FROM msg_audit WHERE action = 'import'")
    for (const who of ['dana', 'carl']) {
      const r = await run(['copy', '--from', plain, '--to', ops, '--as', who])
      expect(r.code, who).toBe(4)
      expect(r.stderr).toContain('neither the archivist nor the admin role')
    }
    expect((await run(['copy', '--from', plain, '--to', ops])).code).not.toBe(0)
    const r = await run(['copy', '--from', plain, '--to', ops, '--as', 'arch', '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report).toMatchObject({ cables: 1, verified: true })
    expect(report).not.toHaveProperty('written')
    expect(report).not.toHaveProperty('skipped')
    expect((await run(['copy', '--from', plain, '--to', ops, '--as', 'arch'])).stdout).not.toMatch(/written|already there/)
    const imports = JSON.parse((await ok('audit', '--action', 'import', '--json', '--as', 'root')).stdout) as { actor: string; outcome: string; detail: string }[]
    expect(imports.filter((e) => e.outcome === 'refused').map((e) => e.actor).sort()).toEqual(['carl', 'dana'])
    expect(imports.filter((e) => e.outcome === 'ok' && e.actor === 'arch' && e.detail.startsWith('copy: 1 cables'))).toHaveLength(2)
    expect(count(ops, "SELECT count(*) AS n FROM msg_audit WHERE action = 'import'")).toBe(before + 4)
    // the released cable is unchanged
    expect(count(ops, `SELECT count(*) AS n FROM msg_cable WHERE id = '${cableId}'`)).toBe(1)
  })
})
