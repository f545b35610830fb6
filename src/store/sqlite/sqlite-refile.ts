import type Database from 'better-sqlite3'
import { caveatMask } from '../caveat-mask.js'
import { FILING_RULES, FILING_SETTING, filingOfColumns, refiledCable, registeredSourceFiling, storedFilingRules, type FilingSource } from '../filing.js'
import { unpackText } from '../pack-text.js'
import { versionPortions } from '../portion-access.js'
import { dateSourceOf } from './sqlite-rows.js'
import { dropPortions, portionsEnabled, writePortions } from './sqlite-portions.js'
import { bumpWriteGeneration, splitList, splitTagList } from './sqlite-writer.js'

/**
 * Re-filing in the SQLite engine (docs/archive.md, "Filing rules"): an archive whose stored filings were computed
 * by older rules than the code's (`FILING_RULES`, src/store/filing.ts) is re-filed from its stored texts and sources
 * when it is opened for writing, before the store serves anything; one opened read-only is first opened for writing
 * to be re-filed (`openSqliteStore`), and refused where it cannot be written (never served under stale filing).
 */

/** The filing rules version the archive's stored filings were computed by (`storedFilingRules`). */
export function archiveFilingRules(db: Database.Database): number {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('archive_settings', 'cables')").pluck().all() as string[])
  if (!tables.has('cables')) return FILING_RULES
  const holdsCables = db.prepare('SELECT 1 FROM cables LIMIT 1').get() !== undefined
  const value = tables.has('archive_settings') ? (db.prepare('SELECT value FROM archive_settings WHERE name = ?').pluck().get(FILING_SETTING) as string | undefined) : undefined
  return storedFilingRules(value, holdsCables)
}

/**
 * Re-files every cable of an archive filed by older rules (inside one transaction), then records the current rules
 * version; nothing when it is current. A cable released in this database (`msg_cable`) keeps the filing of its
 * release record, which nothing changes. A cable whose filing changes has its stored portions (portion-level access)
 * cut again under the new filing. Returns the number of cables whose filing changed.
 *
 * @throws Error when the archive must be re-filed and no service layer registered the filing rule (fail closed)
 */
export function refileArchive(db: Database.Database): number {
  const holdsCables = db.prepare('SELECT 1 FROM cables LIMIT 1').get() !== undefined
  const record = db.prepare('INSERT OR REPLACE INTO archive_settings (name, value) VALUES (?, ?)')
  if (!holdsCables && db.prepare('SELECT 1 FROM archive_settings WHERE name = ?').get(FILING_SETTING) === undefined) {
    // a new archive: what is written to it from now on is filed by these rules
    record.run(FILING_SETTING, String(FILING_RULES))
    return 0
  }
  const before = archiveFilingRules(db)
  if (before >= FILING_RULES) return 0
  const rule = registeredSourceFiling()
  if (holdsCables && !rule) throw new Error(`the archive was filed by older rules (filing rules ${before}, this version files by ${FILING_RULES}) and cannot be re-filed here: open it with Cablegram's archive layer`)
  let changed = 0
  db.transaction(() => {
    if (holdsCables && rule) {
      const released = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'msg_cable'").get() !== undefined ? new Set(db.prepare('SELECT id FROM msg_cable').pluck().all() as string[]) : new Set<string>()
      const portions = portionsEnabled(db)
      const rows = db
        .prepare('SELECT c.rowid, c.key, c.level, c.caveats, c.classification, c.tags, d.captions, c.date, c.date_basis, c.date_precision, c.date_from FROM cables c JOIN cable_details d ON d.rowid = c.rowid')
        .all() as ({ rowid: number; key: string; level: number; caveats: string; classification: string | null; tags: string; captions: string } & Parameters<typeof dateSourceOf>[0])[]
      const text = db.prepare('SELECT text FROM cable_texts WHERE rowid = ?').pluck()
      const versions = db.prepare('SELECT version, level, caveats, classification, text FROM cable_versions WHERE cable = ? ORDER BY version')
      const sources = db.prepare('SELECT rendering, metadata, version FROM cable_sources WHERE cable = ?')
      const setVersion = db.prepare('UPDATE cable_versions SET level = ?, caveats = ?, classification = ? WHERE cable = ? AND version = ?')
      const setAccess = db.prepare('UPDATE cables SET level = ?, caveat_mask = ?, caveats = ?, classification = ? WHERE rowid = ?')
      for (const r of rows) {
        const shown = unpackText(text.get(r.rowid) as Buffer)
        const kept = versions.all(r.rowid) as { version: number; level: number; caveats: string; classification: string | null; text: Buffer | null }[]
        let f = { level: r.level, caveats: splitList(r.caveats), classification: r.classification }
        // a released cable keeps the filing of its release record, which nothing changes
        if (!released.has(r.key)) {
          const all = (sources.all(r.rowid) as { rendering: string; metadata: string; version: number | null }[]).map((s) => ({ version: s.version, source: { rendering: s.rendering, metadata: JSON.parse(s.metadata) as Record<string, string> } satisfies FilingSource }))
          const texts = kept.length
            ? kept.map((v) => ({ version: v.version, filing: filingOfColumns(v), text: v.text === null ? shown : unpackText(v.text), sources: all.filter((s) => (s.version ?? 1) === v.version).map((s) => s.source) }))
            : [{ version: null, filing: null, text: shown, sources: all.map((s) => s.source) }]
          const refiled = refiledCable({ filing: f, texts }, rule)
          if (refiled) {
            changed++
            for (const v of refiled.versions) setVersion.run(v.filing.level, v.filing.caveats.join(' '), v.filing.classification, r.rowid, v.version)
            f = refiled.cable
            setAccess.run(f.level, caveatMask(f.caveats), f.caveats.join(' '), f.classification, r.rowid)
          }
        }
        if (!portions) continue
        // the portions a reader below it may read, cut again by the new rules, whether or not the filing changed: the
        // rules read the marks that cut them (a mark split by a page break, a class line nobody reads), so portions an
        // older version cut may show a reader what these withhold (fail closed)
        dropPortions(db, r.rowid)
        const others = kept.flatMap((v) => (v.text === null ? [] : [unpackText(v.text)]))
        const source = { key: r.key, level: f.level, caveats: f.caveats, text: shown, tags: splitTagList(r.tags), captions: JSON.parse(r.captions) as string[], date: r.date, dateSource: dateSourceOf(r) }
        writePortions(db, r.rowid, versionPortions({ ...source, ...(others.length ? { versions: others } : {}) }))
      }
      if (changed || portions) bumpWriteGeneration(db)
    }
    record.run(FILING_SETTING, String(FILING_RULES))
  }).immediate()
  return changed
}
