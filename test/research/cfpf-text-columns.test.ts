/**
 * A CFPF record's second text column (History Lab `raw_body`, AAD `Telegram Text` beside `Message Text`) is a text
 * of the cable (QA 14 round 8, finding F8): the level and caveats it states file the cable (fail closed, the
 * `cableAccess` rule its first text is filed by), and it is never served in `sources[].metadata` to a reader who may
 * not read it whole (show, versions; a reader in part is given no sources at all). Synthetic records of the invented
 * post QUORIN, both engines.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cableVersions } from '../../src/archive/cable-versions.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { showCable } from '../../src/archive/show-cable.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-cfpf-texts-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const clock = () => new Date('2026-03-01T00:00:00Z')

const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const SNF: Access = { level: 3, caveats: ['NOFORN'] }

/** A CONFIDENTIAL telegram of QUORIN serial `n`, with `word` in its (C) paragraph. */
const confBody = (n: number, word: string) =>
  `O 241936Z SEP 75\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC\n\nCONFIDENTIAL QUORIN 0${n}\n\nE.O. 11652: GDS\nTAGS: PREL\nSUBJECT: (C) RAW TEST\n\n1. (C) Conf text ${word}.\nNOBODY\n`

/** A History Lab record whose `raw_body` states `rawClass` with `(mark)` text holding `hidden`. */
const historyLab = (n: number, word: string, rawClass: string, mark: string, hidden: string) =>
  JSON.stringify({
    doc_nbr: `1975QUORIN00${n}`,
    date: '1975-09-24T00:00:00',
    from_field: 'QUORIN',
    to_field: 'STATE',
    subject: 'RAW TEST',
    body: confBody(n, word),
    raw_body: `${rawClass} QUORIN 0${n}\n\n1. (${mark}) Secret ${hidden} text.\n`,
    classification: 'CONFIDENTIAL',
    origclass: 'CONFIDENTIAL',
    orighand: 'n/a',
    tags: ['PREL'],
  })

const AAD_HEADER = 'Document Number,Draft Date,From,To,Subject,TAGS,Original Classification,Classification,Message Text,Telegram Text'
const aadRow = (n: number, word: string, hidden: string) =>
  `1975QUORIN00${n},15 MAR 1975,AMEMBASSY QUORIN,SECSTATE WASHDC,TALKS,"PFOR, QU",CONFIDENTIAL,CONFIDENTIAL,"CONFIDENTIAL QUORIN 0${n}\n\nSUBJECT: (C) TALKS\n\n1. (C) PUBLIC ${word} TEXT.\n","SECRET QUORIN 0${n}\n\n1. (S) SECRET ${hidden} TEXT.\n"`

/** Writes `files` (name → content) under a fresh directory and returns it. */
function inputs(label: string, files: Record<string, string>): string {
  const dir = join(root, label)
  mkdirSync(dir, { recursive: true })
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

describe.each(await storeEngines('cfpf-text-columns'))('a CFPF record with a second text column on $name', (engine) => {
  it.skipIf(engine.skip).each([false, true])('should file the cable at the level its raw_body states and never serve that text below it (portion-level access %s)', async (on) => {
    const store = await engine.open()
    const dir = inputs(`hl-${engine.name}-${on}`, { 'r.jsonl': historyLab(701, 'rawpub', 'SECRET', 'S', 'rawhidden') + '\n' + historyLab(702, 'nfpub', 'SECRET', 'S/NF', 'nfhidden') + '\n' })
    await importArchive(store, [dir], { now: clock, parallel: false })
    if (on) await configurePortionAccess(store, true)
    expect((await store.getCable('75QUORIN701'))!.level).toBe(3)
    expect((await store.getCable('75QUORIN702'))!.caveats).toEqual(['NOFORN'])
    // a CONFIDENTIAL reader (holding NOFORN for 702, whose NOFORN only its raw_body states) is below either cable
    const CNF: Access = { level: 2, caveats: ['NOFORN'] }
    for (const [id, pub, hidden, reader] of [['75QUORIN701', 'rawpub', 'rawhidden', C], ['75QUORIN702', 'nfpub', 'nfhidden', CNF]] as const) {
      const below = JSON.stringify(await showCable(store, id, reader))
      expect(below, id).not.toContain(hidden)
      // with portion-level access he reads the (C) paragraph, and no sources
      if (on) expect(below, id).toContain(pub)
      else expect(below, id).toBe('null')
      // his versions: none (not his) or, read in part, withheld at his clearance (ReadInPartError): never the column
      const versions = await cableVersions(store, id, reader).then((v) => JSON.stringify(v), (e: unknown) => (e as Error).message)
      expect(versions, id).not.toContain(hidden)
    }
    // the SECRET reader lacks the NOFORN of 702's raw_body
    expect(JSON.stringify(await showCable(store, '75QUORIN702', S))).not.toContain('nfhidden')
    // a reader who may read all of it is given the column as published
    expect((await showCable(store, '75QUORIN701', S))!.cable.sources[0].metadata['raw_body']).toBe('SECRET QUORIN 0701\n\n1. (S) Secret rawhidden text.\n')
    expect(JSON.stringify(await showCable(store, '75QUORIN702', SNF))).toContain('nfhidden')
  })

  it.skipIf(engine.skip)('should file an AAD record at the level its Telegram Text states', async () => {
    const store = await engine.open()
    const dir = inputs(`aad-${engine.name}`, { 'aad.csv': `${AAD_HEADER}\n${aadRow(901, 'AADPUB', 'AADHIDDEN')}\n` })
    await importArchive(store, [dir], { now: clock, parallel: false })
    expect((await store.getCable('75QUORIN901'))!.classification).toBe('SECRET')
    expect(JSON.stringify(await showCable(store, '75QUORIN901', C))).toBe('null')
    await configurePortionAccess(store, true)
    const below = JSON.stringify(await showCable(store, '75QUORIN901', C))
    expect(below).toContain('AADPUB')
    expect(below).not.toContain('AADHIDDEN')
    expect(JSON.stringify(await showCable(store, '75QUORIN901', S))).toContain('AADHIDDEN')
  })

  it.skipIf(engine.skip)('should file the cable by the column and give a reader below it nothing when the record only adds a source to a cable filed lower', async () => {
    const store = await engine.open()
    // the telegram alone first (filed CONFIDENTIAL), then the record whose body is that very text: one more source
    await importArchive(store, [inputs(`txt-${engine.name}`, { '75QUORIN703.txt': confBody(703, 'addpub') })], { now: clock, parallel: false })
    await importArchive(store, [inputs(`add-${engine.name}`, { 'r.jsonl': historyLab(703, 'addpub', 'SECRET', 'S', 'addhidden') + '\n' })], { now: clock, parallel: false })
    // the record states SECRET: the text is filed at the highest level any source states (QA 14r8 F5), so the
    // CONFIDENTIAL reader holds the cable not at all, and nothing of the column reaches him
    const view = await showCable(store, '75QUORIN703', C)
    expect(view).toBeNull()
    expect(JSON.stringify(await cableVersions(store, '75QUORIN703', C))).not.toContain('addhidden')
    const full = await showCable(store, '75QUORIN703', S)
    expect(full!.cable.sources).toHaveLength(2)
    expect(full!.cable.classification).toBe('SECRET')
    expect(JSON.stringify(full)).toContain('addhidden')
  })
})
