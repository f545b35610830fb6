import Database from 'better-sqlite3'
import { partOfColumns, versionsOfParts, type PartColumns } from '../sections.js'
import type { QueryNode } from '../query/ast.js'
import type {
  Access,
  ArchiveStats,
  CableDigest,
  CableVersion,
  SnapshotRecord,
  CableRecord,
  CableSummary,
  DateHistogram,
  FacetedPage,
  Facets,
  HistogramInterval,
  PortionRecord,
  PortionSource,
  ReferencedId,
  SearchHit,
  SearchOptions,
  SourceRecord,
  Store,
  StoredCable,
  UpsertOutcome,
} from '../store.js'
import { ARCHIVE_MIGRATIONS } from './archive-migrations.js'
import { runMigrations, type Migration } from './migrations.js'
import { archiveFilingRules, refileArchive } from './sqlite-refile.js'
import { FILING_RULES } from '../filing.js'
import { compileQuery } from './sqlite-search.js'
import { facetedPage, orderBy, prepared, queryFacets, type PageQuery } from './sqlite-page.js'
import { readStats } from './sqlite-stats.js'
import { dateSourceOf, rowToStored, type CableRow } from './sqlite-rows.js'
import { splitList, splitTagList, writeCable, type VersionRow } from './sqlite-writer.js'
import { unpackText } from '../pack-text.js'
import { DatabaseFileError, fileErrorReason } from '../database-file-error.js'
import { NO_TEXT_VERSION, withheldRuns } from '../version-identity.js'
import { versionsOfRows } from '../version-numbers.js'
import { shownSourceOf } from '../portion-access.js'
import { dropPortions, portionFacetColumns, portionsEnabled, readerDate, setPortionSetting, shownDateSource, shownOrigin, shownTagsSql, somePortionSql, wholeSql, writePortions } from './sqlite-portions.js'

export interface OpenOptions {
  /** Migrations of other modules sharing the database, applied after the archive's, in order. */
  migrations?: readonly Migration[]
  readonly?: boolean
}

const HISTOGRAM_PREFIX: Record<HistogramInterval, number> = { year: 4, month: 7, day: 10 }

const SUMMARY = 'c.key, c.id, c.date, c.origin, c.classification, c.subject'
/** Pages up to this size are read whole (see `search`). */
const PAGE_MAX = 1000
// BM25 weights per FTS column: body, subject, addressees. A subject hit says more than a body hit.
const RANK = 'bm25(cables_fts, 1.0, 4.0, 1.0)'

/**
 * The SQLite engine (better-sqlite3, WAL). Synchronous underneath; async outside so the PostgreSQL engine
 * can share the `Store` interface.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite'

  /** `writable`: this connection set WAL mode and hands the file back in rollback mode on close (see `close`). */
  constructor(
    readonly db: Database.Database,
    private readonly writable = false,
  ) {}

  /**
   * Runs `fn` in one SQLite transaction (IMMEDIATE, so writers queue instead of failing midway). Other
   * modules write their rows and archive rows (`writeCable`) together through it.
   *
   * @example
   *   store.transaction((db) => { writeCable(db, record); db.prepare('INSERT INTO msg_delivery …').run(…) })
   */
  transaction<T>(fn: (db: Database.Database) => T): T {
    return this.db.transaction(() => fn(this.db)).immediate()
  }

  async upsertCables(batch: CableRecord[]): Promise<UpsertOutcome> {
    const outcome: UpsertOutcome = { inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 0, releasedKept: 0 }
    this.transaction((db) => {
      const released = releasedLookup(db)
      for (const r of batch) {
        if (released?.get(r.key)) outcome.releasedKept++
        else writeCable(db, r, outcome)
      }
    })
    return outcome
  }

  /** Whether a search by `access` reads portions: he asks for it and the archive has it on. */
  private portionReader(access: Access | undefined): boolean {
    return access?.portions === true && portionsEnabled(this.db)
  }

  /**
   * What marks a hit `access` may read only in part (portion-level access): `partial` with the cable's level
   * and caveats, the subject hidden unless its portion is readable. Null when the search reads no portions.
   * Decided and prepared once per search, not per hit.
   */
  private partialMarker(access: Access | undefined): ((hit: SearchHit) => void) | null {
    if (!access || !this.portionReader(access)) return null
    const stmt = prepared(
      this.db,
      `SELECT ${wholeSql(access)} AS whole, ${somePortionSql(access, 'subject')} AS subject, ${shownTagsSql(access)} AS tags, ${readerDate(access)} AS date, ${shownDateSource(access)} AS date_source, ${shownOrigin(access)} AS origin, c.level, c.caveats FROM cables c WHERE c.key = ?`,
    )
    return (h) => {
      const r = stmt.get(h.key) as { whole: number; subject: number; tags: string | null; date: string | null; date_source: string | null; origin: string | null; level: number; caveats: string }
      if (r.whole) return
      h.partial = { level: r.level, caveats: splitList(r.caveats) }
      if (!r.subject) h.subject = null
      // the date his rendering gives, with how it was found (docs/search.md)
      h.date = r.date
      h.dateSource = shownSourceOf(r.date, r.date_source)
      // the origin his rendering's FM line gives (none when it is withheld)
      h.origin = r.origin
      // the TAGS his rendering shows, in the cable's order
      const shown = new Set(splitTagList(r.tags ?? ''))
      h.tags = h.tags.filter((t) => shown.has(t))
    }
  }

  private from(query: QueryNode | null, access: Access | undefined): PageQuery {
    const portions = this.portionReader(access)
    const q = compileQuery(query, access, portions)
    const from = q.match ? 'cables_fts JOIN cables c ON c.rowid = cables_fts.rowid' : 'cables c'
    const where = q.match ? `cables_fts MATCH ? AND ${q.where}` : q.where
    // a bare full-text match needs no row of `cables` to list its rowids (every indexed row has one)
    // nor does a lone tag or caption equality (their tables hold one row per cable and value; a prefix
    // could list a cable twice)
    const lone = q.match ? null : /^c\.rowid IN \((SELECT cable FROM cable_(?:tags WHERE tag|captions WHERE caption) = \?)\)$/.exec(q.where)
    // nor do conditions on the rowid alone under a full-text match (tag and caption probes, nested matches):
    // every cable has exactly one index row, so the join to `cables` would only cost a lookup per hit
    const rowidOnly = q.match !== null && !/\bc\.(?!rowid\b)/.test(q.where)
    const ids =
      q.match && q.where === '1'
        ? 'SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?'
        : lone
          ? lone[1]
          : rowidOnly
            ? `SELECT rowid FROM cables_fts WHERE cables_fts MATCH ? AND ${q.where.replaceAll('c.rowid', 'cables_fts.rowid')}`
            : `SELECT c.rowid FROM ${from} WHERE ${where}`
    // BM25 weighs a word by how rare it is across the whole index, hidden cables included: the order it
    // gives a restricted reader's visible hits would tell him whether a word occurs in cables he may not
    // read. FTS5 has no ranking over a subset, so a restricted reader's "rank" order is newest first
    // (docs/search.md); PostgreSQL's ts_rank reads one document at a time and keeps ranking.
    const ranked = q.match !== null && access === undefined
    return { from, where, params: q.match ? [q.match, ...q.params] : q.params, ranked, rank: RANK, ids, facetColumns: portions ? portionFacetColumns(access!) : null, date: portions ? readerDate(access!) : 'c.date' }
  }

  async *search(query: QueryNode | null, options: SearchOptions, access?: Access): AsyncIterable<SearchHit> {
    const f = this.from(query, access)
    const order = orderBy(options.sort, f.ranked, RANK, f.date)
    const score = f.ranked ? RANK : 'NULL'
    // A page (the latency-sensitive case) is read whole and its texts fetched afterwards, so the sort over
    // thousands of hits never carries their blobs; an unbounded export streams with the text in each row,
    // since better-sqlite3 runs no second statement while an iterator is open.
    const paged = options.limit !== undefined && options.limit <= PAGE_MAX
    const textOf = options.withText && paged ? this.db.prepare('SELECT text FROM cable_texts WHERE rowid = ?').pluck() : null
    const text = options.withText && !paged ? ', (SELECT t.text FROM cable_texts t WHERE t.rowid = c.rowid) AS text' : ''
    const page = options.limit !== undefined || options.offset ? ` LIMIT ${options.limit ?? -1} OFFSET ${options.offset ?? 0}` : ''
    const stmt = this.db.prepare(`SELECT c.rowid, ${SUMMARY}, c.date_basis, c.date_precision, c.date_from, c.tags, ${score} AS score${text} FROM ${f.from} WHERE ${f.where} ORDER BY ${order}${page}`)
    const rows = (paged ? stmt.all(...f.params) : stmt.iterate(...f.params)) as Iterable<CableRow & { score: number | null }>
    const markPartial = this.partialMarker(access)
    for (const r of rows) {
      const hit: SearchHit = {
        key: r.key,
        id: r.id,
        date: r.date,
        dateSource: dateSourceOf(r),
        origin: r.origin,
        classification: r.classification,
        subject: r.subject,
        tags: splitTagList(r.tags),
        score: r.score,
      }
      if (textOf) hit.text = unpackText(textOf.get(r.rowid) as Buffer)
      else if (r.text) hit.text = unpackText(r.text)
      markPartial?.(hit)
      yield hit
    }
  }

  async facetedPage(query: QueryNode | null, options: SearchOptions & { limit: number }, access?: Access, top = 10): Promise<FacetedPage> {
    const f = this.from(query, access)
    const page = facetedPage(this.db, f, { sort: options.sort, limit: options.limit, offset: options.offset ?? 0, withText: options.withText ?? false, top })
    const markPartial = this.partialMarker(access)
    if (markPartial) page.hits.forEach(markPartial)
    return page
  }

  async count(query: QueryNode | null, access?: Access): Promise<number> {
    const f = this.from(query, access)
    return prepared(this.db, `SELECT count(*) FROM (${f.ids})`).pluck(true).get(...f.params) as number
  }

  async facets(query: QueryNode | null, access?: Access, top = 10): Promise<Facets> {
    const f = this.from(query, access)
    return queryFacets(this.db, f, top)
  }

  async getCable(idOrKey: string, access?: Access): Promise<StoredCable | null> {
    const filter = compileQuery(null, access)
    const row = this.db
      .prepare(`SELECT c.*, d.captions, d.addressees, d.diagnostics, d.text_sha256, t.text FROM cables c JOIN cable_details d ON d.rowid = c.rowid JOIN cable_texts t ON t.rowid = c.rowid WHERE (c.key = ? OR c.raw_id = ?) AND ${filter.where} ORDER BY c.key = ? DESC LIMIT 1`)
      .get(idOrKey, idOrKey, ...filter.params, idOrKey) as CableRow | undefined
    if (!row) return null
    const refs = this.db.prepare('SELECT letter, target AS id, text, kind FROM cable_refs WHERE cable = ? ORDER BY ord').all(row.rowid)
    const sources = this.db
      .prepare('SELECT locator, rendering, sha256, imported_at AS importedAt, metadata FROM cable_sources WHERE cable = ? ORDER BY imported_at, locator')
      .all(row.rowid)
    return rowToStored(row, refs as never, sources as never)
  }

  async citing(id: string, access?: Access): Promise<CableSummary[]> {
    const filter = compileQuery(null, access)
    return this.db
      .prepare(
        `SELECT ${SUMMARY} FROM cables c WHERE c.rowid IN (SELECT cable FROM cable_refs WHERE target = ?) AND ${filter.where} ORDER BY c.date, c.key`,
      )
      .all(id, ...filter.params) as CableSummary[]
  }

  async resolve(ids: string[], access?: Access): Promise<Map<string, CableSummary>> {
    const filter = compileQuery(null, access)
    const stmt = this.db.prepare(`SELECT ${SUMMARY} FROM cables c WHERE c.key = ? AND ${filter.where}`)
    const found = new Map<string, CableSummary>()
    for (const id of new Set(ids)) {
      const row = stmt.get(id, ...filter.params) as CableSummary | undefined
      if (row) found.set(id, row)
    }
    return found
  }

  async stats(access?: Access): Promise<ArchiveStats> {
    return readStats(this.db, compileQuery(null, access))
  }

  async histogram(query: QueryNode | null, interval: HistogramInterval, access?: Access): Promise<DateHistogram> {
    const f = this.from(query, access)
    // dates are ISO strings, so a prefix of 4, 7 or 10 characters is the year, month or day
    const bin = `coalesce(substr(${f.date}, 1, ${HISTOGRAM_PREFIX[interval]}), '(none)')`
    return prepared(this.db, `SELECT ${bin} AS value, count(*) AS count FROM ${f.from} WHERE ${f.where} GROUP BY 1 ORDER BY 1`).all(...f.params) as DateHistogram
  }

  private tables: Set<string> | null = null

  /** Whether a table exists: an archive opened read-only before its migrations ran lacks the newer ones. */
  private has(table: string): boolean {
    this.tables ??= new Set(this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
    return this.tables.has(table)
  }

  async versions(idOrKey: string, access?: Access): Promise<CableVersion[] | null> {
    const cable = await this.getCable(idOrKey, access)
    if (!cable) return null
    const rowid = this.db.prepare('SELECT rowid FROM cables WHERE key = ?').pluck().get(cable.key) as number
    const versioned = this.has('cable_versions')
    const sources = this.db
      .prepare(`SELECT locator, rendering, sha256, imported_at AS importedAt, metadata, ${versioned ? 'version' : 'NULL AS version'} FROM cable_sources WHERE cable = ? ORDER BY imported_at, locator`)
      .all(rowid) as (Omit<SourceRecord, 'metadata'> & { metadata: string; version: number | null })[]
    if (this.has('cable_parts')) {
      // a cable kept in sections (docs/research.md, "Sections"): its versions assembled from its parts, each part's
      // sources those that carried its text
      const parts = this.db.prepare('SELECT * FROM cable_parts WHERE cable = ? ORDER BY section, content_sha256').all(rowid) as PartColumns[]
      if (parts.length) {
        const partOf = this.db.prepare('SELECT part FROM cable_sources WHERE cable = ? AND locator = ? AND sha256 = ?').pluck()
        const withPart = sources.map((x) => ({ ...x, part: partOf.get(rowid, x.locator, x.sha256) as string | null }))
        return versionsOfParts(parts.map(partOfColumns), (content) =>
          withPart.filter((x) => x.part === content).map(({ version: _v, part: _p, ...x }) => ({ ...x, metadata: JSON.parse(x.metadata) as Record<string, string> })),
        )
      }
    }
    const sourcesOf = (version: number) =>
      sources
        .filter((s) => (s.version ?? 1) === version)
        .map(({ version: _v, ...s }) => ({ ...s, metadata: JSON.parse(s.metadata) as Record<string, string> }))
    const rows = versioned ? (this.db.prepare('SELECT * FROM cable_versions WHERE cable = ? ORDER BY version').all(rowid) as VersionRow[]) : []
    if (rows.length === 0) {
      // the sources of its one text: a record holding none (`NO_TEXT_VERSION`) is a source of the cable, of no version
      const noText = new Set(sources.filter((x) => x.version === NO_TEXT_VERSION).map((x) => `${x.locator}\u0000${x.sha256}`))
      const s = cable.sources.filter((x) => !noText.has(`${x.locator}\u0000${x.sha256}`))
      return [
        {
          version: 1,
          current: true,
          textSha256: (this.db.prepare('SELECT text_sha256 FROM cable_details WHERE rowid = ?').pluck().get(rowid) as string),
          classification: cable.classification,
          level: cable.level,
          caveats: cable.caveats,
          errorCount: cable.errorCount,
          withheldRuns: withheldRuns(cable.text),
          firstSeen: s.map((x) => x.importedAt).sort()[0] ?? '',
          sources: s,
          text: cable.text,
        },
      ]
    }
    // numbered by rank, never by the order the rows were stored in (docs/research.md, "Version numbers")
    return versionsOfRows(rows, cable.text, sourcesOf)
  }

  async *digests(access?: Access, keys?: string[]): AsyncIterable<CableDigest> {
    const filter = compileQuery(null, access)
    // one row per version for cables with several texts, else the shown text's hash
    const sql = this.has('cable_versions')
      ? `SELECT c.key, coalesce(v.text_sha256, d.text_sha256) AS textSha256
      FROM cables c JOIN cable_details d ON d.rowid = c.rowid LEFT JOIN cable_versions v ON v.cable = c.rowid
      WHERE ${filter.where}`
      : `SELECT c.key, d.text_sha256 AS textSha256 FROM cables c JOIN cable_details d ON d.rowid = c.rowid WHERE ${filter.where}`
    if (keys) {
      const stmt = this.db.prepare(`${sql} AND c.key = ?`)
      for (const key of new Set(keys)) yield* stmt.all(...filter.params, key) as CableDigest[]
      return
    }
    yield* this.db.prepare(sql).all(...filter.params) as CableDigest[]
  }

  async referencedIds(access?: Access): Promise<ReferencedId[]> {
    const filter = compileQuery(null, access)
    return this.db
      .prepare(
        `SELECT r.target AS id, count(DISTINCT r.cable) AS citedBy, max(c.date) AS lastCitedAt FROM cable_refs r JOIN cables c ON c.rowid = r.cable
         WHERE r.target IS NOT NULL AND ${filter.where} GROUP BY r.target ORDER BY r.target`,
      )
      .all(...filter.params) as ReferencedId[]
  }

  async portionAccess(): Promise<boolean> {
    return portionsEnabled(this.db)
  }

  async setPortionAccess(on: boolean, portions: (cable: PortionSource) => PortionRecord[]): Promise<void> {
    this.transaction((db) => {
      setPortionSetting(db, on)
      dropPortions(db, null)
      if (!on) return
      // a cable with several texts: its other versions' texts too (its portions only when every text agrees)
      const rows = db
        .prepare('SELECT c.rowid, c.key, c.level, c.caveats, c.tags, d.captions, c.date, c.date_basis, c.date_precision, c.date_from, t.text FROM cables c JOIN cable_texts t ON t.rowid = c.rowid JOIN cable_details d ON d.rowid = c.rowid')
        .all() as ({ rowid: number; key: string; level: number; caveats: string; tags: string; captions: string; text: Buffer } & Parameters<typeof dateSourceOf>[0])[]
      const others = db.prepare('SELECT text FROM cable_versions WHERE cable = ? AND text IS NOT NULL ORDER BY version').pluck()
      for (const r of rows) {
        const versions = (others.all(r.rowid) as Buffer[]).map((t) => unpackText(t))
        const source = { key: r.key, level: r.level, caveats: splitList(r.caveats), text: unpackText(r.text), tags: splitTagList(r.tags), captions: JSON.parse(r.captions) as string[], date: r.date, dateSource: dateSourceOf(r) }
        writePortions(db, r.rowid, portions({ ...source, ...(versions.length ? { versions } : {}) }))
      }
    })
  }

  async partialCable(idOrKey: string, access: Access): Promise<StoredCable | null> {
    if (!portionsEnabled(this.db)) return null
    const reader = { ...access, portions: true }
    const filter = compileQuery(null, reader, true)
    const key = this.db
      .prepare(`SELECT c.key FROM cables c WHERE (c.key = ? OR c.raw_id = ?) AND NOT ${wholeSql(access)} AND ${filter.where} ORDER BY c.key = ? DESC LIMIT 1`)
      .pluck()
      .get(idOrKey, idOrKey, ...filter.params, idOrKey) as string | undefined
    return key === undefined ? null : this.getCable(key)
  }

  async saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO archive_snapshots (id, saved_at, body) VALUES (?, ?, ?)').run(snapshot.id, snapshot.savedAt, snapshot.body)
  }

  async snapshot(id: string): Promise<SnapshotRecord | null> {
    if (!this.has('archive_snapshots')) return null
    const row = this.db.prepare('SELECT id, saved_at AS savedAt, body FROM archive_snapshots WHERE id = ?').get(id) as SnapshotRecord | undefined
    return row ?? null
  }

  async close(): Promise<void> {
    this.closeSync()
  }

  /**
   * Closes the connection. The last writer to close switches the file back to rollback-journal mode, so
   * an archive left alone is one self-contained file that a read-only connection can open even on
   * read-only media (a WAL file there would need a `-shm` file nobody can create). While other
   * connections are open the switch is refused at once (SQLITE_BUSY) and the file stays in WAL mode.
   */
  closeSync(): void {
    if (!this.db.open) return
    if (this.writable && !this.db.inTransaction) {
      try {
        this.db.pragma('busy_timeout = 0')
        this.db.pragma('journal_mode = DELETE')
      } catch {
        // another connection is open: it (or the last of them) will switch the file back
      }
    }
    this.db.close()
  }
}

/**
 * Opens (creating if needed) an archive database at `path` (`:memory:` for tests), in WAL mode, with the
 * archive's migrations and any `options.migrations` of other modules applied.
 *
 * @example
 *   const store = openSqliteStore('cablegram.db', { migrations: MESSAGING_MIGRATIONS })
 */
export function openSqliteStore(path: string, options: OpenOptions = {}): SqliteStore {
  const migrations = [...ARCHIVE_MIGRATIONS, ...(options.migrations ?? [])]
  let db: Database.Database
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  } catch (error) {
    throw asFileError(path, error)
  }
  try {
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      runMigrations(db, migrations)
      // filed by older rules: re-filed from its stored texts and sources before anything is served (docs/archive.md, "Filing rules")
      refileArchive(db)
    } else {
      const pending = pendingMigrations(path, db, migrations)
      const stale = archiveFilingRules(db) < FILING_RULES
      if (pending.length || stale) {
        // written by an older version: upgrade (and re-file) in place where the file can be written; never served
        // as it is (fail closed)
        db.close()
        try {
          openSqliteStore(path, { ...options, readonly: false }).closeSync()
        } catch (error) {
          const what = [...(pending.length ? [`an upgrade (${pending.join(', ')})`] : []), ...(stale ? [`re-filing under this version's filing rules (${FILING_RULES})`] : [])].join(' and ')
          throw new DatabaseFileError(path, `the database needs ${what} and cannot be written here: ${fileErrorReason(error) ?? (error as Error).message}`)
        }
        return openSqliteStore(path, options)
      }
    }
    // 256 MB: the short rows of a 250,000-cable archive and the hot index pages stay in memory
    db.pragma('cache_size = -262144')
    return new SqliteStore(db, !options.readonly)
  } catch (error) {
    if (db.open) db.close()
    throw asFileError(path, error)
  }
}

/** The migrations a database opened read-only still lacks; refuses a file that is not a Cablegram archive. */
function pendingMigrations(path: string, db: Database.Database, migrations: readonly { id: string }[]): string[] {
  // the first read of the header: a text file or a damaged one fails here, with SQLITE_NOTADB or _CORRUPT
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
  if (!tables.has('cables') || !tables.has('schema_migrations')) {
    throw new DatabaseFileError(path, tables.size === 0 ? 'the database is empty: import cables first (cable import PATH)' : 'a SQLite database, but not a Cablegram archive (no cables table)')
  }
  const done = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[])
  return migrations.map((m) => m.id).filter((id) => !done.has(id))
}

/** An engine error about the file as a `DatabaseFileError` naming `path`; any other error unchanged. */
function asFileError(path: string, error: unknown): unknown {
  if (error instanceof DatabaseFileError) return error
  const reason = fileErrorReason(error)
  return reason ? new DatabaseFileError(path, reason) : error
}

/**
 * A statement telling whether a key names a cable released in this file (`msg_cable`), or null when the
 * file holds no messaging tables (a plain archive). Imports never write under such a key.
 */
function releasedLookup(db: Database.Database): Database.Statement | null {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'msg_cable'").get()
  return has ? db.prepare('SELECT 1 FROM msg_cable WHERE id = ?').pluck() : null
}
