import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText } from '../../src/archive/synth/write-synth.js'
import type { Io } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function fakeIo(env: Record<string, string> = {}): Io & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => '',
    readFile: () => '',
    cwd: root,
    env,
    out: () => out,
    err: () => err,
  }
}

async function run(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(env)
  const code = await main(args, io)
  return { code, out: io.out(), err: io.err() }
}

const cables = [...synthCables(40, 5)]
const cited = cables.find((c) => cables.some((o) => o.references.includes(c.id)))!
const citing = cables.filter((c) => c.references.includes(cited.id))

describe('archive commands', () => {
  beforeAll(async () => {
    mkdirSync(join(root, 'in'))
    for (const c of cables) writeFileSync(join(root, 'in', `${c.id}.txt`), cableText(c))
    const r = await run(['import', 'in', '--db', 'a.db'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('Imported 40 cables from 40 files')
  })

  it('should use CABLEGRAM_DB and ./cablegram.db when --db is not given', async () => {
    expect((await run(['stats'])).code).toBe(2)
    expect((await run(['stats'])).err).toContain(`no archive at ${join(root, 'cablegram.db')}`)
    const viaEnv = await run(['stats', '--format', 'json'], { CABLEGRAM_DB: 'a.db' })
    expect(JSON.parse(viaEnv.out).cables).toBe(40)
  })

  it('should search with highlighted snippets, facets and every output format', async () => {
    const word = cited.subject.split(' ').find((w) => w.length > 5)!.toLowerCase()
    const table = await run(['search', word, '--db', 'a.db', '--facets'])
    expect(table.code).toBe(0)
    expect(table.out).toMatch(new RegExp(`«${word}»`, 'i'))
    expect(table.out).toMatch(/cables? found; showing 1–/)
    expect(table.out).toContain('\ntag:\n')
    const json = JSON.parse((await run(['search', word, '--db', 'a.db', '--format', 'json', '--facets'])).out)
    expect(json.hits.length).toBe(json.total)
    expect(json.facets.year.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(json.total)
    const lines = (await run(['search', word, '--db', 'a.db', '--format', 'jsonl', '--no-snippets'])).out.trim().split('\n')
    expect(lines).toHaveLength(json.total)
    expect(JSON.parse(lines[0]).snippet).toBeUndefined()
    const csv = (await run(['search', '*', '--db', 'a.db', '--format', 'csv', '--sort', 'date', '--limit', '3', '--offset', '1'])).out.trim().split('\n')
    expect(csv[0]).toBe('id,date,date_source,origin,classification,subject,tags,score,snippet')
    expect(csv).toHaveLength(4)
    expect(csv[1].split(',')[2]).toBe('read minute dtg')
    expect(csv[1].split(',')[0]).toBe(cables[1].id)
  })

  it('should say where a query is wrong, exit 2, and exit 1 when nothing matches', async () => {
    const bad = await run(['search', 'tag:PREL AND (', '--db', 'a.db'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('query error at column 15')
    expect(bad.err).toContain('tag:PREL AND (\n              ^')
    expect(bad.err).not.toMatch(/fts5|sqlite/i)
    expect((await run(['search', 'zzzzqqq', '--db', 'a.db'])).code).toBe(1)
    expect((await run(['search', 'x', '--db', 'a.db', '--format', 'xml'])).code).toBe(2)
  })

  it('should hide cables above the reader clearance', async () => {
    const all = JSON.parse((await run(['search', '*', '--db', 'a.db', '--format', 'json', '--no-snippets'])).out)
    const unclass = JSON.parse((await run(['search', '*', '--db', 'a.db', '--format', 'json', '--no-snippets', '--clearance', 'UNCLASSIFIED'])).out)
    const expected = cables.filter((c) => c.classification === 'UNCLASSIFIED').length
    expect(all.total).toBe(40)
    expect(unclass.total).toBe(expected)
    expect((await run(['search', '*', '--db', 'a.db', '--clearance', 'GENERAL'])).err).toContain('unknown clearance "GENERAL"')
    const withCaveats = await run(['search', '*', '--db', 'a.db', '--clearance', 'SECRET//NOFORN'])
    expect(withCaveats.err).toContain('pass the caveats with --caveats (--clearance "SECRET" --caveats NOFORN)')
  })

  it('should show a cable with references resolved and the cables citing it', async () => {
    const r = await run(['show', cited.id, '--db', 'a.db'])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`Id:             ${cited.id}`)
    expect(r.out).toContain(cited.body.split('\n')[0])
    for (const c of citing) expect(r.out).toContain(`${c.id}  ${c.date.slice(0, 10)}`)
    const withMissing = cables.find((c) => c.references.some((id) => !cables.some((o) => o.id === id)))
    if (withMissing) expect((await run(['show', withMissing.id, '--db', 'a.db'])).out).toContain('(not in archive)')
    const json = JSON.parse((await run(['show', citing[0].id, '--db', 'a.db', '--format', 'json'])).out)
    expect(json.references.find((x: { id: string }) => x.id === cited.id).cable.subject).toBe(cited.subject)
    const missing = await run(['show', '99NOWHERE1', '--db', 'a.db'])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('99NOWHERE1 is not in the archive')
  })

  it('should draw the reference graph as a tree, JSON and DOT', async () => {
    const tree = (await run(['refs', cited.id, '--db', 'a.db', '--depth', '2'])).out
    expect(tree.split('\n')[0]).toContain(cited.id)
    for (const c of citing) expect(tree).toContain(`← cited by ${c.id}`)
    const json = JSON.parse((await run(['refs', cited.id, '--db', 'a.db', '--format', 'json'])).out)
    expect(json.edges.filter((e: { to: string }) => e.to === cited.id).map((e: { from: string }) => e.from).sort()).toEqual(citing.map((c) => c.id).sort())
    const dot = (await run(['refs', cited.id, '--db', 'a.db', '--format', 'dot'])).out
    expect(dot).toMatch(/^digraph references \{/)
    expect(dot).toContain(`"${citing[0].id}" -> "${cited.id}"`)
    expect((await run(['refs', cited.id, '--db', 'a.db', '--depth', '0'])).code).toBe(2)
  })

  it('should print counts and a cables-per-month histogram', async () => {
    const r = await run(['stats', '--db', 'a.db'])
    expect(r.out).toContain('Cables: 40')
    expect(r.out).toMatch(/Cables per month:\n {2}\d{4}-\d{2} █+ \d+/)
    const json = JSON.parse((await run(['stats', '--db', 'a.db', '--format', 'json'])).out)
    expect(json.byYear.reduce((n: number, y: { count: number }) => n + y.count, 0)).toBe(40)
  })

  it('should write a synthetic corpus that imports cleanly', async () => {
    const w = await run(['synth', '--count', '25', '--seed', '9', '--format', 'csv', '--out', 'syn.csv'])
    expect(w.out).toContain('Wrote 25 synthetic cables')
    const r = await run(['import', 'syn.csv', '--db', 'syn.db', '--format', 'json'])
    expect(JSON.parse(r.out)).toMatchObject({ cables: 25, inserted: 25, problems: [] })
    expect((await run(['synth', '--count', '-1', '--out', 'x'])).code).toBe(2)
  })
})

// A synthetic partial record (no DTG): its date is inferred from the DECL month and the year of the id it was
// filed under, and its REF names a cable, a memo and an e-mail.
const PARTIAL = `This record is a partial extract of the original cable. The full text of the original cable is not available.

FM AMEMBASSY TESSIN
TO SECSTATE WASHDC IMMEDIATE 7212

C O N F I D E N T I A L SECTION 01 OF 02 TESSIN 004411

E.O. 12958: DECL: 06/14/2018
TAGS: PGOV, XY
SUBJECT: INVENTED PARTIAL RECORD

REF: A. TESSIN 4410
B. MEMO OF 3/1/08
C. SMITH-JONES EMAIL OF 4/2/08

1. (C) Invented text.
`

describe('an inferred date and non-cable references in the archive commands', () => {
  beforeAll(async () => {
    mkdirSync(join(root, 'partial'))
    writeFileSync(join(root, 'partial', '08TESSIN4411.txt'), PARTIAL)
    expect((await run(['import', 'partial', '--db', 'p.db'])).code).toBe(0)
  })

  it('should show the date as inferred, with its precision and what it rests on, never as read', async () => {
    const r = await run(['show', '08TESSIN4411', '--db', 'p.db'])
    expect(r.out).toContain('Date:           2008-06 (inferred, to the month, from DECL, the id it was filed under)\n')
    const json = JSON.parse((await run(['show', '08TESSIN4411', '--db', 'p.db', '--format', 'json'])).out)
    expect(json.cable.dateSource).toEqual({ basis: 'inferred', precision: 'month', from: ['decl-month', 'id-hint'] })
  })

  it('should mark the date source in every search output', async () => {
    const table = (await run(['search', '*', '--db', 'p.db'])).out
    expect(table).toContain('1. 08TESSIN4411  2008-06 (inferred)  AMEMBASSY TESSIN')
    const csv = (await run(['search', '*', '--db', 'p.db', '--format', 'csv', '--no-snippets'])).out.trim().split('\n')
    expect(csv[1].split(',').slice(0, 3)).toEqual(['08TESSIN4411', '2008-06', 'inferred month decl-month+id-hint'])
    const hit = JSON.parse((await run(['search', '*', '--db', 'p.db', '--format', 'jsonl', '--no-snippets'])).out.trim())
    expect(hit.dateSource).toEqual({ basis: 'inferred', precision: 'month', from: ['decl-month', 'id-hint'] })
    // a range inside the month does not claim it; the month does
    expect((await run(['search', 'date:2008-06-01..2008-06-15', '--db', 'p.db'])).code).toBe(1)
    expect((await run(['search', 'date:2008-06', '--db', 'p.db'])).code).toBe(0)
  })

  it('should list memos and e-mails of the REF with their kind, never as cables', async () => {
    const show = (await run(['show', '08TESSIN4411', '--db', 'p.db'])).out
    expect(show).toContain('REF A: 08TESSIN4410  (not in archive)')
    expect(show).toContain('REF B: MEMO OF 3/1/08  (memo, not a cable)')
    expect(show).toContain('REF C: SMITH-JONES EMAIL OF 4/2/08  (e-mail, not a cable)')
    const tree = (await run(['refs', '08TESSIN4411', '--db', 'p.db'])).out
    expect(tree).toContain('Also cites (not cables):\n  REF B: MEMO OF 3/1/08  (memo, not a cable)\n  REF C: SMITH-JONES EMAIL OF 4/2/08  (e-mail, not a cable)')
    expect(tree).not.toMatch(/→ .*MEMO/)
    const graph = JSON.parse((await run(['refs', '08TESSIN4411', '--db', 'p.db', '--format', 'json'])).out)
    expect(graph.edges).toEqual([{ from: '08TESSIN4411', to: '08TESSIN4410', letter: 'A' }])
    expect(graph.documents).toEqual([
      { letter: 'B', kind: 'memo', text: 'MEMO OF 3/1/08' },
      { letter: 'C', kind: 'email', text: 'SMITH-JONES EMAIL OF 4/2/08' },
    ])
    expect((await run(['refs', '08TESSIN4411', '--db', 'p.db', '--format', 'dot'])).out).not.toContain('MEMO')
  })
})
