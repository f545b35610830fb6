/**
 * A NARA CFPF record that holds no text of its cable (`TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE`, an empty text
 * column on microfilm) imported beside a record with the cable's text (QA 14 F10): a source of the cable carrying its
 * metadata, never a version and never the text shown, in any import order; it files the cable as any source does
 * (fail closed). A cable known only from such records stays a text-unavailable record. Both engines. Synthetic
 * History Lab records of invented cables (station names real so document numbers resolve).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyArchive } from '../../src/archive/copy-archive.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import type { Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

const TEXT = `R 181200Z MAR 75
FM AMEMBASSY KINSHASA
TO SECSTATE WASHDC 4321

C O N F I D E N T I A L KINSHASA 1234

E.O. 11652: GDS
TAGS: EAGR, CG
SUBJECT: INVENTED RIVER TOLLS

1. (C) Gammacanary the river toll talks resumed.

2. Deltacanary the port will reopen.

SMITH
`

const hl = (body: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({ doc_nbr: '1975KINSHA01234', date: '1975-03-18T00:00:00', from_field: 'KINSHASA', to_field: 'STATE', subject: 'INVENTED RIVER TOLLS', body, origclass: 'CONFIDENTIAL', orighand: 'n/a', tags: ['EAGR', 'CG'], ...over })

/** One directory per record: the text, a record saying its text is unavailable (SECRET, NODIS), one with no text. */
function inputs() {
  const root = mkdtempSync(join(tmpdir(), 'cg-no-text-'))
  const dir = (name: string, line: string) => {
    mkdirSync(join(root, name))
    writeFileSync(join(root, name, `${name}.jsonl`), line + '\n')
    return join(root, name)
  }
  return {
    text: dir('text', hl(TEXT)),
    none: dir('none', hl('MRN: 1975KINSHA001234  SEGMENT NUMBER: 000001  ERROR READING TEXT INDEX FILE; TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE ', { origclass: 'SECRET', orighand: 'NODIS' })),
    empty: dir('empty', hl('', { locator: 'TEXT ON MICROFILM' })),
  }
}

const NODIS = { level: 3, caveats: ['NODIS'] }

async function stored(store: Store) {
  const c = (await store.getCable('75KINSHASA1234'))!
  const versions = (await store.versions('75KINSHASA1234'))!
  const digests: string[] = []
  for await (const d of store.digests()) digests.push(d.key)
  const found = async (q: string) => (await searchArchive(store, { query: q, access: NODIS, limit: 10 })).total
  return {
    shown: c.text === TEXT,
    filing: [c.classification, c.level, c.caveats],
    sources: c.sources.map((s) => s.locator.replace(/^.*\//, '')).sort(),
    versions: versions.map((v) => [v.current, v.text === TEXT, v.sources.map((s) => s.locator.replace(/^.*\//, ''))]),
    digests,
    words: [await found('gammacanary'), await found('segment'), await found('telegram')],
    subject: c.subject,
  }
}

const EXPECTED = {
  shown: true,
  filing: ['SECRET//NODIS', 3, ['NODIS']],
  sources: ['empty.jsonl#line=1', 'none.jsonl#line=1', 'text.jsonl#line=1'],
  versions: [[true, true, ['text.jsonl#line=1']]],
  digests: ['75KINSHASA1234'],
  words: [1, 0, 0],
  subject: 'INVENTED RIVER TOLLS',
}

describe.each(await storeEngines('text-unavailable-source'))('records holding no text beside the text on $name', (engine) => {
  it.skipIf(engine.skip).each([
    ['the text first', (i: ReturnType<typeof inputs>) => [[i.text], [i.none], [i.empty]]],
    ['the text last', (i: ReturnType<typeof inputs>) => [[i.none], [i.empty], [i.text]]],
    ['the text between', (i: ReturnType<typeof inputs>) => [[i.empty], [i.text], [i.none]]],
    ['all in one batch, the text last', (i: ReturnType<typeof inputs>) => [[i.none, i.empty, i.text]]],
  ])('should keep them as sources of the cable, no version, never shown (%s)', async (_, order) => {
    const store = await engine.open()
    for (const paths of order(inputs())) await importArchive(store, paths, { parallel: false })
    expect(await stored(store)).toEqual(EXPECTED)
  })

  it.skipIf(engine.skip)('should keep a cable known only from such records a text-unavailable record, and a later text version apart from them', async () => {
    const store = await engine.open()
    const i = inputs()
    await importArchive(store, [i.none, i.empty], { parallel: false })
    const only = (await store.getCable('75KINSHASA1234'))!
    expect(only.diagnostics.map((d) => d.code)).toContain('TEXT_UNAVAILABLE')
    expect([only.level, only.caveats, only.sources.length]).toEqual([3, ['NODIS'], 2])
    expect((await store.versions('75KINSHASA1234'))?.length).toBe(1)
    await importArchive(store, [i.text], { parallel: false })
    const later = join(mkdtempSync(join(tmpdir(), 'cg-no-text-later-')), 'later.jsonl')
    writeFileSync(later, hl(TEXT.replace('resumed', 'stalled')) + '\n')
    await importArchive(store, [later], { parallel: false })
    const versions = (await store.versions('75KINSHASA1234'))!
    // numbered by rank (texts alike but for a word: by content hash), the shown one last
    expect(versions.map((v) => v.sources.map((s) => s.locator.replace(/^.*\//, ''))).sort()).toEqual([['later.jsonl#line=1'], ['text.jsonl#line=1']])
    expect(versions.map((v) => v.current)).toEqual([false, true])
    expect((await store.getCable('75KINSHASA1234'))?.sources.length).toBe(4)
    expect((await searchArchive(store, { query: 'segment', access: NODIS, limit: 10 })).total).toBe(0)
    // a copy of the archive holds every source, those of no version too, and the same versions and filing
    const target = await engine.open()
    expect((await copyArchive(store, target)).differences).toEqual([])
    const copied = (await target.getCable('75KINSHASA1234'))!
    expect([copied.sources.length, copied.level, copied.caveats, (await target.versions('75KINSHASA1234'))?.length]).toEqual([4, 3, ['NODIS'], 2])
  })
})
