import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText } from '../../src/archive/synth/write-synth.js'
import { runCable, type RunResult } from '../memory-io.js'
import { freshDatabase, probePostgres, unreachableMessage, type TestDatabase } from '../support/postgres.js'

/**
 * Non-interference: whatever a user runs, the answers are the same against the operator database and
 * against a copy holding only the cables that user may read. Results, totals, facets, histograms,
 * snippets, exports, reference graphs, statistics, inboxes and error messages must not depend on a cable
 * the user cannot read (ranking order aside: search results are compared as sets, or sorted by date).
 * Who may read what is computed here independently of the engine (`oracle`), from the rule in
 * docs/messaging.md. The same scenario runs on each engine: SQLite files copied and trimmed, PostgreSQL
 * databases cloned from a template and trimmed.
 */

const dir = mkdtempSync(join(tmpdir(), 'cablegram-ni-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = (db: string, argv: string[]): Promise<RunResult> => runCable(argv, { cwd: dir, env: { CABLEGRAM_DB: db } })
async function ok(db: string, argv: string[]): Promise<RunResult> {
  const r = await run(db, argv)
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

interface Reader {
  name: string
  post: string
  clearance: string
  caveats: string
  roles: string
}

// five readers (and one more) of different levels, caveats, posts and roles
const READERS: Reader[] = [
  { name: 'sam', post: 'SECSTATE WASHDC', clearance: 'TOP SECRET', caveats: 'NOFORN,NODIS,EXDIS', roles: 'reader,archive-reader' },
  { name: 'dora', post: 'AMEMBASSY DUSHANBE', clearance: 'SBU', caveats: '', roles: 'reader' },
  { name: 'tess', post: 'AMEMBASSY DUSHANBE', clearance: 'TOP SECRET', caveats: 'NOFORN,NODIS,EXDIS', roles: 'reader' },
  { name: 'kim', post: 'AMEMBASSY KABUL', clearance: 'SECRET', caveats: 'NOFORN,EXDIS', roles: 'reader,archive-reader' },
  { name: 'ivan', post: 'AMEMBASSY ISLAMABAD', clearance: 'CONFIDENTIAL', caveats: '', roles: 'reader,archive-reader' },
  { name: 'omar', post: 'AMEMBASSY TASHKENT', clearance: 'TOP SECRET', caveats: 'NOFORN,NODIS,EXDIS', roles: 'reader,archive-reader' },
]

/** Drafts released in the scenario: addressees, level, captions, paragraph marks, principals. */
const RELEASES: { to: string; classification: string; captions: string[]; mark: string; words: string; principals?: string }[] = [
  { to: 'AMEMBASSY DUSHANBE', classification: 'SECRET', captions: ['NOFORN'], mark: 'S//NF', words: 'glacier survey helicopter' },
  { to: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE', classification: 'CONFIDENTIAL', captions: ['SIPDIS'], mark: 'C', words: 'regional water compact' },
  { to: 'AMEMBASSY DUSHANBE', classification: 'SECRET', captions: ['NODIS'], mark: 'S//NODIS', words: 'succession contingency planning', principals: 'sam' },
  { to: 'AMEMBASSY ISLAMABAD', classification: 'UNCLASSIFIED', captions: ['SIPDIS'], mark: 'U', words: 'visa appointment backlog' },
  { to: 'AMEMBASSY KABUL', classification: 'CONFIDENTIAL', captions: ['EXDIS'], mark: 'C//EXDIS', words: 'detainee transfer assurances', principals: 'kim' },
  { to: 'AMEMBASSY DUSHANBE', classification: 'UNCLASSIFIED', captions: [], mark: 'U', words: 'cotton harvest labor' },
  { to: 'AMEMBASSY KABUL', classification: 'SECRET', captions: ['SIPDIS', 'NOFORN'], mark: 'S//NF', words: 'glacier border crossing' },
]

function draftYaml(r: (typeof RELEASES)[number], i: number): string {
  return [
    'precedence: PRIORITY',
    'to:',
    `  - ${r.to}`,
    `classification: ${r.classification}`,
    `captions: [${r.captions.join(', ')}]`,
    `eo: { order: '13526', declassify: ${r.classification === 'UNCLASSIFIED' ? 'N/A' : '2036-01-01'} }`,
    'tags: [PREL, PGOV]',
    'subject:',
    `  marking: ${r.mark}`,
    `  text: ${r.words.toUpperCase()} UPDATE ${i + 1}`,
    ...(r.classification === 'UNCLASSIFIED' ? [] : ['classifiedBy: Dana Drafter, Office Director, reasons 1.4 (b) and (d)']),
    'body:',
    `  - marking: ${r.mark}`,
    `    text: The ${r.words} discussion continued this week with officials of the ministry.`,
    `  - marking: ${r.mark}`,
    `    text: Post will report on the ${r.words.split(' ')[0]} question as it develops.`,
    'signature: [DOE]',
    'clearers: [carl]',
  ].join('\n')
}

/** The scenario: directory, staff and readers, seven releases delivered, 24 imported historical cables. */
async function buildScenario(full: string): Promise<{ released: string[]; imported: string[] }> {
  const released: string[] = []
  await ok(full, ['directory', 'init'])
  // an admin grants only what he holds: root holds the archive-reader role he gives readers
  await ok(full, ['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin,archive-reader', '--clearance', 'TOP SECRET', '--caveats', 'NOFORN,NODIS,EXDIS'])
  const staff: [string, string, string, string][] = [
    ['dana', 'drafter,reader', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['carl', 'clearer', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['abe', 'approver', 'TOP SECRET', 'NOFORN,NODIS,EXDIS'],
    ['arch', 'archivist', 'UNCLASSIFIED', ''],
  ]
  for (const [name, roles, clearance, caveats] of staff) {
    await ok(full, ['user', 'add', name, '--post', 'SECSTATE WASHDC', '--roles', roles, '--clearance', clearance, ...(caveats ? ['--caveats', caveats] : []), '--as', 'root'])
  }
  for (const r of READERS) {
    await ok(full, ['user', 'add', r.name, '--post', r.post, '--roles', r.roles, '--clearance', r.clearance, ...(r.caveats ? ['--caveats', r.caveats] : []), '--as', 'root'])
  }
  for (const [i, r] of RELEASES.entries()) {
    const file = join(dir, `draft-${i}.yaml`)
    writeFileSync(file, draftYaml(r, i))
    const created = await ok(full, ['draft', 'new', file, '--as', 'dana'])
    const id = /draft (\d+)/.exec(created.stdout)![1]
    await ok(full, ['clear', id, '--as', 'carl'])
    await ok(full, ['approve', id, '--as', 'abe'])
    const rel = await ok(full, ['release', id, '--json', '--as', 'abe', ...(r.principals ? ['--principals', r.principals] : [])])
    released.push(JSON.parse(rel.stdout).cableId)
  }
  await ok(full, ['deliver'])
  // historical cables imported by the archivist (synthetic: levels from UNCLASSIFIED to SECRET//NOFORN)
  const cables = [...synthCables(24, 41)]
  const imported = cables.map((c) => c.id)
  for (const c of cables) writeFileSync(join(dir, `${c.id}.txt`), cableText(c))
  await ok(full, ['import', ...cables.map((c) => `${c.id}.txt`), '--as', 'arch'])
  return { released, imported }
}

/** What the rule reads, fetched from either engine's tables. */
interface RuleTables {
  cables: { key: string; level: number; caveats: string[]; sipdis: boolean }[]
  released: Map<string, string>
  principals: Set<string>
  deliveries: Set<string>
}

/** Who may read what, from the rule in docs/messaging.md, computed from the tables (not by the engine). */
function oracle(t: RuleTables, r: Reader): Set<string> {
  const rank: Record<string, number> = { UNCLASSIFIED: 0, SBU: 1, CONFIDENTIAL: 2, SECRET: 3, 'TOP SECRET': 4 }
  const held = new Set(r.caveats.split(',').filter(Boolean))
  const visible = new Set<string>()
  for (const c of t.cables) {
    if (c.level > rank[r.clearance] || !c.caveats.every((x) => held.has(x))) continue
    const originPost = t.released.get(c.key)
    if (originPost === undefined) {
      if (r.roles.split(',').includes('archive-reader')) visible.add(c.key)
      continue
    }
    if (c.caveats.includes('NODIS') || c.caveats.includes('EXDIS')) {
      if (t.principals.has(`${c.key} ${r.name}`)) visible.add(c.key)
      continue
    }
    if (originPost === r.post || t.deliveries.has(`${c.key} ${r.post}`) || c.sipdis) visible.add(c.key)
  }
  return visible
}

const split = (caveats: string) => caveats.split(/[\s,]+/).filter(Boolean)

function sqliteTables(file: string): RuleTables {
  const db = new Database(file, { readonly: true })
  try {
    const cables = (db.prepare("SELECT key, level, caveats, EXISTS (SELECT 1 FROM cable_captions k WHERE k.cable = c.rowid AND k.caption = 'SIPDIS') AS sipdis FROM cables c").all() as { key: string; level: number; caveats: string; sipdis: number }[]).map((c) => ({ ...c, caveats: split(c.caveats), sipdis: c.sipdis === 1 }))
    const released = new Map((db.prepare('SELECT id, origin_post FROM msg_cable').raw().all() as [string, string][]))
    const principals = new Set((db.prepare('SELECT cable_id, user_name FROM msg_principal').raw().all() as string[][]).map((x) => x.join(' ')))
    const deliveries = new Set((db.prepare('SELECT cable_id, post FROM msg_delivery WHERE delivered_at IS NOT NULL').raw().all() as string[][]).map((x) => x.join(' ')))
    return { cables, released, principals, deliveries }
  } finally {
    db.close()
  }
}

async function pgTables(url: string): Promise<RuleTables> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const q = async (sql: string) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][]
    const cables = (await q("SELECT key, level, caveats, EXISTS (SELECT 1 FROM cable_captions k WHERE k.cable = c.id AND k.caption = 'SIPDIS') FROM cables c")).map(([key, level, caveats, sipdis]) => ({
      key: key as string,
      level: Number(level),
      caveats: split(caveats as string),
      sipdis: sipdis as boolean,
    }))
    const released = new Map((await q('SELECT id, origin_post FROM msg_cable')) as [string, string][])
    const principals = new Set((await q('SELECT cable_id, user_name FROM msg_principal')).map((x) => x.join(' ')))
    const deliveries = new Set((await q('SELECT cable_id, post FROM msg_delivery WHERE delivered_at IS NOT NULL')).map((x) => x.join(' ')))
    return { cables, released, principals, deliveries }
  } finally {
    await client.end()
  }
}

/** A copy of the SQLite database holding only `keep` of the archive's cables (messaging tables untouched). */
function copyWithOnly(full: string, target: string, keep: Set<string>): void {
  copyFileSync(full, target)
  const db = new Database(target)
  try {
    const drop = (db.prepare('SELECT rowid, key FROM cables').all() as { rowid: number; key: string }[]).filter((c) => !keep.has(c.key)).map((c) => c.rowid)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'msg_%' AND name NOT LIKE 'cables_fts_%'").pluck().all() as string[]
    db.transaction(() => {
      for (const rowid of drop) {
        for (const t of tables) {
          const cols = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[])
          if (t === 'cables' || t === 'cable_texts' || t === 'cable_details' || t === 'cables_fts') db.prepare(`DELETE FROM ${t} WHERE rowid = ?`).run(rowid)
          else if (cols.includes('cable')) db.prepare(`DELETE FROM ${t} WHERE cable = ?`).run(rowid)
        }
      }
    })()
  } finally {
    db.close()
  }
}

/**
 * A PostgreSQL clone of the database holding only `keep` of the archive's cables: every archive table hangs
 * off `cables` with ON DELETE CASCADE; the writer's facet_counts are not trimmed, which is sound because
 * readers under need to know never count from them (countsFromFacetTable).
 */
async function pgCloneWithOnly(full: TestDatabase, keep: Set<string>): Promise<TestDatabase> {
  const copy = await freshDatabase('ni-copy', full.name)
  const client = new pg.Client({ connectionString: copy.url })
  await client.connect()
  try {
    await client.query('DELETE FROM cables WHERE NOT (key = ANY($1::text[]))', [[...keep]])
  } finally {
    await client.end()
  }
  return copy
}

/** Search output with the order of equally relevant hits (and of all hits, for rank order) set aside. */
function normalize(argv: string[], r: RunResult, db: string): unknown {
  const text = (s: string) => s.replaceAll(db, '<db>')
  const format = argv[argv.indexOf('--format') + 1]
  if (argv[0] === 'search' && r.code < 2) {
    if (format === 'json') {
      const j = JSON.parse(r.stdout)
      return { code: r.code, ...j, hits: [...j.hits].sort((a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1)) }
    }
    if (format === 'jsonl' || format === 'csv') return { code: r.code, lines: r.stdout.split('\n').sort() }
  }
  return { code: r.code, stdout: text(r.stdout), stderr: text(r.stderr) }
}

/** How each engine holds the scenario and makes a reader's trimmed copy. */
interface EngineSetup {
  name: 'sqlite' | 'postgres'
  /** The database location of the full scenario. */
  create(): Promise<string>
  tables(full: string): Promise<RuleTables>
  /** A copy of `full` holding only `keep`; returns its location and how to remove it. */
  trimmedCopy(full: string, reader: string, keep: Set<string>): Promise<{ location: string; drop(): Promise<void> }>
  drop(): Promise<void>
}

const sqliteSetup: EngineSetup = {
  name: 'sqlite',
  create: async () => join(dir, 'full.db'),
  tables: async (full) => sqliteTables(full),
  trimmedCopy: async (full, reader, keep) => {
    const location = join(dir, `only-${reader}.db`)
    copyWithOnly(full, location, keep)
    return { location, drop: async () => rmSync(location, { force: true }) }
  },
  drop: async () => {},
}

function postgresSetup(): EngineSetup {
  let full: TestDatabase | undefined
  return {
    name: 'postgres',
    create: async () => (full = await freshDatabase('ni-full')).url,
    tables: (url) => pgTables(url),
    trimmedCopy: async (_url, _reader, keep) => {
      const copy = await pgCloneWithOnly(full!, keep)
      return { location: copy.url, drop: () => copy.drop() }
    },
    drop: async () => full?.drop(),
  }
}

const pgReason = await probePostgres()
const ENGINE_SETUPS: EngineSetup[] = pgReason === null ? [sqliteSetup, postgresSetup()] : (console.warn(unreachableMessage('non-interference', pgReason)), [sqliteSetup])

describe.each(ENGINE_SETUPS.map((e) => [e.name, e] as const))('non-interference (%s): what a user sees does not depend on cables he cannot read', (_name, engine) => {
  let full = ''
  let released: string[] = []
  let imported: string[] = []
  const visibleOf = new Map<string, Set<string>>()
  const commands: string[][] = []
  let comparisons = 0

  beforeAll(async () => {
    full = await engine.create()
    ;({ released, imported } = await buildScenario(full))
    const tables = await engine.tables(full)
    for (const r of READERS) visibleOf.set(r.name, oracle(tables, r))
    const words = ['glacier', 'succession', 'detainee', 'cotton', 'visa', 'minister', 'water OR glacier', 'contingency NEAR/3 planning']
    const queries = ['*', ...words, 'class:SECRET', 'class>=CONFIDENTIAL', 'caption:SIPDIS', 'caption:NODIS', 'tag:PREL', `id:${released[2]}`, `cites:${imported[0]}`, 'date:2009..2010', '-glacier', 'glacier -cotton', 'subject:update', 'nonexistentword']
    const ids = [...released, ...imported.slice(0, 8), '26STATE999', '09NOWHERE1']
    for (const q of queries) {
      commands.push(['search', q, '--format', 'json', '--facets', '--limit', '100'])
      commands.push(['search', q, '--format', 'jsonl', '--facets'])
      commands.push(['search', q, '--format', 'csv', '--facets'])
      commands.push(['search', q, '--sort', 'date', '--facets', '--limit', '100'])
    }
    commands.push(['search', '*', '--format', 'json', '--sort', 'date-desc', '--limit', '3', '--offset', '1'])
    commands.push(['search', 'glacier AND (', '--format', 'json'], ['search', 'bogusfield:x'])
    for (const id of ids) {
      commands.push(['show', id], ['show', id, '--format', 'json'], ['show', id, '--versions'], ['refs', id, '--format', 'json', '--depth', '2'], ['refs', id], ['refs', id, '--format', 'dot'])
      commands.push(['route', id, '--format', 'json'], ['diff', id], ['redact', id, '--for', 'CONFIDENTIAL'])
    }
    for (const id of released) commands.push(['read', id, '--json'], ['read', id])
    commands.push(['stats'], ['stats', '--format', 'json'], ['inbox'], ['inbox', '--json'], ['inbox', '--unacknowledged'], ['gaps', '--format', 'json'], ['gaps'])
  }, 300_000)

  afterAll(async () => {
    await engine.drop()
    console.log(`non-interference (${engine.name}): ${comparisons} comparisons made (${READERS.length} readers × ${commands.length} commands: search in every format with facets and snippets, show, versions, refs, route, diff, redact, read, stats, inbox, gaps, errors)`)
  })

  it('should exercise every branch of the rule: each reader sees some cables and misses some', () => {
    for (const r of READERS) {
      const v = visibleOf.get(r.name)!
      expect(v.size, r.name).toBeGreaterThan(0)
      expect(v.size, r.name).toBeLessThan(released.length + imported.length)
    }
    // need to know beyond clearance: tess (TOP SECRET, every caveat) at an addressed post is no principal of
    // the NODIS cable; omar (the same) at a post nobody addressed reads only SIPDIS and imported cables
    expect(visibleOf.get('tess')!.has(released[2])).toBe(false)
    expect(visibleOf.get('sam')!.has(released[2])).toBe(true)
    expect(visibleOf.get('omar')!.has(released[0])).toBe(false)
    expect(visibleOf.get('omar')!.has(released[6])).toBe(true)
    expect(visibleOf.get('tess')!.has(imported[0])).toBe(false)
  })

  it.each(READERS.map((r) => [r.name, r] as const))('should give %s identical answers from the database and from a copy of what he may read', { timeout: 600_000 }, async (_, reader) => {
    const trimmed = await engine.trimmedCopy(full, reader.name, visibleOf.get(reader.name)!)
    const copy = trimmed.location
    let answered = 0
    for (const argv of commands) {
      const a = await run(full, [...argv, '--as', reader.name])
      const b = await run(copy, [...argv, '--as', reader.name])
      expect(a.stderr, `${reader.name}: ${argv.join(' ')}`).not.toMatch(/internal error/)
      expect(normalize(argv, a, full), `${reader.name}: cable ${argv.join(' ')}`).toEqual(normalize(argv, b, copy))
      if (a.code === 0 && a.stdout.length > 0) answered++
      comparisons++
    }
    // not a comparison of two refusals: the reader's search finds exactly what the rule lets him read, and
    // many commands answer
    const all = JSON.parse((await ok(full, ['search', '*', '--format', 'json', '--as', reader.name])).stdout)
    expect(new Set(all.hits.map((h: { key: string }) => h.key)), reader.name).toEqual(visibleOf.get(reader.name))
    expect(answered, reader.name).toBeGreaterThan(40)
    await trimmed.drop()
  })

  it('should never show a BM25 score to a reader restricted by need to know', async () => {
    const r = await ok(full, ['search', 'glacier OR minister', '--format', 'json', '--as', 'sam'])
    const hits = JSON.parse(r.stdout).hits as { score: number | null }[]
    expect(hits.length).toBeGreaterThan(0)
    for (const h of hits) expect(h.score).toBeNull()
  })
})
