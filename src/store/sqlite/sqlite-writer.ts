import type Database from 'better-sqlite3'
import type { CableRecord, UpsertOutcome } from '../store.js'
import { caveatMask } from './caveat-mask.js'
import { packText, textSha256 } from '../pack-text.js'

/**
 * Between two addressees in the index, so a phrase cannot run from one addressee into the next.
 * It is a word no query can produce from an addressee name.
 */
export const ADDRESSEE_SEPARATOR = ' zzaddrsep '

interface Existing {
  rowid: number
  text_sha256: string
  error_count: number
  tags: string
  captions: string
}

const generations = new WeakMap<Database.Database, number>()

/**
 * How many times this connection has inserted or replaced a cable: caches of `cables` data compare it
 * (with `PRAGMA data_version`, which only sees other connections' commits) to know they are current.
 */
export function writeGeneration(db: Database.Database): number {
  return generations.get(db) ?? 0
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>()

function prepare(db: Database.Database) {
  const columns = 'key, id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes'
  return {
    find: db.prepare(
      'SELECT c.rowid, d.text_sha256, c.error_count, c.tags, d.captions FROM cables c JOIN cable_details d ON d.rowid = c.rowid WHERE c.key = ?',
    ),
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
    addRef: db.prepare('INSERT INTO cable_refs (cable, ord, letter, target, text) VALUES (?, ?, ?, ?, ?)'),
    dropRefs: db.prepare('DELETE FROM cable_refs WHERE cable = ?'),
    addFts: db.prepare('INSERT INTO cables_fts (rowid, body, subject, addressees) VALUES (?, ?, ?, ?)'),
    dropFts: db.prepare('DELETE FROM cables_fts WHERE rowid = ?'),
    addSource: db.prepare(
      'INSERT OR IGNORE INTO cable_sources (cable, locator, sha256, rendering, imported_at, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
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
 * its source; a different copy replaces the stored one only when it parsed with fewer errors, so a
 * re-import never changes anything and a clean rendering wins over a damaged one in any import order.
 *
 * @example
 *   store.transaction((db) => { writeCable(db, record); insertDelivery(db, …) })
 */
export function writeCable(db: Database.Database, r: CableRecord, outcome?: UpsertOutcome): void {
  const s = stmts(db)
  // the text is deflated only when it is written: a re-import of an unchanged cable needs the hash alone
  const sha = r.packed?.sha256 ?? textSha256(r.text)
  const existing = s.find.get(r.key) as Existing | undefined
  let rowid: number
  if (!existing || (existing.text_sha256 !== sha && r.errorCount < existing.error_count)) generations.set(db, writeGeneration(db) + 1)
  if (!existing) {
    rowid = Number(s.insert.run(...row(r)).lastInsertRowid)
    attach(s, rowid, r, sha)
    if (outcome) outcome.inserted++
  } else if (existing.text_sha256 !== sha && r.errorCount < existing.error_count) {
    rowid = existing.rowid
    for (const tag of splitList(existing.tags)) s.dropTag.run(tag, rowid)
    for (const caption of JSON.parse(existing.captions) as string[]) s.dropCaption.run(caption, rowid)
    s.dropRefs.run(rowid)
    s.dropFts.run(rowid)
    s.update.run(...row(r), rowid)
    attach(s, rowid, r, sha)
    if (outcome) outcome.replaced++
  } else {
    rowid = existing.rowid
    if (outcome) outcome.unchanged++
  }
  const src = r.source
  const added = s.addSource.run(rowid, src.locator, src.sha256, src.rendering, src.importedAt, JSON.stringify(src.metadata)).changes
  if (outcome) outcome.sourcesAdded += added
}

function row(r: CableRecord): unknown[] {
  return [
    r.key,
    r.id,
    r.rawId,
    r.date,
    r.origin,
    r.originKey,
    r.precedence,
    r.classification,
    r.level,
    caveatMask(r.caveats),
    r.caveats.join(' '),
    r.subject,
    r.tags.join(' '),
    r.errorCount,
    Buffer.byteLength(r.text, 'utf8'),
  ]
}

function attach(s: ReturnType<typeof prepare>, rowid: number, r: CableRecord, sha: string): void {
  s.putText.run(rowid, r.packed?.deflated ?? packText(r.text))
  s.putDetails.run(rowid, JSON.stringify(r.captions), JSON.stringify(r.addressees), JSON.stringify(r.diagnostics), sha)
  for (const tag of new Set(r.tags)) s.addTag.run(tag, rowid)
  for (const caption of new Set(r.captions)) s.addCaption.run(caption, rowid)
  r.references.forEach((ref, i) => s.addRef.run(rowid, i, ref.letter, ref.id, ref.text))
  const addressees = r.addressees.map((a) => a.name).join(ADDRESSEE_SEPARATOR)
  s.addFts.run(rowid, r.text, r.subject ?? '', addressees)
}

/** Tags are stored space-joined: a tag never contains a space. */
export function splitList(value: string): string[] {
  return value === '' ? [] : value.split(' ')
}
