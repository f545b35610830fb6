import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCable, type RunResult } from '../memory-io.js'

// Need to know on every read path of an operator database, principals at release, roles for import and
// administration, and the rules an admin cannot bend for himself.

const dir = mkdtempSync(join(tmpdir(), 'cablegram-ntk-'))
const db = join(dir, 'ops.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const run = (argv: string[]): Promise<RunResult> => runCable(argv, { cwd: dir, env: { CABLEGRAM_DB: db } })
const as = (user: string, ...argv: string[]) => run([...argv, '--as', user])
async function ok(user: string, ...argv: string[]): Promise<RunResult> {
  const r = await as(user, ...argv)
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

const yy = String(new Date().getUTCFullYear()).slice(2)

function draft(to: string, classification: string, captions: string[], mark: string, subject: string): string {
  const file = join(dir, `${subject.replace(/\W/g, '')}.yaml`)
  writeFileSync(
    file,
    [
      'precedence: ROUTINE',
      `to: [${to}]`,
      `classification: ${classification}`,
      `captions: [${captions.join(', ')}]`,
      `eo: { order: '13526', declassify: ${classification === 'UNCLASSIFIED' ? 'N/A' : '2036-01-01'} }`,
      'tags: [PREL]',
      `subject: { marking: ${mark}, text: ${subject} }`,
      ...(classification === 'UNCLASSIFIED' ? [] : ['classifiedBy: Dana Drafter, Director, reasons 1.4 (b) and (d)']),
      'body:',
      `  - marking: ${mark}`,
      `    text: Officials discussed the ${subject.toLowerCase()} at length this week.`,
      'signature: [DOE]',
      'clearers: [carl]',
    ].join('\n'),
  )
  return file
}

async function release(file: string, ...extra: string[]): Promise<RunResult> {
  const id = /draft (\d+)/.exec((await ok('dana', 'draft', 'new', file)).stdout)![1]
  await ok('carl', 'clear', id)
  await ok('carl', 'approve', id)
  return as('dana', 'release', id, '--json', ...extra)
}

beforeAll(async () => {
  expect((await run(['directory', 'init'])).code).toBe(0)
  // an admin grants only what he holds: root holds the archive-reader role he gives olga
  expect((await run(['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin,archive-reader', '--clearance', 'TOP SECRET', '--caveats', 'NOFORN,NODIS,EXDIS'])).code).toBe(0)
  const users: [string, string, string, string, string][] = [
    ['dana', 'SECSTATE WASHDC', 'drafter,reader', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['carl', 'SECSTATE WASHDC', 'clearer,approver', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['dora', 'AMEMBASSY DUSHANBE', 'reader', 'SECRET', 'NOFORN,NODIS'],
    ['nina', 'AMEMBASSY DUSHANBE', 'reader', 'SECRET', 'NOFORN,NODIS'],
    ['olga', 'AMEMBASSY OTTAWA', 'reader,archive-reader', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['kim', 'AMEMBASSY KABUL', 'reader', 'SECRET', 'NOFORN'],
    ['arch', 'SECSTATE WASHDC', 'archivist', 'UNCLASSIFIED', ''],
  ]
  for (const [name, post, roles, clearance, caveats] of users) {
    await ok('root', 'user', 'add', name, '--post', post, '--roles', roles, '--clearance', clearance, ...(caveats ? ['--caveats', caveats] : []))
  }
}, 120_000)

describe('who may read a released cable', () => {
  it('should let the receiving post read only once delivered, the originating post at once, and nobody else', async () => {
    const r = await release(draft('AMEMBASSY DUSHANBE', 'SECRET', ['NOFORN'], 'S//NF', 'GLACIER SURVEY'))
    expect(r.code, r.stderr).toBe(0)
    const id = JSON.parse(r.stdout).cableId
    // queued, not delivered: Dushanbe has no need to know yet; Washington (origin) reads it
    expect((await as('dora', 'show', id)).code).toBe(1)
    expect((await as('dora', 'search', 'glacier')).code).toBe(1)
    expect((await ok('dana', 'show', id)).stdout).toContain('GLACIER SURVEY')
    expect((await run(['deliver'])).code).toBe(0)
    for (const argv of [['show', id], ['read', id], ['refs', id], ['search', 'glacier', '--format', 'json']]) expect((await as('dora', ...argv)).code, argv.join(' ')).toBe(0)
    // cleared for it, at a post it was not sent to: nothing, and the same answer as for no cable at all
    for (const who of ['olga', 'kim']) {
      const shown = await as(who, 'show', id)
      expect(shown.code).toBe(1)
      expect(shown.stderr).toBe((await as(who, 'show', `${yy}STATE99999`)).stderr.replace(`${yy}STATE99999`, id))
      expect((await as(who, 'read', id)).stderr).toBe(`cable: no cable ${id} for ${who}\n`)
      expect(JSON.parse((await as(who, 'search', 'glacier', '--format', 'json')).stdout).total).toBe(0)
      expect(JSON.parse((await as(who, 'stats', '--format', 'json')).stdout).byOrigin.find((o: { value: string }) => o.value === 'STATE')?.count ?? 0).toBe(0)
    }
  })

  it('should let cleared readers anywhere read a SIPDIS cable, and members of a collective read what it was sent', async () => {
    const sipdis = JSON.parse((await release(draft('AMEMBASSY DUSHANBE', 'CONFIDENTIAL', ['SIPDIS'], 'C', 'WATER COMPACT'))).stdout).cableId
    const collective = JSON.parse((await release(draft('ALL SOUTH AND CENTRAL ASIA COLLECTIVE', 'SECRET', ['NOFORN'], 'S//NF', 'REGIONAL ENERGY GRID'))).stdout).cableId
    await run(['deliver'])
    expect((await ok('olga', 'show', sipdis)).stdout).toContain('WATER COMPACT')
    expect((await ok('kim', 'read', sipdis)).stdout).toContain('WATER COMPACT')
    // Kabul is a member of the collective; Ottawa (olga) is not
    expect((await ok('kim', 'show', collective)).stdout).toContain('REGIONAL ENERGY GRID')
    expect((await as('olga', 'show', collective)).code).toBe(1)
  })

  it('should let only the named principals read a NODIS or EXDIS cable, and demand them at release', async () => {
    const file = draft('AMEMBASSY DUSHANBE', 'SECRET', ['NODIS'], 'S//NODIS', 'SUCCESSION PLANNING')
    const missing = await release(file)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('read only by its principals: name them')
    const id = /draft (\d+)/.exec((await ok('root', 'audit', '--action', 'release', '--outcome', 'refused', '--json')).stdout) ? null : null
    void id
    const uncleared = await as('dana', 'release', String(await lastDraft()), '--principals', 'kim')
    expect(uncleared.code).toBe(2)
    expect(uncleared.stderr).toContain('kim: not cleared for SECRET//NODIS')
    const r = await as('dana', 'release', String(await lastDraft()), '--principals', 'dora', '--json')
    expect(r.code, r.stderr).toBe(0)
    const cableId = JSON.parse(r.stdout).cableId
    await run(['deliver'])
    expect((await ok('dora', 'show', cableId)).stdout).toContain('SUCCESSION PLANNING')
    expect((await ok('dana', 'read', cableId)).stdout).toContain('SUCCESSION PLANNING') // the releaser is a principal
    // nina: same post, same clearance and caveats, not named
    expect((await as('nina', 'show', cableId)).code).toBe(1)
    expect((await as('nina', 'read', cableId)).code).toBe(3)
    expect((await as('nina', 'inbox')).stdout).not.toContain(cableId)
    expect((await as('olga', 'show', cableId)).code).toBe(1)
    // principals mean nothing on other cables
    const plain = await release(draft('AMEMBASSY DUSHANBE', 'UNCLASSIFIED', [], 'U', 'COTTON HARVEST'), '--principals', 'dora')
    expect(plain.code).toBe(2)
    expect(plain.stderr).toContain('principals are named only for NODIS or EXDIS cables')
  })

  it('should keep an EXDIS cable from a reader at the receiving post who holds EXDIS but is not named', async () => {
    // otis: Ottawa, cleared SECRET with EXDIS, exactly as olga; only olga is named
    await ok('root', 'user', 'add', 'otis', '--post', 'AMEMBASSY OTTAWA', '--roles', 'reader', '--clearance', 'SECRET', '--caveats', 'NOFORN,NODIS,EXDIS')
    const r = await release(draft('AMEMBASSY OTTAWA', 'SECRET', ['EXDIS'], 'S//EXDIS', 'BOUNDARY WATERS'), '--principals', 'olga')
    expect(r.code, r.stderr).toBe(0)
    const cableId = JSON.parse(r.stdout).cableId
    await run(['deliver'])
    expect((await ok('olga', 'show', cableId)).stdout).toContain('BOUNDARY WATERS')
    expect(JSON.parse((await ok('olga', 'search', 'boundary', '--format', 'json')).stdout).total).toBe(1)
    expect((await as('otis', 'show', cableId)).code).toBe(1)
    expect((await as('otis', 'read', cableId)).stderr).toBe(`cable: no cable ${cableId} for otis\n`)
    expect(JSON.parse((await as('otis', 'search', 'boundary', '--format', 'json')).stdout).total).toBe(0)
    expect((await as('otis', 'inbox')).stdout).not.toContain(cableId)
  })
})

async function lastDraft(): Promise<number> {
  const list = JSON.parse((await ok('dana', 'draft', 'list', '--json')).stdout) as { id: number; state: string }[]
  return Math.max(...list.filter((d) => d.state === 'approved').map((d) => d.id))
}

describe('imported cables in an operator database', () => {
  it('should let only archivists and admins import, withhold the outcome per cable, and let only archive readers read them', async () => {
    const text = (serial: number, word: string) =>
      `R 011200Z JAN ${yy}\nFM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nBT\nUNCLAS STATE 00000${serial}\n\nSUBJECT: ${word.toUpperCase()} REPORT\n\n1. (U) The ${word} report follows.\nBT\n`
    // an old text that holds an MRN Washington has not issued yet
    const next = 90 + Math.floor(Math.random() * 9)
    writeFileSync(join(dir, 'old.txt'), text(next, 'tapestry'))
    expect((await as('dora', 'import', 'old.txt')).code).toBe(4)
    expect((await run(['import', 'old.txt'])).code).toBe(4)
    const imported = await as('arch', 'import', 'old.txt', '--format', 'json')
    expect(imported.code, imported.stderr).toBe(0)
    const report = JSON.parse(imported.stdout)
    expect(report.cables).toBe(1)
    for (const k of ['inserted', 'unchanged', 'replaced', 'versionsAdded', 'sectionsAdded', 'sourcesAdded']) expect(report).not.toHaveProperty(k)
    // again: the same report, whether or not the cable was there before
    const again = JSON.parse((await as('arch', 'import', 'old.txt', '--format', 'json')).stdout)
    expect({ ...again, seconds: 0 }).toEqual({ ...report, seconds: 0 })
    const text2 = (await as('arch', 'import', 'old.txt')).stdout
    expect(text2).not.toMatch(/already stored|new \d/)
    const id = `${yy}STATE${next}`
    expect((await ok('olga', 'show', id)).stdout).toContain('TAPESTRY REPORT')
    expect((await as('dora', 'show', id)).code).toBe(1)
    expect((await as('dana', 'show', id)).code).toBe(1) // cleared for everything, but no archive reader
    // releases of Washington go on past the imported MRN
    const serials: number[] = []
    for (let i = 0; i < next + 1 - 5; i++) {
      if (serials.length && serials[serials.length - 1] >= next) break
      const r = await release(draft('AMEMBASSY DUSHANBE', 'UNCLASSIFIED', [], 'U', `ROUTINE NOTE ${i}`))
      expect(r.code, r.stderr).toBe(0)
      serials.push(Number(JSON.parse(r.stdout).cableId.slice(`${yy}STATE`.length)))
    }
    expect(serials).not.toContain(next)
    expect(serials[serials.length - 1]).toBe(next + 1)
  }, 300_000)
})

describe('administration', () => {
  it('should need the admin role to list users, show others and see the delivery queue', async () => {
    for (const argv of [['user', 'list'], ['user', 'show', 'kim'], ['deliver', '--status']]) {
      expect((await as('dora', ...argv)).code, argv.join(' ')).toBe(4)
      expect((await run(argv)).code, argv.join(' ')).toBe(4)
      expect((await as('root', ...argv)).code, argv.join(' ')).toBe(0)
    }
    expect(JSON.parse((await ok('dora', 'user', 'show', 'dora')).stdout).name).toBe('dora')
  })

  it('should keep an admin from raising his own access and the last admin from leaving', async () => {
    const raise = await as('root', 'user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'TOP SECRET', '--caveats', 'NOFORN,NODIS,EXDIS,ORCON')
    expect(raise.code).toBe(4)
    expect(raise.stderr).toContain('cannot read himself into ORCON')
    expect((await as('root', 'user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'archive-reader', '--clearance', 'SECRET')).stderr).toContain('last active admin')
    expect((await as('root', 'user', 'deactivate', 'root')).stderr).toContain('last active admin')
    await ok('root', 'user', 'add', 'ada', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET')
    const self = await as('ada', 'user', 'add', 'ada', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'TOP SECRET')
    expect(self.code).toBe(4)
    expect(self.stderr).toContain('cannot raise his own clearance (SECRET to TOP SECRET): another admin must')
    await ok('root', 'user', 'add', 'ada', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'TOP SECRET')
    // with another admin, stepping down is allowed; lowering one's own clearance always is
    await ok('root', 'user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET', '--caveats', 'NOFORN')
    await ok('root', 'user', 'deactivate', 'root')
    expect((await as('ada', 'user', 'deactivate', 'ada')).stderr).toContain('last active admin')
    const refusals = JSON.parse((await ok('ada', 'audit', '--outcome', 'refused', '--action', 'user', '--json')).stdout) as { actor: string }[]
    expect(refusals.length).toBeGreaterThanOrEqual(4)
  })
})
