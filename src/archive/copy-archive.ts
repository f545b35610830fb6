import type { CableDigest, CableRecord, CableVersion, Store, StoredCable } from '../store/store.js'
import { configurePortionAccess } from './portion-access.js'
import { storedPortions } from './redact.js'

/** Progress of a copy: cables looked at, of how many, and how many had to be written. */
export interface CopyProgress {
  done: number
  total: number
  written: number
}

export interface CopyReport {
  cables: number
  /** Cables written by this run (the others were already in the target from an earlier, interrupted run). */
  written: number
  skipped: number
  /**
   * The archive's portion-access setting (docs/search.md) as the source has it, which the copy carried to the
   * target and verified; null when the target's settings were left as they are (`keepTargetSettings`).
   */
  portionAccess: boolean | null
  /** True when the target holds exactly the source's cables, sources and text hashes, and its archive settings. */
  verified: boolean
  /** What differs, when not verified. */
  differences: string[]
  seconds: number
}

export interface CopyOptions {
  /** Cables per target transaction: a kill loses at most one batch, which the next run redoes. */
  batchSize?: number
  onProgress?: (p: CopyProgress) => void
  /**
   * Keys the target keeps whatever the source holds (cables released in an operator database: immutable):
   * neither written nor compared, and counted as skipped.
   */
  kept?: ReadonlySet<string>
  /**
   * Verify only that the target holds every source cable as the source does (an operator database holds
   * cables of its own, which must not show up as differences: they would name cables the copier may not read).
   */
  sourceOnly?: boolean
  /**
   * Leave the target's archive settings (portion access) as they are: a copy into an operator database, whose
   * settings are its admin's decision (`cable archive-config`), not the copier's. Otherwise the source's settings
   * are carried and verified like the counts.
   */
  keepTargetSettings?: boolean
}

/** `key` → its version hashes, sorted (one per version; one for a cable with a single text). */
async function digestsOf(store: Store, keys?: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for await (const d of store.digests(undefined, keys) as AsyncIterable<CableDigest>) {
    const list = out.get(d.key)
    if (list) list.push(d.textSha256)
    else out.set(d.key, [d.textSha256])
  }
  for (const list of out.values()) list.sort()
  return out
}

const same = (a: string[] | undefined, b: string[] | undefined) => a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i])

/**
 * The records that rebuild one stored cable in another archive: one per source, version by version in
 * version order (each version's own text, level, caveats and error count; the shown version's fields), so
 * the target's writer numbers the versions, picks the shown one and merges the access exactly as the
 * source's did.
 */
async function recordsOf(source: Store, cable: StoredCable, versioned: boolean, portions: boolean): Promise<CableRecord[]> {
  const records = await plainRecordsOf(source, cable, versioned)
  if (!portions) return records
  // the target has portion-level access on: each record brings its readable portions, as an import's does
  // (`toCableRecord`), computed from its own text exactly as `show` redacts it
  return records.map((r) => ({ ...r, portions: storedPortions({ key: r.key, level: r.level, caveats: r.caveats, text: r.text, tags: r.tags, captions: r.captions, date: r.date, dateSource: r.dateSource }) }))
}

async function plainRecordsOf(source: Store, cable: StoredCable, versioned: boolean): Promise<CableRecord[]> {
  const { sources, ...fields } = cable
  const base = { ...fields }
  if (!versioned) return sources.map((s) => ({ ...base, source: s }))
  const versions = (await source.versions(cable.key)) ?? []
  const records: CableRecord[] = []
  // a cable kept in sections (docs/research.md, "Sections"): each text of a section once, with each of its sources,
  // so the target's writer assembles the same versions from the same parts
  const sectionTexts = new Map<string, NonNullable<CableVersion['sections']>[number]>()
  for (const v of versions) for (const x of v.sections ?? []) if (!x.missing) sectionTexts.set(x.textSha256, x)
  for (const x of sectionTexts.values()) {
    for (const s of x.sources) {
      records.push({ ...base, text: x.text, classification: x.classification, level: x.level, caveats: x.caveats, errorCount: x.errorCount, diagnostics: [], section: { number: x.section, of: x.of }, source: s })
    }
  }
  for (const v of versions) {
    if (v.sections) continue
    for (const s of v.sources) {
      records.push({
        ...base,
        text: v.text,
        classification: v.classification,
        level: v.level,
        caveats: v.caveats,
        errorCount: v.errorCount,
        diagnostics: v.current ? base.diagnostics : [],
        source: s,
      })
    }
  }
  // a source of no version (a record that held no text of the cable, QA 14 F10; the filing it stated is in every
  // version's) is copied as a source of the shown text, as every source of a cable with one text is
  const listed = new Set(versions.flatMap((v) => v.sources.map((s) => `${s.locator}\u0000${s.sha256}`)))
  const shown = versions.find((v) => v.current)
  for (const s of sources) {
    if (listed.has(`${s.locator}\u0000${s.sha256}`) || !shown) continue
    records.push({ ...base, classification: shown.classification, level: shown.level, caveats: shown.caveats, source: s })
  }
  return records
}

/**
 * Copies every cable of `source` into `target` (any engines: SQLite to PostgreSQL or back), with its
 * sources and every version, and the archive's settings (portion access, unless `keepTargetSettings`), then
 * verifies that both hold the same cables, the same number of sources, the same text hashes and the same
 * settings.
 *
 * Resumable: cables are copied in a fixed order (date, then key), a batch per target transaction, and a
 * cable whose version hashes the target already holds is skipped, so a run killed midway is completed by
 * running it again. Reads as the archive (no access filter): a copy is an administrator's operation.
 *
 * @example
 *   const report = await copyArchive(openStore('cablegram.db'), openStore('postgres://…/cablegram'))
 *   if (!report.verified) console.error(report.differences.join('\n'))
 */
export async function copyArchive(source: Store, target: Store, options: CopyOptions = {}): Promise<CopyReport> {
  const started = Date.now()
  const batchSize = options.batchSize ?? 500
  // the archive's settings: turned off before the cables are written, turned on after (the backfill indexes
  // every cable's readable portions at once); a target that has it on already is given each record's portions
  const portionAccess = await source.portionAccess()
  let targetPortions = await target.portionAccess()
  if (!options.keepTargetSettings && targetPortions && !portionAccess) {
    await configurePortionAccess(target, false)
    targetPortions = false
  }
  // the keys first: an open SQLite iterator would block the reads that follow
  const keys: string[] = []
  for await (const h of source.search(null, { sort: 'date' })) keys.push(h.key)
  let written = 0
  let skipped = 0
  for (let i = 0; i < keys.length; i += batchSize) {
    const batch = keys.slice(i, i + batchSize)
    const [have, want] = await Promise.all([digestsOf(target, batch), digestsOf(source, batch)])
    const records: CableRecord[] = []
    for (const key of batch) {
      if (options.kept?.has(key) || same(have.get(key), want.get(key))) {
        skipped++
        continue
      }
      const cable = await source.getCable(key)
      if (!cable) throw new Error(`cable ${key} disappeared from the source during the copy`)
      records.push(...(await recordsOf(source, cable, (want.get(key)?.length ?? 1) > 1, targetPortions)))
      written++
    }
    if (records.length) await target.upsertCables(records)
    options.onProgress?.({ done: Math.min(i + batchSize, keys.length), total: keys.length, written })
  }
  if (!options.keepTargetSettings && portionAccess && !targetPortions) await configurePortionAccess(target, true)
  const differences = options.sourceOnly ? await compareSourceIn(source, target, keys, options.kept) : await compareArchives(source, target)
  if (!options.keepTargetSettings) differences.push(...(await compareSettings(source, target)))
  return { cables: keys.length, written, skipped, portionAccess: options.keepTargetSettings ? null : portionAccess, verified: differences.length === 0, differences, seconds: (Date.now() - started) / 1000 }
}

/**
 * What differs between the archive settings of two archives (portion access, docs/search.md), in words
 * (`portion-access: on in the source, off in the target`). Empty when they agree.
 */
export async function compareSettings(a: Store, b: Store): Promise<string[]> {
  const [pa, pb] = await Promise.all([a.portionAccess(), b.portionAccess()])
  const word = (on: boolean) => (on ? 'on' : 'off')
  return pa === pb ? [] : [`portion-access: ${word(pa)} in the source, ${word(pb)} in the target`]
}

/**
 * What differs between two archives: cable and source counts, and every cable whose version hashes are not
 * the same in both (at most 20 listed). Empty when they hold the same.
 */
export async function compareArchives(a: Store, b: Store): Promise<string[]> {
  const out: string[] = []
  const [sa, sb] = await Promise.all([a.stats(), b.stats()])
  if (sa.cables !== sb.cables) out.push(`cables: ${sa.cables} in the source, ${sb.cables} in the target`)
  if (sa.sources !== sb.sources) out.push(`sources: ${sa.sources} in the source, ${sb.sources} in the target`)
  const [da, db] = [await digestsOf(a), await digestsOf(b)]
  const bad: string[] = []
  for (const [key, hashes] of da) if (!same(hashes, db.get(key))) bad.push(key)
  for (const key of db.keys()) if (!da.has(key)) bad.push(key)
  if (bad.length) out.push(`text hashes differ for ${bad.length} cables: ${bad.slice(0, 20).join(', ')}${bad.length > 20 ? ', …' : ''}`)
  return out
}

/**
 * What of `source` the target does not hold as the source does: every source cable (but the `kept` ones)
 * with the same version hashes (at most 20 listed). Cables only the target holds are not looked at.
 */
async function compareSourceIn(source: Store, target: Store, keys: string[], kept: ReadonlySet<string> = new Set()): Promise<string[]> {
  const wanted = keys.filter((k) => !kept.has(k))
  const bad: string[] = []
  // in batches: a key list is bound as query parameters
  for (let i = 0; i < wanted.length; i += 500) {
    const batch = wanted.slice(i, i + 500)
    const [da, db] = await Promise.all([digestsOf(source, batch), digestsOf(target, batch)])
    bad.push(...batch.filter((k) => !same(da.get(k), db.get(k))))
  }
  return bad.length ? [`text hashes differ for ${bad.length} cables: ${bad.slice(0, 20).join(', ')}${bad.length > 20 ? ', …' : ''}`] : []
}
