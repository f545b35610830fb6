import type Database from 'better-sqlite3'
import type { CableRecord, SourceRecord, UpsertOutcome } from '../store.js'
import { caveatMask } from '../caveat-mask.js'
import { dropPortions, portionsEnabled, writePortions } from './sqlite-portions.js'
import { versionPortions } from '../portion-access.js'
import { filingColumns, filingOfColumns, mergeSourceFilings, sameFiling, versionsFiling, type Filing } from '../filing.js'
import { packText, textSha256, unpackText } from '../pack-text.js'
import { addPart, keptInParts, recordOfText, partColumns, partOfColumns, partOfRecord, partOfText, partsFiling, partsIndexText, partsRecord, partsVersions, shownPartsVersion, type PartChange, type PartColumns, type PartText } from '../sections.js'
import { handOver, shownRow } from '../version-numbers.js'
import { betterCopy, contentSha256, holdsNoText, NO_TEXT_VERSION, STALE_CONTENT_SHA256, TEXT_UNAVAILABLE, versionColumns, withheldRuns, type VersionColumns } from '../version-identity.js'

/**
 * Between two addressees in the index, so a phrase cannot run from one addressee into the next.
 * It is a word no query can produce from an addressee name.
 */
export const ADDRESSEE_SEPARATOR = ' zzaddrsep '

/** Between two versions' texts in the index, so a phrase cannot run from one version into the next. */
const VERSION_SEPARATOR = '\n zzaddrsep \n'

interface Existing {
  rowid: number
  text_sha256: string
  error_count: number
  tags: string
  captions: string
  level: number
  caveats: string
  classification: string | null
  date: string | null
  date_basis: string | null
  date_precision: string | null
  date_from: string | null
  /** 1 when the shown record holds no text of the cable (`holdsNoText`), else 0. */
  no_text: number
}

/** A `cable_versions` row. */
export interface VersionRow extends VersionColumns {
  cable: number
  version: number
  first_seen: string
  text: Uint8Array | null
}

const generations = new WeakMap<Database.Database, number>()

/**
 * How many times this connection has inserted or replaced a cable: caches of `cables` data compare it
 * (with `PRAGMA data_version`, which only sees other connections' commits) to know they are current.
 */
export function writeGeneration(db: Database.Database): number {
  return generations.get(db) ?? 0
}

/** Counts a write that changed what caches of `cables` data hold (a re-filing: `sqlite-refile.ts`). */
export function bumpWriteGeneration(db: Database.Database): void {
  generations.set(db, writeGeneration(db) + 1)
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>()

function prepare(db: Database.Database) {
  const columns = 'key, id, raw_id, date, date_basis, date_precision, date_from, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes'
  return {
    find: db.prepare(
      `SELECT c.rowid, d.text_sha256, c.error_count, c.tags, d.captions, c.level, c.caveats, c.classification, c.date, c.date_basis, c.date_precision, c.date_from,
         instr(d.diagnostics, '"code":"${TEXT_UNAVAILABLE}"') > 0 AS no_text
       FROM cables c JOIN cable_details d ON d.rowid = c.rowid WHERE c.key = ?`,
    ),
    setDateSource: db.prepare('UPDATE cables SET date_basis = ?, date_precision = ?, date_from = ? WHERE rowid = ?'),
    versions: db.prepare('SELECT * FROM cable_versions WHERE cable = ? ORDER BY version'),
    putVersion: db.prepare(
      `INSERT OR REPLACE INTO cable_versions (cable, version, text_sha256, content_sha256, classification, level, caveats, error_count, withheld_runs, text_bytes, first_seen, text)
       VALUES (@cable, @version, @text_sha256, @content_sha256, @classification, @level, @caveats, @error_count, @withheld_runs, @text_bytes, @first_seen, @text)`,
    ),
    getText: db.prepare('SELECT text FROM cable_texts WHERE rowid = ?').pluck(),
    versionSource: db.prepare(
      'SELECT locator, sha256, rendering, imported_at, metadata FROM cable_sources WHERE cable = ? AND version = ? ORDER BY imported_at, locator, sha256 LIMIT 1',
    ),
    firstSeen: db.prepare('SELECT min(imported_at) FROM cable_sources WHERE cable = ?').pluck(),
    claimSources: db.prepare('UPDATE cable_sources SET version = 1 WHERE cable = ? AND version IS NULL'),
    noTextSources: db.prepare(`UPDATE cable_sources SET version = ${NO_TEXT_VERSION} WHERE cable = ? AND version IS NULL`),
    setAccess: db.prepare('UPDATE cables SET level = ?, caveat_mask = ?, caveats = ?, classification = ? WHERE rowid = ?'),
    insert: db.prepare(`INSERT INTO cables (${columns}) VALUES (${columns.replace(/\w+/g, '?')})`),
    update: db.prepare(`UPDATE cables SET (${columns}) = (${columns.replace(/\w+/g, '?')}) WHERE rowid = ?`),
    putText: db.prepare('INSERT OR REPLACE INTO cable_texts (rowid, text) VALUES (?, ?)'),
    putDetails: db.prepare(
      'INSERT OR REPLACE INTO cable_details (rowid, captions, addressees, diagnostics, text_sha256) VALUES (?, ?, ?, ?, ?)',
    ),
    addTag: db.prepare('INSERT OR IGNORE INTO cable_tags (tag, cable) VALUES (?, ?)'),
    dropTag: db.prepare('DELETE FROM cable_tags WHERE tag = ? AND cable = ?'),
    addCaption: db.prepare('INSERT OR IGNORE INTO cable_captions (caption, cable) VALUES (?, ?)'),
    dropCaption: db.prepare('DELETE FROM cable_captions WHERE caption = ? AND cable = ?'),
    addRef: db.prepare('INSERT INTO cable_refs (cable, ord, letter, target, text, kind) VALUES (?, ?, ?, ?, ?, ?)'),
    dropRefs: db.prepare('DELETE FROM cable_refs WHERE cable = ?'),
    addFts: db.prepare('INSERT INTO cables_fts (rowid, body, subject, addressees) VALUES (?, ?, ?, ?)'),
    dropFts: db.prepare('DELETE FROM cables_fts WHERE rowid = ?'),
    moveSource: db.prepare('UPDATE cable_sources SET version = ? WHERE cable = ? AND locator = ? AND sha256 = ?'),
    addSource: db.prepare(
      'INSERT OR IGNORE INTO cable_sources (cable, locator, sha256, rendering, imported_at, metadata, version) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    hasParts: db.prepare('SELECT 1 FROM cable_parts WHERE cable = ? LIMIT 1').pluck(),
    parts: db.prepare('SELECT * FROM cable_parts WHERE cable = ? ORDER BY section, content_sha256'),
    dropParts: db.prepare('DELETE FROM cable_parts WHERE cable = ?'),
    putPart: db.prepare(
      `INSERT INTO cable_parts (cable, section, sections, content_sha256, text_sha256, classification, level, caveats, error_count, withheld_runs, text_bytes, first_seen, text)
       VALUES (@cable, @section, @sections, @content_sha256, @text_sha256, @classification, @level, @caveats, @error_count, @withheld_runs, @text_bytes, @first_seen, @text)`,
    ),
    dropVersions: db.prepare('DELETE FROM cable_versions WHERE cable = ?'),
    partSources: db.prepare('UPDATE cable_sources SET part = ? WHERE cable = ? AND part IS NULL AND coalesce(version, -1) = coalesce(?, -1)'),
    setPart: db.prepare('UPDATE cable_sources SET part = ?, version = ? WHERE cable = ? AND locator = ? AND sha256 = ?'),
  }
}

function stmts(db: Database.Database) {
  let s = statements.get(db)
  if (!s) {
    s = prepare(db)
    statements.set(db, s)
  }
  return s
}

/**
 * Upserts one cable by key, inside the caller's transaction. A copy whose text is already stored only adds
 * its source. A copy of a stored text laid out differently (`contentSha256` equal) replaces the stored copy
 * only when it parsed with fewer errors, so a re-import never changes anything and a clean rendering wins
 * over a damaged one in any import order. A different text (a later release, a corrected copy) is kept as a
 * new version: the archive shows the best version (`compareVersions`), indexes the words of every version,
 * and gives the cable the highest level and every caveat of its versions, so a reader finds a word only in
 * a cable whose every text he may read.
 *
 * @example
 *   store.transaction((db) => { writeCable(db, record); insertDelivery(db, …) })
 */
export function writeCable(db: Database.Database, r: CableRecord, outcome?: UpsertOutcome): void {
  const s = stmts(db)
  // the text is deflated only when it is written: a re-import of an unchanged cable needs the hash alone
  const sha = r.packed?.sha256 ?? textSha256(r.text)
  const existing = s.find.get(r.key) as Existing | undefined
  // the parts model (QA 14 F6): a section of a telegram sent in sections, and any text of a cable kept in sections
  if (existing && ((r.section && !holdsNoText(r) && existing.text_sha256 !== sha) || s.hasParts.get(existing.rowid)) && writeParts(db, s, existing, r, sha, outcome)) return
  let rowid: number
  let version: number | null = null
  if (!existing) {
    generations.set(db, writeGeneration(db) + 1)
    rowid = Number(s.insert.run(...row(r)).lastInsertRowid)
    attach(db, s, rowid, r, sha, r.text)
    if (outcome) outcome.inserted++
  } else if (existing.text_sha256 === sha) {
    rowid = existing.rowid
    const versions = s.versions.all(rowid) as VersionRow[]
    version = versions.find((v) => v.text === null)?.version ?? null
    if (existing.date_basis === 'unknown') refreshProvenance(s, rowid, r)
    if (versions.length) raiseVersion(db, s, rowid, r, versions, version!)
    else raiseSingle(db, s, existing, r)
    if (outcome) outcome.unchanged++
  } else if (holdsNoText(r)) {
    // a record holding no text of a stored cable: a source of it, no version (QA 14 F10)
    rowid = existing.rowid
    version = existing.no_text ? null : NO_TEXT_VERSION
    fileNoTextSource(db, s, existing, r)
    if (outcome) outcome.unchanged++
  } else if (existing.no_text && !(s.versions.all(existing.rowid) as VersionRow[]).length) {
    // the first text of a cable known so far only from records holding none: shown from now on, filed under what
    // every source states; those records stay its sources, of no version
    rowid = existing.rowid
    s.noTextSources.run(rowid)
    replaceShown(db, s, existing, refiled(r, mergeSourceFilings(filingOfColumns(existing), filingOf(r))), sha, [])
    if (outcome) outcome.replaced++
  } else {
    rowid = existing.rowid
    version = writeOtherText(db, s, existing, r, sha, outcome)
  }
  const src = r.source
  const added = s.addSource.run(rowid, src.locator, src.sha256, src.rendering, src.importedAt, JSON.stringify(src.metadata), version).changes
  if (outcome) outcome.sourcesAdded += added
}

/**
 * A cable stored before the archive kept date provenance and reference kinds (archive-007), read again from
 * the same text: the parser's values replace the `unknown` ones. Nothing a search indexes changes.
 */
function refreshProvenance(s: Statements, rowid: number, r: CableRecord): void {
  const d = dateSourceColumns(r)
  s.setDateSource.run(d[0], d[1], d[2], rowid)
  s.dropRefs.run(rowid)
  r.references.forEach((ref, i) => s.addRef.run(rowid, i, ref.letter, ref.id, ref.text, ref.kind))
}

/** `date_basis`, `date_precision`, `date_from` (a JSON list) of a record; all NULL for an undated cable. */
function dateSourceColumns(r: CableRecord): [string | null, string | null, string | null] {
  const d = r.dateSource
  if (r.date === null || d === null) return [null, null, null]
  return [d.basis, d.precision, JSON.stringify(d.from)]
}

/** A text for a stored cable that differs from the copy it shows; returns the version it belongs to. */
function writeOtherText(db: Database.Database, s: Statements, existing: Existing, r: CableRecord, sha: string, outcome?: UpsertOutcome): number {
  const rowid = existing.rowid
  let versions = freshIdentity(s, rowid, s.versions.all(rowid) as VersionRow[])
  const content = contentSha256(r.text)
  if (versions.length === 0) {
    // the first other text: the one shown so far becomes version 1
    const shown = unpackText(s.getText.get(rowid) as Buffer)
    const v1 = {
      cable: rowid,
      version: 1,
      text_sha256: existing.text_sha256,
      content_sha256: contentSha256(shown),
      classification: existing.classification,
      level: existing.level,
      caveats: existing.caveats,
      error_count: existing.error_count,
      withheld_runs: withheldRuns(shown),
      text_bytes: Buffer.byteLength(shown, 'utf8'),
      first_seen: (s.firstSeen.get(rowid) as string | null) ?? r.source.importedAt,
      text: null,
    }
    s.putVersion.run(v1)
    s.claimSources.run(rowid)
    versions = [v1]
  }
  const same = versions.find((v) => v.content_sha256 === content)
  if (same) {
    // the copy kept of a version is chosen by a total order on copies, never by which came first (QA 14 F9)
    if (!betterCopy({ errorCount: r.errorCount, textSha256: sha }, { errorCount: same.error_count, textSha256: same.text_sha256 })) {
      raiseVersion(db, s, rowid, r, versions, same.version)
      if (outcome) outcome.unchanged++
      return same.version
    }
    // a cleaner rendering of a text already kept: filed under what every source of the text states
    const updated = { ...same, ...versionColumns(r, sha, content), ...filingColumns(mergeSourceFilings(filingOfColumns(same), filingOf(r))) }
    if (same.text === null) {
      const all = versions.map((v) => (v.version === same.version ? updated : v))
      const best = shownRow(all)
      if (best === updated) {
        s.putVersion.run({ ...updated, text: null })
        replaceShown(db, s, existing, r, sha, all)
      } else {
        // the better copy ranks the version shown below another (the same parse errors, fewer bytes: LF where the shown
        // copy had CR LF): that one is shown from now on, as it would be had this copy come first (docs/research.md,
        // "Version numbers"); the better copy is kept in its version's row
        const swap = handOver(all, updated, r.packed?.deflated ?? packText(r.text), best)
        putHandOver(s, swap)
        const record = recordOfText(r.key, unpackText(best.text!), versionSource(s, rowid, best.version) ?? r.source)
        replaceShown(db, s, existing, record, best.text_sha256, swap.rows)
      }
    } else {
      const kept = { ...updated, text: r.packed?.deflated ?? packText(r.text) }
      const all = versions.map((v) => (v.version === same.version ? kept : v))
      if (shownRow(all) === kept) {
        // the better copy ranks its version above the one shown (fewer parse errors, a longer text): shown from now
        // on, as it would be had this copy come first, so the version shown never depends on import order
        const swap = handOver(all, versions.find((v) => v.text === null)!, s.getText.get(rowid) as Buffer, kept)
        putHandOver(s, swap)
        replaceShown(db, s, existing, r, sha, swap.rows)
      } else {
        s.putVersion.run(kept)
        // the cable is filed from every version's filing, this one's now raised by every source of it
        reindex(db, s, rowid, all)
      }
    }
    if (outcome) outcome.replaced++
    return same.version
  }
  const added: VersionRow = {
    cable: rowid,
    version: Math.max(...versions.map((v) => v.version)) + 1,
    ...versionColumns(r, sha, content),
    first_seen: r.source.importedAt,
    text: r.packed?.deflated ?? packText(r.text),
  }
  // a source stored before under another version (an older identity rule made its text one with that version's, QA
  // 14 F9) names the version its text is now
  s.moveSource.run(added.version, rowid, r.source.locator, r.source.sha256)
  const all = [...versions, added]
  if (shownRow(all) === added) {
    // the new text is shown from now on; the one shown so far keeps its text in its version row
    const swap = handOver(all, versions.find((v) => v.text === null)!, s.getText.get(rowid) as Buffer, added)
    putHandOver(s, swap)
    replaceShown(db, s, existing, r, sha, swap.rows)
  } else {
    s.putVersion.run(added)
    reindex(db, s, rowid, all)
  }
  if (outcome) outcome.versionsAdded++
  return added.version
}


/** A `cable_parts` row. */
interface PartRow extends PartColumns {
  cable: number
}

/**
 * The parts model (QA 14 F6, docs/research.md "Sections", src/store/sections.ts): `r` is a section of a telegram sent
 * in sections, or any record of a cable kept in sections. Its text joins the cable's parts (a copy of a part kept:
 * the better copy, filed under every source; a section the cable lacked: a section more; another text of a section:
 * a version more), and the cable is written again from its parts: the shown text (the best version, its sections
 * assembled in order, a missing one stated), the version rows (when there are several), the words of every part (a
 * phrase never runs from one part into the next), and the filing: the highest of every part and source, never below
 * what was stored (fail closed). A cable stored before with one text or versions of its sections is first taken
 * into parts, each text as the section its class line says (or a whole text), its sources moved with it; a record
 * holding no text adds a source of no version and raises the filing.
 */
function writeParts(db: Database.Database, s: Statements, existing: Existing, r: CableRecord, sha: string, outcome?: UpsertOutcome): boolean {
  let parts: PartText[] = []
  let floor: Filing = filingOfColumns(existing)
  const stored = s.parts.all(existing.rowid) as PartRow[]
  const taken = stored.length || existing.no_text ? null : takeIntoParts(s, existing)
  if (stored.length) parts = stored.map(partOfColumns)
  else if (taken) parts = taken.parts
  let change: PartChange = 'unchanged'
  let part: PartText | null = null
  if (holdsNoText(r)) floor = versionsFiling([floor, filingOf(r)])
  else {
    part = partOfRecord(r, sha)
    ;({ parts, change } = addPart(parts, part))
  }
  // a cable with one text (and copies of it) keeps it as it is, and so do texts none of which is surely a section
  // (`keptInParts`): the writer's other rules store them
  if (!stored.length && !keptInParts(parts)) return false
  if (existing.no_text) s.noTextSources.run(existing.rowid)
  taken?.mark()
  const versions = partsVersions(parts)
  const shown = shownPartsVersion(versions)
  const others = versions.filter((v) => v !== shown)
  const filing = partsFiling(versions, floor)
  const record = partsRecord(r.key, shown, others, filing, r.source)
  generations.set(db, writeGeneration(db) + 1)
  const rowid = existing.rowid
  for (const tag of splitTagList(existing.tags)) s.dropTag.run(tag, rowid)
  for (const caption of JSON.parse(existing.captions) as string[]) s.dropCaption.run(caption, rowid)
  s.dropRefs.run(rowid)
  dropPortions(db, rowid)
  s.update.run(...row(record), rowid)
  s.dropFts.run(rowid)
  attach(db, s, rowid, record, shown.textSha256, null)
  s.addFts.run(rowid, partsIndexText(parts, VERSION_SEPARATOR), record.subject ?? '', record.addressees.map((a) => a.name).join(ADDRESSEE_SEPARATOR))
  if (portionsEnabled(db)) writePortions(db, rowid, record.portions ?? [])
  s.dropParts.run(rowid)
  for (const p of parts) s.putPart.run({ cable: rowid, ...partColumns(p) })
  s.dropVersions.run(rowid)
  if (versions.length > 1) {
    versions.forEach((v, i) =>
      s.putVersion.run({
        cable: rowid,
        version: i + 1,
        text_sha256: v.textSha256,
        content_sha256: v.contentSha256,
        ...filingColumns(v.filing),
        error_count: v.rank.errorCount,
        withheld_runs: v.rank.withheldRuns,
        text_bytes: v.rank.textBytes,
        first_seen: v.firstSeen,
        text: v === shown ? null : packText(v.text),
      }),
    )
  }
  const src = r.source
  const added = s.addSource.run(rowid, src.locator, src.sha256, src.rendering, src.importedAt, JSON.stringify(src.metadata), part ? null : NO_TEXT_VERSION).changes
  // a source names the part it carried (a re-imported copy stored before as a version is moved to its part)
  s.setPart.run(part ? part.content : null, part ? null : NO_TEXT_VERSION, rowid, src.locator, src.sha256)
  if (outcome) {
    outcome.sourcesAdded += added
    if (change === 'new-section') outcome.sectionsAdded++
    else if (change === 'new-version' || change === 'new') outcome.versionsAdded++
    else if (change === 'replaced') outcome.replaced++
    else outcome.unchanged++
  }
  return true
}

/**
 * The texts of a cable stored before it was kept in parts (its one text, or each of its versions), as parts: each the
 * section its class line says or a whole text, filed as stored; their sources name their parts from now on.
 */
function takeIntoParts(s: Statements, existing: Existing): { parts: PartText[]; mark: () => void } {
  const rowid = existing.rowid
  const versions = freshIdentity(s, rowid, s.versions.all(rowid) as VersionRow[])
  const shownText = () => unpackText(s.getText.get(rowid) as Buffer)
  if (!versions.length) {
    const p = partOfText(shownText(), filingOfColumns(existing), existing.error_count, (s.firstSeen.get(rowid) as string | null) ?? '')
    return { parts: [p], mark: () => s.partSources.run(p.content, rowid, null) }
  }
  let parts: PartText[] = []
  const marks: (() => void)[] = []
  for (const v of versions) {
    const p = partOfText(v.text === null ? shownText() : unpackText(v.text), filingOfColumns(v), v.error_count, v.first_seen)
    marks.push(() => s.partSources.run(p.content, rowid, v.version))
    if (v.version === 1) marks.push(() => s.partSources.run(p.content, rowid, null))
    parts = addPart(parts, p).parts
  }
  return { parts, mark: () => marks.forEach((m) => m()) }
}

/**
 * The version rows of a cable, each with the content hash of the current identity rule: a row a migration left
 * stale (`STALE_CONTENT_SHA256`) is hashed again from its stored text (the shown one's is in `cable_texts`) and
 * written back.
 */
function freshIdentity(s: Statements, rowid: number, versions: VersionRow[]): VersionRow[] {
  return versions.map((v) => {
    if (v.content_sha256 !== STALE_CONTENT_SHA256) return v
    const fresh = { ...v, content_sha256: contentSha256(unpackText((v.text ?? s.getText.get(rowid)) as Uint8Array)) }
    s.putVersion.run(fresh)
    return fresh
  })
}

/** Stores both rows of a hand-over of the version shown (`handOver`). */
function putHandOver(s: Statements, swap: { old: VersionRow; now: VersionRow }): void {
  s.putVersion.run(swap.old)
  s.putVersion.run(swap.now)
}

/** The earliest stored source of version `version` (by import time, then locator): null when none names it. */
function versionSource(s: Statements, rowid: number, version: number): SourceRecord | null {
  const row = s.versionSource.get(rowid, version) as { locator: string; sha256: string; rendering: SourceRecord['rendering']; imported_at: string; metadata: string } | undefined
  return row ? { locator: row.locator, sha256: row.sha256, rendering: row.rendering, importedAt: row.imported_at, metadata: JSON.parse(row.metadata) as Record<string, string> } : null
}

/** The filing a record's own source gives its text. */
function filingOf(r: CableRecord): Filing {
  return { level: r.level, caveats: r.caveats, classification: r.classification }
}

/**
 * Another source of the text of version `version` (of a cable with several): the version is filed under the highest
 * every source of it states (`mergeSourceFilings`) and the cable re-filed from its versions, so the filing never
 * depends on which source came first (QA 14r8 F5).
 */
function raiseVersion(db: Database.Database, s: Statements, rowid: number, r: CableRecord, versions: VersionRow[], version: number): void {
  const v = versions.find((x) => x.version === version)!
  const merged = mergeSourceFilings(filingOfColumns(v), filingOf(r))
  if (sameFiling(merged, filingOfColumns(v))) return
  const raised = { ...v, ...filingColumns(merged) }
  s.putVersion.run(raised)
  reindex(db, s, rowid, versions.map((x) => (x === v ? raised : x)))
}

/**
 * Another source of the one text of a stored cable: the cable is filed under the highest every source states
 * (`mergeSourceFilings`), and its stored portions (portion-level access) are cut again under that filing, from the
 * fields stored for it.
 */
function raiseSingle(db: Database.Database, s: Statements, existing: Existing, r: CableRecord, text = r.text): void {
  const stored = filingOfColumns(existing)
  const merged = mergeSourceFilings(stored, filingOf(r))
  if (sameFiling(merged, stored)) return
  generations.set(db, writeGeneration(db) + 1)
  s.setAccess.run(merged.level, caveatMask(merged.caveats), merged.caveats.join(' '), merged.classification, existing.rowid)
  if (!portionsEnabled(db)) return
  dropPortions(db, existing.rowid)
  const dateSource = existing.date === null ? null : {
    basis: (existing.date_basis ?? 'unknown') as 'read' | 'inferred' | 'container' | 'unknown',
    precision: existing.date_precision as 'minute' | 'day' | 'month' | 'year' | null,
    from: existing.date_from ? (JSON.parse(existing.date_from) as string[]) : [],
  }
  writePortions(db, existing.rowid, versionPortions({
    key: r.key,
    level: merged.level,
    caveats: merged.caveats,
    // the stored text: the same bytes as `r.text` (same SHA-256), or given when `r` holds none
    text,
    tags: splitTagList(existing.tags),
    captions: JSON.parse(existing.captions) as string[],
    date: existing.date,
    dateSource,
  }))
}

/**
 * A record holding no text of a stored cable (`holdsNoText`) files it as any source does (fail closed: the cable is
 * filed at least at what the record states): the one text's filing, or every version's, is raised by it and the
 * stored portions are cut again from the stored texts. Nothing it holds is shown or indexed.
 */
function fileNoTextSource(db: Database.Database, s: Statements, existing: Existing, r: CableRecord): void {
  const versions = s.versions.all(existing.rowid) as VersionRow[]
  if (!versions.length) {
    raiseSingle(db, s, existing, r, unpackText(s.getText.get(existing.rowid) as Uint8Array))
    return
  }
  const raised = versions.map((v) => ({ ...v, ...filingColumns(mergeSourceFilings(filingOfColumns(v), filingOf(r))) }))
  if (raised.every((v, i) => sameFiling(filingOfColumns(v), filingOfColumns(versions[i])))) return
  for (const v of raised) s.putVersion.run(v)
  reindex(db, s, existing.rowid, raised)
}

/** `r` filed under `f`, its portions (portion-level access) cut again under that filing. */
function refiled(r: CableRecord, f: Filing): CableRecord {
  const portions = r.portions && versionPortions({ key: r.key, level: f.level, caveats: f.caveats, text: r.text, tags: r.tags, captions: r.captions, date: r.date, dateSource: r.dateSource })
  return { ...r, level: f.level, caveats: f.caveats, classification: f.classification, portions }
}

/** Shows `r` instead of the stored copy: its fields, text and index rows replace the old ones. */
function replaceShown(db: Database.Database, s: Statements, existing: Existing, r: CableRecord, sha: string, versions: VersionRow[]): void {
  generations.set(db, writeGeneration(db) + 1)
  const rowid = existing.rowid
  for (const tag of splitTagList(existing.tags)) s.dropTag.run(tag, rowid)
  for (const caption of JSON.parse(existing.captions) as string[]) s.dropCaption.run(caption, rowid)
  s.dropRefs.run(rowid)
  s.dropFts.run(rowid)
  dropPortions(db, rowid)
  s.update.run(...row(r), rowid)
  attach(db, s, rowid, r, sha, versions.length ? null : r.text)
  if (versions.length) reindex(db, s, rowid, versions)
}

/** Indexes the words of every version and gives the cable the highest level and all caveats among them. */
function reindex(db: Database.Database, s: Statements, rowid: number, versions: VersionRow[]): void {
  generations.set(db, writeGeneration(db) + 1)
  const texts = versions.map((v) => unpackText(v.text ?? (s.getText.get(rowid) as Buffer)))
  const cable = db.prepare('SELECT subject, d.addressees FROM cables c JOIN cable_details d ON d.rowid = c.rowid WHERE c.rowid = ?').get(rowid) as {
    subject: string | null
    addressees: string
  }
  s.dropFts.run(rowid)
  dropPortions(db, rowid)
  const addressees = (JSON.parse(cable.addressees) as { name: string }[]).map((a) => a.name).join(ADDRESSEE_SEPARATOR)
  s.addFts.run(rowid, texts.join(VERSION_SEPARATOR), cable.subject ?? '', addressees)
  const highest = versionsFiling(versions.map(filingOfColumns))
  const caveats = highest.caveats
  s.setAccess.run(highest.level, caveatMask(caveats), caveats.join(' '), highest.classification, rowid)
  // portion-level access: the shown text's portions, when every text gives a lower reader the same (versionPortions)
  if (portionsEnabled(db)) {
    const shown = versions.findIndex((v) => v.text === null)
    const key = (db.prepare('SELECT key FROM cables WHERE rowid = ?').pluck().get(rowid) as string) ?? ''
    writePortions(db, rowid, versionPortions({ key, level: highest.level, caveats, text: texts[shown], versions: texts.filter((_, i) => i !== shown) }))
  }
}

function row(r: CableRecord): unknown[] {
  return [
    r.key,
    r.id,
    r.rawId,
    r.date,
    ...dateSourceColumns(r),
    r.origin,
    r.originKey,
    r.precedence,
    r.classification,
    r.level,
    caveatMask(r.caveats),
    r.caveats.join(' '),
    r.subject,
    r.tags.join(TAG_SEPARATOR),
    r.errorCount,
    Buffer.byteLength(r.text, 'utf8'),
  ]
}

type Statements = ReturnType<typeof prepare>

/** Writes the shown text's rows; `indexed` is the text to index, null when `reindex` indexes every version. */
function attach(db: Database.Database, s: Statements, rowid: number, r: CableRecord, sha: string, indexed: string | null): void {
  s.putText.run(rowid, r.packed?.deflated ?? packText(r.text))
  s.putDetails.run(rowid, JSON.stringify(r.captions), JSON.stringify(r.addressees), JSON.stringify(r.diagnostics), sha)
  for (const tag of new Set(r.tags)) s.addTag.run(tag, rowid)
  for (const caption of new Set(r.captions)) s.addCaption.run(caption, rowid)
  r.references.forEach((ref, i) => s.addRef.run(rowid, i, ref.letter, ref.id, ref.text, ref.kind))
  // portion-level access: the shown text's readable portions; a cable with several texts stores them in `reindex`
  if (indexed === null) return
  if (portionsEnabled(db)) writePortions(db, rowid, r.portions ?? [])
  const addressees = r.addressees.map((a) => a.name).join(ADDRESSEE_SEPARATOR)
  s.addFts.run(rowid, indexed, r.subject ?? '', addressees)
}

/** Caveats are stored space-joined: a caveat never contains a space. */
export function splitList(value: string): string[] {
  return value === '' ? [] : value.split(' ')
}

/**
 * What joins the TAGS in `cables.tags`: a line feed, which no stored tag holds (`recordTags` folds white space to
 * one blank), so multi-word entries (`HUMAN RIGHTS`) are stored as written (archive-010 converted older lists).
 */
export const TAG_SEPARATOR = '\n'

/** The TAGS of a `cables.tags` value (`TAG_SEPARATOR`-joined). */
export function splitTagList(value: string): string[] {
  return value === '' ? [] : value.split(TAG_SEPARATOR)
}
