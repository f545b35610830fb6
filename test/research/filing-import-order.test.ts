/**
 * A cable's filing never depends on import order (QA 14r8 F5; docs/research.md: access fails closed, the cable's level
 * and caveats are the highest of everything any of its sources states). A plain text stating SECRET and a publisher's
 * record of the same text stating more (a cables.csv row `TOP SECRET//NOFORN`, a History Lab record `TOP SECRET` with
 * `orighand` NODIS, a Cablegate page `SECRET//NOFORN`) file the cable at the higher level with every caveat, whichever
 * is imported first: same stored filing, same search results for a SECRET reader without the caveat (none), same
 * portions under portion-level access. Both engines. Synthetic cables of the invented post QUORIN.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import type { Access, CableRecord, Store } from '../../src/store/store.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseCable } from '../../src/format/parse.js'
import { storeEngines } from '../support/store-engines.js'

/** A SECRET cable: class line SECRET, a (C) paragraph with `pub`, an (S) one with `hid`. */
const cable = (n: string, pub: string, hid: string) => `VZCZCXRO3809
OO RUEHQU
DE RUEHQU #0${n}/01 2671955
ZNY SSSSS ZZH
O 241936Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1302
INFO RUEHVL/AMEMBASSY VELLORA IMMEDIATE 0001

SECRET QUORIN 000${n}


E.O. 12958: DECL: 09/24/2019
TAGS: PREL QU
SUBJECT: (C) QUORIN TALKS

Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).

1. (C) Public ${pub} paragraph.

2. (S) Secret ${hid}.

NOBODY
`

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '&#x000A;')

/** Each publisher's record of the cable, one directory per publisher, and the plain text files of the same texts. */
function inputs(): { txt: string; csv: string; hl: string; page: string } {
  const root = mkdtempSync(join(tmpdir(), 'cg-filing-order-'))
  const [txt, csv, hl, page] = ['txt', 'csv', 'hl', 'html'].map((name) => {
    mkdirSync(join(root, name))
    return join(root, name)
  })
  const a = cable('444', 'pubcsv', 'hidcsv')
  const b = cable('455', 'pubhl', 'hidhl')
  const c = cable('466', 'pubhtml', 'hidhtml')
  writeFileSync(join(txt, '08QUORIN444.txt'), a)
  writeFileSync(join(txt, '08QUORIN455.txt'), b)
  writeFileSync(join(txt, '08QUORIN466.txt'), c)
  const [header, ...body] = a.split('\n\n')
  writeFileSync(
    join(csv, 'cables.csv'),
    `"id","date","refid","origin","classification","references","header","body"\n"1","9/24/2008 19:36","08QUORIN444","Embassy Quorin","TOP SECRET//NOFORN","",${csvField(header)},${csvField(body.join('\n\n'))}\n`,
  )
  writeFileSync(
    join(hl, 'hl.jsonl'),
    JSON.stringify({ doc_nbr: '2008QUORIN00455', date: '2008-09-24T00:00:00', from_field: 'QUORIN', to_field: 'STATE', subject: 'X', body: b, classification: 'TOP SECRET', origclass: 'TOP SECRET', orighand: 'NODIS', tags: ['PREL'] }) + '\n',
  )
  writeFileSync(
    join(page, '08QUORIN466.html'),
    `<html><body><table class="cable"><tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>
<tr><td><a href='/cable/2008/09/08QUORIN466.html'>08QUORIN466</a></td><td>2008-09-24 19:36</td><td>2011-08-30 01:44</td><td>SECRET//NOFORN</td><td><a href='/origin/1_0.html'>Embassy Quorin</a></td></tr></table>
<pre>${html(c)}</pre></body></html>`,
  )
  return { txt, csv, hl, page }
}

const SECRET: Access = { level: 3, caveats: [] }

/** The stored filing of each cable and what a SECRET reader without caveats finds of it. */
async function filing(store: Store) {
  const out: Record<string, unknown> = {}
  for (const [id, pub, hid] of [['08QUORIN444', 'pubcsv', 'hidcsv'], ['08QUORIN455', 'pubhl', 'hidhl'], ['08QUORIN466', 'pubhtml', 'hidhtml']]) {
    const c = await store.getCable(id)
    const found = async (q: string) => (await searchArchive(store, { query: q, access: SECRET, limit: 10 })).total
    out[id] = { classification: c?.classification, level: c?.level, caveats: c?.caveats, sources: c?.sources.length, pub: await found(pub), hid: await found(hid) }
  }
  return out
}

const EXPECTED = {
  '08QUORIN444': { classification: 'TOP SECRET//NOFORN', level: 4, caveats: ['NOFORN'], sources: 2, pub: 0, hid: 0 },
  '08QUORIN455': { classification: 'TOP SECRET//NODIS', level: 4, caveats: ['NODIS'], sources: 2, pub: 0, hid: 0 },
  '08QUORIN466': { classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'], sources: 2, pub: 0, hid: 0 },
}

describe.each(await storeEngines('filing-import-order'))('filing of a cable with sources stating different levels on $name', (engine) => {
  it.skipIf(engine.skip).each([
    ['the text first', (i: ReturnType<typeof inputs>) => [[i.txt], [i.csv], [i.hl], [i.page]]],
    ['the publishers first', (i: ReturnType<typeof inputs>) => [[i.csv], [i.hl], [i.page], [i.txt]]],
    ['all in one batch, the text first', (i: ReturnType<typeof inputs>) => [[i.txt, i.csv, i.hl, i.page]]],
  ])('should file the cable at the highest level and every caveat any source states (%s)', async (_, order) => {
    const store = await engine.open()
    for (const paths of order(inputs())) await importArchive(store, paths, { parallel: false })
    expect(await filing(store)).toEqual(EXPECTED)
  })

  it.skipIf(engine.skip)('should store the same portions whatever the order under portion-level access', async () => {
    const C: Access = { level: 2, caveats: [] }
    const NF: Access = { level: 3, caveats: ['NOFORN'] }
    const words = ['pubcsv', 'hidcsv', 'pubhl', 'hidhl', 'pubhtml', 'hidhtml']
    const seen = async (textFirst: boolean) => {
      const store = await engine.open()
      await configurePortionAccess(store, true)
      const i = inputs()
      for (const paths of textFirst ? [[i.txt], [i.csv, i.hl, i.page]] : [[i.csv, i.hl, i.page], [i.txt]]) await importArchive(store, paths, { parallel: false })
      const totals: number[] = []
      for (const a of [C, SECRET, NF]) for (const q of words) totals.push((await searchArchive(store, { query: q, access: a, limit: 10 })).total)
      return { filing: await filing(store), totals }
    }
    const textFirst = await seen(true)
    expect(textFirst.filing).toEqual(EXPECTED)
    // the CONFIDENTIAL and SECRET readers hold no caveat: every cable demands one
    expect(textFirst.totals.slice(0, 12)).toEqual(Array(12).fill(0))
    expect(await seen(false)).toEqual(textFirst)
  })
})

/** One source of the text `text`, as the import makes it, with the publisher's `classification` field when given. */
const sourced = (text: string, n: number, classification?: string) =>
  toCableRecord(parseCable(text, { plain: true }), text, {
    locator: `s${n}/08QUORIN444.txt`,
    rendering: 'text',
    sha256: String(n).padStart(64, '0'),
    importedAt: `2024-01-0${n}T00:00:00.000Z`,
    metadata: classification ? { classification } : {},
  })

describe.each(await storeEngines('filing-source-order'))('filing from sources written in one batch or apart on $name', (engine) => {
  const text = cable('444', 'pubcsv', 'hidcsv')
  const other = cable('444', 'pubcsv', 'hidcsv and more')
  it.skipIf(engine.skip).each([
    ['in one batch', (a: CableRecord, b: CableRecord) => [[a, b]]],
    ['in one batch, reversed', (a: CableRecord, b: CableRecord) => [[b, a]]],
    ['apart', (a: CableRecord, b: CableRecord) => [[a], [b]]],
    ['apart, reversed', (a: CableRecord, b: CableRecord) => [[b], [a]]],
  ])('should file one text under the highest its sources state (%s)', async (_, order) => {
    const store = await engine.open()
    for (const batch of order(sourced(text, 1), sourced(text, 2, 'TOP SECRET//NOFORN'))) await store.upsertCables(batch)
    const c = await store.getCable('08QUORIN444')
    expect([c?.classification, c?.level, c?.caveats, c?.sources.length]).toEqual(['TOP SECRET//NOFORN', 4, ['NOFORN'], 2])
    expect((await searchArchive(store, { query: 'hidcsv', access: SECRET, limit: 10 })).total).toBe(0)
  })

  it.skipIf(engine.skip).each([false, true])('should raise a version another source of it states higher, whichever version is shown (raised last: %s)', async (last) => {
    const store = await engine.open()
    const records = [sourced(text, 1), sourced(other, 2)]
    const raise = sourced(other, 3, 'SECRET//NOFORN')
    await store.upsertCables(last ? records : [...records.slice(0, 1), raise, records[1]])
    if (last) await store.upsertCables([raise])
    const versions = await store.versions('08QUORIN444')
    expect(versions?.map((v) => [v.classification, v.caveats])).toEqual([['SECRET', []], ['SECRET//NOFORN', ['NOFORN']]])
    const c = await store.getCable('08QUORIN444')
    expect([c?.classification, c?.level, c?.caveats]).toEqual(['SECRET//NOFORN', 3, ['NOFORN']])
    expect((await searchArchive(store, { query: 'hidcsv', access: SECRET, limit: 10 })).total).toBe(0)
  })
})
