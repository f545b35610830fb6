/**
 * The parts model (QA 14 F6, docs/research.md "Sections"): a telegram sent in sections and imported one record per
 * section is kept as sections of one version, not as versions, in any import order: the cable's text is its sections
 * in order (a missing one stated as missing), search finds the words of every section and no phrase across a section
 * boundary, the cable is filed at the highest level and every caveat any section states, a reader in part is shown
 * each section's portions as for one text, and a different text of a section (a redacted and an unredacted copy of
 * SECTION 02) is a version difference. Both engines. A synthetic SECRET//NOFORN cable of an invented post, VELDORA.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { cableVersions, diffVersions } from '../../src/archive/cable-versions.js'
import { copyArchive } from '../../src/archive/copy-archive.js'
import { versionsText } from '../../src/archive/output/write-versions.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import { missingSectionLine } from '../../src/store/sections.js'
import type { Access, CableRecord, CableVersion, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'
import { S1, S2, S2U, S3 } from '../support/veldora-sections.js'


let serial = 0
/** A record of `text` as an import reads a file `name`; `mrn` another serial for another cable of the same sections. */
const rec = (text: string, name: string, mrn = 452): CableRecord => {
  serial++
  const t = text.replace('VELDORA 000452', `VELDORA ${String(mrn).padStart(6, '0')}`)
  return toCableRecord(parseCable(t), t, {
    locator: `${name}/08VELDORA${mrn}.txt`,
    rendering: 'text',
    sha256: createHash('sha256').update(t).digest('hex'),
    importedAt: `2026-01-01T00:00:${String(serial % 60).padStart(2, '0')}.000Z`,
    metadata: {},
  })
}

const ALL: Access = { level: 4, caveats: ['NOFORN', 'ORCON', 'NODIS', 'EXDIS'] }

/** The id of the cable under serial `mrn`, and a text of it as `rec` writes it. */
const idOf = (mrn: number) => `08VELDORA${mrn}`
const under = (text: string, mrn: number) => text.replaceAll('VELDORA 000452', `VELDORA ${String(mrn).padStart(6, '0')}`)

async function write(store: Store, batches: CableRecord[][]) {
  const outcome = { inserted: 0, sectionsAdded: 0, versionsAdded: 0, replaced: 0, unchanged: 0, sourcesAdded: 0 }
  for (const b of batches) {
    const o = await store.upsertCables(b)
    for (const k of Object.keys(outcome) as (keyof typeof outcome)[]) outcome[k] += o[k]
  }
  return outcome
}

/** The digests of cable `id` (every cable when absent), as an archive's content hash is made of them. */
async function digests(store: Store, id?: string) {
  const out: string[] = []
  for await (const d of store.digests()) if (!id || d.key === id) out.push(`${d.key} ${d.textSha256}`)
  return out.sort()
}

/** 1 when a search for `q` finds cable `id`, else 0. */
async function found(store: Store, id: string, q: string, access: Access = ALL) {
  const r = await searchArchive(store, { query: q, access, limit: 50 })
  const keys: string[] = []
  for await (const h of r.hits) keys.push(h.key)
  return keys.filter((k) => k === id).length
}

describe.each(await storeEngines('sections'))('a telegram sent in sections on $name', (engine) => {
  // one archive for the tests below, each with a cable of its own serial (a database per test is slow to drop)
  let shared: Store | undefined
  const archive = async () => (shared ??= await engine.open())
  const orders: [string, number, (s: Record<string, CableRecord>) => CableRecord[][]][] = [
    ['in order', 452, (s) => [[s.a], [s.b], [s.c]]],
    ['last first', 453, (s) => [[s.c], [s.a], [s.b]]],
    ['middle first, one batch', 454, (s) => [[s.b, s.c, s.a]]],
  ]

  it.skipIf(engine.skip).each(orders)('should keep its sections as one version, assembled in order, whatever the import order (%s)', async (_, mrn, order) => {
    const store = await archive()
    const id = idOf(mrn)
    const outcome = await write(store, order({ a: rec(S1, 'one', mrn), b: rec(S2, 'two', mrn), c: rec(S3, 'three', mrn) }))
    expect(outcome).toMatchObject({ inserted: 1, sectionsAdded: 2, versionsAdded: 0 })
    const versions = (await store.versions(id))!
    expect(versions.length).toBe(1)
    expect(versions[0].sections?.map((s) => [s.section, s.of, s.missing, s.sources.map((x) => x.locator)])).toEqual([
      [1, 3, false, [`one/${id}.txt`]],
      [2, 3, false, [`two/${id}.txt`]],
      [3, 3, false, [`three/${id}.txt`]],
    ])
    const cable = (await store.getCable(id))!
    expect(cable.text).toBe(under(`${S1.trimEnd()}\n\n${S2.trimEnd()}\n\n${S3.trimEnd()}\n`, mrn))
    expect(cable.subject).toBe('INVENTED HARBOUR DISPUTE')
    // the highest level and every caveat any section states (ORCON only in section 3's captions)
    expect([cable.level, cable.caveats]).toEqual([3, ['NOFORN', 'ORCON']])
    expect(await found(store, id, 'alphakestrel')).toBe(1)
    expect(await found(store, id, 'gammakestrel')).toBe(1)
    expect(await found(store, id, 'deltakestrel')).toBe(1)
    expect(await found(store, id, '"minister spoke"')).toBe(1)
    // a phrase never runs from one section into the next
    expect(await found(store, id, '"minister spoke r 181200z"')).toBe(0)
    // the snapshot's content is one digest: the hash of the text kept
    expect(await digests(store, id)).toEqual([`${id} ${versions[0].textSha256}`])
  })

  it.skipIf(engine.skip)('should give the same text in any import order', async () => {
    const store = await archive()
    const texts = []
    for (const [, mrn] of orders) texts.push(under((await store.getCable(idOf(mrn)))?.text ?? '', 452).replaceAll(`VELDORA ${String(mrn).padStart(6, '0')}`, 'VELDORA 000452'))
    expect(texts[0]).toContain('Deltakestrel')
    expect(texts[1]).toBe(texts[0])
    expect(texts[2]).toBe(texts[0])
  })

  it.skipIf(engine.skip)('should state a missing section as missing, never join around it, and fill it when it arrives', async () => {
    const store = await archive()
    const mrn = 455
    const id = idOf(mrn)
    await write(store, [[rec(S3, 'three', mrn)], [rec(S1, 'one', mrn)]])
    const text = (await store.getCable(id))!.text
    expect(text).toBe(under(`${S1.trimEnd()}\n\n${missingSectionLine(2, 3)}\n\n${S3.trimEnd()}\n`, mrn))
    const versions = (await store.versions(id))!
    expect(versions.length).toBe(1)
    expect(versions[0].sections?.map((s) => s.missing)).toEqual([false, true, false])
    expect(await found(store, id, 'gammakestrel')).toBe(0)
    // the note is no word of the cable
    expect(await found(store, id, 'archive')).toBe(0)
    const later = await write(store, [[rec(S2, 'two', mrn)]])
    expect(later).toMatchObject({ inserted: 0, sectionsAdded: 1, versionsAdded: 0 })
    expect((await store.getCable(id))!.text).toBe(under(`${S1.trimEnd()}\n\n${S2.trimEnd()}\n\n${S3.trimEnd()}\n`, mrn))
    expect(await found(store, id, 'gammakestrel')).toBe(1)
  })

  it.skipIf(engine.skip)('should keep a cable known from one section alone as that text, a copy of it one text with two sources', async () => {
    const store = await archive()
    const mrn = 456
    await write(store, [[rec(S2, 'two', mrn)], [rec(S2.replace(/\n/g, '\r\n'), 'again', mrn)]])
    expect((await store.getCable(idOf(mrn)))!.text).toBe(under(S2, mrn))
    const versions = (await store.versions(idOf(mrn)))!
    expect(versions.map((v) => [v.sources.length, v.sections])).toEqual([[2, undefined]])
  })

  it.skipIf(engine.skip)('should keep two texts that each say SECTION 01 (a whole telegram whose breaks were lost) versions of each other, as before', async () => {
    const store = await archive()
    const mrn = 457
    const id = idOf(mrn)
    const whole = S1 + '\n3. (C) Gammakestrel the port would close.\n'
    await write(store, [[rec(whole, 'one', mrn)], [rec(whole.replace('Gammakestrel', 'Gammakestrel soon'), 'two', mrn)]])
    expect((await store.versions(id))!.map((v) => v.sections)).toEqual([undefined, undefined])
    expect((await store.getCable(id))!.text).not.toContain('NOT IN THE ARCHIVE')
    // beside a later section, such a text is the first section
    await write(store, [[rec(S3, 'three', mrn)]])
    expect((await store.versions(id))!.map((v) => v.sections?.map((x) => x.missing))).toEqual([
      [false, true, false],
      [false, true, false],
    ])
  })

  it.skipIf(engine.skip)('should keep a section imported twice as one text with two sources', async () => {
    const store = await archive()
    const mrn = 458
    const id = idOf(mrn)
    const outcome = await write(store, [[rec(S1, 'one', mrn), rec(S2, 'two', mrn)], [rec(S2.replace(/\n/g, '\r\n'), 'again', mrn), rec(S3, 'three', mrn)], [rec(S2, 'two', mrn)]])
    expect(outcome).toMatchObject({ inserted: 1, sectionsAdded: 2, versionsAdded: 0 })
    const versions = (await store.versions(id))!
    expect(versions.length).toBe(1)
    expect(versions[0].sections?.[1].sources.map((s) => s.locator).sort()).toEqual([`again/${id}.txt`, `two/${id}.txt`])
    expect((await store.getCable(id))!.sources.length).toBe(4)
  })

  it.skipIf(engine.skip)('should keep a redacted and an unredacted copy of a section as two versions of the whole telegram, in any order', async () => {
    const store = await archive()
    const results = []
    for (const [mrn, order] of [
      [459, (s: Record<string, CableRecord>) => [[s.r], [s.a], [s.c], [s.u]]],
      [460, (s: Record<string, CableRecord>) => [[s.u, s.c], [s.r], [s.a]]],
    ] as const) {
      const id = idOf(mrn)
      const outcome = await write(store, order({ a: rec(S1, 'one', mrn), r: rec(S2, 'redacted', mrn), u: rec(S2U, 'unredacted', mrn), c: rec(S3, 'three', mrn) }))
      expect(outcome.versionsAdded).toBe(1)
      const versions = (await store.versions(id))!
      expect(versions.length).toBe(2)
      // both versions hold sections 1 and 3; section 2 differs
      for (const v of versions) expect(v.sections?.map((s) => s.missing)).toEqual([false, false, false])
      const shown = versions.find((v) => v.current)!
      expect(shown.text).toContain('Orlan Vesk')
      expect(shown.sections?.[1].sources.map((s) => s.locator)).toEqual([`unredacted/${id}.txt`])
      expect((await store.getCable(id))!.text).toBe(shown.text)
      const d = (await diffVersions(store, id, versions.find((v) => !v.current)!.version, shown.version))!
      expect([d.removedWords, d.addedWords]).toEqual([1, 3])
      expect(d.parts.filter((p) => p.kind !== 'same').map((p) => p.text.trim())).toEqual(['XXXXXXXXXXXX', 'Minister Orlan Vesk'])
      expect(await found(store, id, 'vesk')).toBe(1)
      expect(await found(store, id, 'xxxxxxxxxxxx')).toBe(1)
      results.push(versions.map((v) => [v.current, v.text.replaceAll(`VELDORA ${String(mrn).padStart(6, '0')}`, 'VELDORA 000452')]).sort())
    }
    expect(results[1]).toEqual(results[0])
  })

  it.skipIf(engine.skip)('should list each version with its sections and sources, and copy them to another archive as they are', async () => {
    const store = await archive()
    const mrn = 461
    const id = idOf(mrn)
    await write(store, [[rec(S2, 'redacted', mrn), rec(S1, 'one', mrn)], [rec(S2U, 'unredacted', mrn)], [rec(S1.replace(/\n/g, '\r\n'), 'again', mrn)]])
    const listed = versionsText(id, (await cableVersions(store, id, ALL))!)
    expect(listed).toContain(`${id}: 2 versions\n`)
    expect(listed).toMatch(new RegExp(` {8}section 1 of 3 {2}SECRET//NOFORN {2}0 parse errors {2}sha256 [0-9a-f]{12}\\n {10}one/${id}.txt \\(text, [^)]*\\)\\n {10}again/${id}.txt`))
    expect(listed).toContain('        section 3 of 3  not in the archive\n')
    expect(listed.match(/not in the archive/g)?.length).toBe(2)
    const target = await engine.open()
    expect((await copyArchive(store, target)).differences).toEqual([])
    const strip = (vs: CableVersion[]) => vs.map((v) => ({ ...v, sources: v.sources.map((x) => x.locator).sort(), sections: v.sections?.map((x) => ({ ...x, sources: x.sources.map((y) => y.locator).sort() })) }))
    expect(strip((await target.versions(id))!)).toEqual(strip((await store.versions(id))!))
    expect(await digests(target)).toEqual(await digests(store))
  })

  it.skipIf(engine.skip)('should show a reader in part each section\'s portions as for one text', async () => {
    const store = await engine.open()
    const id = idOf(452)
    await configurePortionAccess(store, true)
    await write(store, [[rec(S2, 'two')], [rec(S1, 'one')], [rec(S3, 'three')]])
    // a CONFIDENTIAL reader holding the caveats the cable is filed with (every portion demands them, fail closed)
    const C: Access = { level: 2, caveats: ['NOFORN', 'ORCON'], portions: true }
    expect(await found(store, id, 'betakestrel', C)).toBe(1)
    expect(await found(store, id, 'gammakestrel', C)).toBe(1)
    expect(await found(store, id, 'alphakestrel', C)).toBe(0)
    expect(await found(store, id, 'deltakestrel', C)).toBe(1)
    // without ORCON (section 3 states it) he reads none of it
    expect(await found(store, id, 'betakestrel', { ...C, caveats: ['NOFORN'] })).toBe(0)
    const shown = JSON.stringify(await showCable(store, id, C))
    expect(shown).toContain('Gammakestrel')
    expect(shown).toContain('Betakestrel')
    expect(shown).not.toContain('Alphakestrel')
  })
})
