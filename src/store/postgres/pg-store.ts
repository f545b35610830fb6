import type pg from 'pg'
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
  DateSourceRecord,
  SourceRecord,
  FacetedPage,
  PortionRecord,
  PortionSource,
  ReferencedId,
  HistogramInterval,
  FacetName,
  Facets,
  SearchHit,
  SearchOptions,
  SortOrder,
  Store,
  StoredCable,
  UpsertOutcome,
} from '../store.js'
import { FacetTally } from '../sqlite/sqlite-stats.js'
import { unpackText } from '../pack-text.js'
import { NO_TEXT_VERSION, withheldRuns } from '../version-identity.js'
import { versionsOfRows } from '../version-numbers.js'
import { PG_ARCHIVE_MIGRATIONS } from './archive-migrations.js'
import { openPgSchema, type PgMigration } from './migrations.js'
import { refilePgArchive } from './pg-refile.js'
import { compilePgQuery, Params, accessSql, type PgCompiledQuery } from './pg-search.js'
import { acquirePool, inTransaction, releasePool } from './pool.js'
import { lockArchiveWrites, writeImportBatch } from './pg-writer.js'
import { dropPortions, portionsEnabled, putPortions, readerDate, setPortionSetting, shownDateSource, shownOrigin, shownValuesSql, somePortionSql, wholeSql } from './pg-portions.js'
import { shownSourceOf } from '../portion-access.js'
import { pageCandidates, pgFacetIndex } from './pg-facet-index.js'

export interface PgOpenOptions {
  /** Migrations of other modules sharing the database, applied after the archive's, in order. */
  migrations?: readonly PgMigration[]
  /** Refuse a database without the archive's tables (ArchiveMissingError) instead of creating them: read commands. */
  existing?: boolean
}

const SUMMARY = 'c.key, c.cable_id AS id, c.date, c.origin, c.classification, c.subject'
/** ts_rank weights for D (body), C (unused), B (addressees), A (subject): a subject hit says more, as in SQLite's bm25 weights. */
const RANK_WEIGHTS = '{0.25, 0, 0.25, 1}'
/** Unbounded searches stream through a cursor this many rows at a time. */
const CURSOR_BATCH = 500
const FACETS: FacetName[] = ['origin', 'year', 'classification', 'tag', 'precedence', 'caption']

interface Compiled extends PgCompiledQuery {
  from: string
  /**
   * FROM and WHERE for listing the matches' ids alone, when the conditions need no column of `cables` but
   * its id: `cable_fts f` for a word query (`c.id` is then `f.cable`), the query's `driver` set of cables for
   * one with none; else `from` and `where`.
   */
  idsFrom: string
  idsWhere: string
  /** Whether `idsFrom` joins `cable_fts f` (a word query, or a `to:` or `subject:` set driving the listing). */
  idsFts: boolean
  /** The reader of a search under portion-level access (his hits may be partial), else null. */
  portionReader: Access | null
  /** The date the search orders, filters and counts by: `c.date`, or for a portion reader the date each cable shows him. */
  date: string
}

/** Cables read per round trip while portion-level access is turned on. */
const BACKFILL_BATCH = 500

interface HitRow {
  id: string
  key: string
  cable_id: string | null
  date: string | null
  date_basis: string | null
  date_precision: string | null
  date_from: string[] | null
  origin: string | null
  classification: string | null
  subject: string | null
  tags: string[]
  score: number | null
  text?: Buffer | null
  /** Portion-level access: whether the reader may read the cable whole, and its subject portion. */
  whole?: boolean
  subject_readable?: boolean
  level?: number
  caveats?: string
  /** Portion-level access: the TAGS the rendering of a cable read in part shows. */
  shown_tags?: string[] | null
  shown_date?: string | null
  shown_date_source?: string | null
  shown_origin?: string | null
}

/**
 * The SQL ORDER BY of every search over alias `a`, with SQLite's NULL placement (first ascending, last
 * descending). A ranked page puts cables whose subject holds a word of the query first (the `tier`
 * column), then newest first: an order that needs no reading of the cables' word vectors, so only the
 * page shown is scored (see docs/postgres.md).
 */
function orderBy(sort: SortOrder, ranked: boolean, a: string, date = `${a}date`): string {
  if (sort === 'date') return `${date} ASC NULLS FIRST, ${a}key`
  if (sort === 'date-desc' || !ranked) return `${date} DESC NULLS LAST, ${a}key`
  return `tier DESC, ${date} DESC NULLS LAST, ${a}key`
}

/**
 * A row's date provenance (archive-004): null for an undated cable, `unknown` when a dated row has none
 * (never shown as read).
 */
function dateSourceOf(r: { date: string | null; date_basis: string | null; date_precision: string | null; date_from: string[] | null }): DateSourceRecord | null {
  if (r.date === null) return null
  return { basis: (r.date_basis ?? 'unknown') as DateSourceRecord['basis'], precision: r.date_precision as DateSourceRecord['precision'], from: r.date_from ?? [] }
}

function toHit(r: HitRow): SearchHit {
  const hit: SearchHit = { key: r.key, id: r.cable_id, date: r.date, dateSource: dateSourceOf(r), origin: r.origin, classification: r.classification, subject: r.subject, tags: r.tags, score: r.score === null ? null : Number(r.score) }
  if (r.text) hit.text = unpackText(r.text)
  if (r.whole === false) {
    hit.partial = { level: r.level!, caveats: r.caveats === '' ? [] : r.caveats!.split(' ') }
    if (!r.subject_readable) hit.subject = null
    // the TAGS his rendering shows, in the cable's order
    const shown = new Set(r.shown_tags ?? [])
    hit.tags = hit.tags.filter((t) => shown.has(t))
    // the date his rendering gives, with how it was found (docs/search.md)
    hit.date = r.shown_date ?? null
    hit.dateSource = shownSourceOf(hit.date, r.shown_date_source ?? null)
    // the origin his rendering's FM line gives (none when it is withheld)
    hit.origin = r.shown_origin ?? null
  }
  return hit
}

/**
 * Columns that tell `toHit` which hits a portion reader may read only in part (SQL over `c` with integer
 * literals only), or '' for any other reader.
 */
function partialColumns(reader: Access | null): string {
  if (!reader) return ''
  return `, ${wholeSql(reader)} AS whole, ${somePortionSql(reader, 'subject')} AS subject_readable, c.level, c.caveats, ARRAY(${shownValuesSql(reader, 'c.id', 'tag')}) AS shown_tags, ${readerDate(reader)} AS shown_date, ${shownDateSource(reader)} AS shown_date_source, ${shownOrigin(reader)} AS shown_origin`
}

/**
 * The TAGS and captions a search's facets count for each match, as columns `tags` and `captions` (text arrays) of
 * a SELECT over `cables c`: a cable's own, or for a portion reader's cable read in part those its redacted
 * rendering shows (docs/search.md). Null captions: the caller joins `cable_captions`.
 */
function facetFieldColumns(reader: Access | null): string {
  if (!reader) return 'c.tags, NULL::text[] AS captions'
  const whole = wholeSql(reader)
  return `CASE WHEN ${whole} THEN c.tags ELSE ARRAY(${shownValuesSql(reader, 'c.id', 'tag')}) END AS tags,
    CASE WHEN ${whole} THEN ARRAY(SELECT cc.caption FROM cable_captions cc WHERE cc.cable = c.id) ELSE ARRAY(${shownValuesSql(reader, 'c.id', 'caption')}) END AS captions`
}

function needsBuckets(n: QueryNode): boolean {
  switch (n.type) {
    case 'term':
    case 'phrase':
      return n.tokens.length > 1
    case 'near':
      return true
    case 'field':
      return n.query !== null && needsBuckets(n.query)
    case 'and':
    case 'or':
      return n.children.some(needsBuckets)
    case 'not':
      return needsBuckets(n.child)
  }
}

/**
 * The PostgreSQL archive engine (`pg`, one shared pool per location). Opening is synchronous like the
 * SQLite engine's; the migrations run on first use and every method waits for them.
 */
export class PostgresStore implements Store {
  readonly engine = 'postgres'
  private readonly ready: Promise<void>
  /** Cables this store inserted, and the count at which it next refreshes the planner's statistics. */
  private written = 0
  private analyzeAt = 5000

  constructor(
    readonly location: string,
    readonly pool: pg.Pool,
    migrations: readonly PgMigration[] = [],
    options: { existing?: boolean } = {},
  ) {
    // an archive filed by older rules is re-filed before any method answers (pg-refile.ts): never served stale
    this.ready = openPgSchema(pool, location, [...PG_ARCHIVE_MIGRATIONS, ...migrations], options).then(async () => {
      await refilePgArchive(pool)
    })
    // the error is reported by the first method that awaits `ready`, not as an unhandled rejection
    this.ready.catch(() => {})
  }

  /** Resolves once the schema is current; rejects with the migration's error. */
  async open(): Promise<this> {
    await this.ready
    return this
  }

  async upsertCables(batch: CableRecord[]): Promise<UpsertOutcome> {
    await this.ready
    const outcome = await inTransaction(this.pool, (client) => writeImportBatch(client, batch))
    this.written += outcome.inserted
    if (this.written >= this.analyzeAt) {
      // the planner must know the tables grew: with stale statistics it scans every word vector instead
      // of asking the GIN index, and autovacuum can lag far behind a bulk import. VACUUM marks the pages of
      // the narrow tables all-visible, so listing a tag's or caption's cables reads their indexes alone
      this.analyzeAt = this.written * 2
      await this.pool.query('VACUUM (ANALYZE) cables, cable_tags, cable_captions')
      await this.pool.query('ANALYZE cable_fts, cable_refs')
    }
    return outcome
  }

  private async compile(query: QueryNode | null, access: Access | undefined): Promise<Compiled> {
    await this.ready
    let maxBucket = 0
    if (query && needsBuckets(query)) {
      maxBucket = (await this.pool.query<{ max_bucket: number }>('SELECT max_bucket FROM fts_meta')).rows[0]?.max_bucket ?? 0
    }
    // portion-level access only for a reader who asks for it (a search path) in an archive that has it on
    const portions = access?.portions === true && (await portionsEnabled(this.pool))
    const q = compilePgQuery(query, access, maxBucket, portions)
    const from = q.match ? 'cables c JOIN cable_fts f ON f.cable = c.id' : 'cables c'
    let idsFrom = from
    let idsWhere = q.where
    // whether `idsFrom` has `f`, the cable's `cable_fts` row
    let idsFts = q.match !== null
    if (q.match && !q.usesCables) idsFrom = 'cable_fts f CROSS JOIN LATERAL (SELECT f.cable AS id) c'
    else if (!q.match && q.driverFts && !q.usesCables) {
      // a `to:` or `subject:` set: its `cable_fts` rows are read anyway, and `f` gives the subject tier without a lookup per match
      idsFrom = 'cable_fts f CROSS JOIN LATERAL (SELECT f.cable AS id) c'
      idsWhere = `${q.driverFts} AND ${q.driverWhere}`
      idsFts = true
    } else if (!q.match && q.driver && !q.usesCables) {
      // start from the cables of one tag, caption or addressee query rather than from every cable
      idsFrom = `(SELECT ${q.driverRepeats ? 'DISTINCT ' : ''}d.cable AS id FROM (${q.driver}) d) c`
      idsWhere = q.driverWhere
    }
    return { ...q, from, idsFrom, idsWhere, idsFts, portionReader: portions ? access! : null, date: portions ? readerDate(access!) : 'c.date' }
  }

  /** Whether the subject holds a word of the query, as a column `tier`, for ranked orders (`f` joined when `match`). */
  private tierColumn(q: Compiled, params: unknown[], fts = q.match !== null): string {
    if (!q.tier) return 'false AS tier'
    params.push(q.tier)
    if (fts) return `(f.subject_fts @@ $${params.length}::tsquery) AS tier`
    return `(SELECT s.subject_fts @@ $${params.length}::tsquery FROM cable_fts s WHERE s.cable = c.id) AS tier`
  }

  /**
   * A faceted page counted by the process's facet index (`pgFacetIndex`): one statement lists the ids of the
   * matches (and, for a ranked page, of those whose subject holds a word of the query) with the archive's
   * generation; the facets are counted in memory, the page is picked there by the index's date ranks (ties
   * settled by key), and only its rows are read. Null when the index does not describe the archive the
   * statement saw: the caller counts in SQL.
   */
  private async indexedPage(q: Compiled, options: SearchOptions & { limit: number }, top: number): Promise<FacetedPage | null> {
    const params = [...q.params]
    const byTier = q.rank !== null && options.sort === 'rank' && q.tier !== null
    const tier = byTier ? `, ${this.tierColumn(q, params, q.idsFts)}` : ''
    const { rows } = await this.pool.query<{ generation: string; ids: string[]; tier: string[] | null }>(
      `SELECT (SELECT generation FROM fts_meta)::text AS generation, coalesce(array_agg(m.id), '{}') AS ids,
         ${byTier ? `coalesce(array_agg(m.id) FILTER (WHERE m.tier), '{}')` : 'NULL::bigint[]'} AS tier
       FROM (SELECT c.id${tier} FROM ${q.idsFrom} WHERE ${q.idsWhere}) m`,
      params,
    )
    const index = await pgFacetIndex(this.pool, Number(rows[0].generation))
    if (!index) return null
    const ids = rows[0].ids.map(Number)
    for (const id of ids) if (!index.covers(id)) return null
    const facets = index.count(ids, top)
    // the primary order as one ascending number: subject hits first (ranked), then the date's rank
    const sign = options.sort === 'date' ? 1 : -1
    const subjectHits = new Set((rows[0].tier ?? []).map(Number))
    const order = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) order[i] = sign * index.dateRank(ids[i]) - (subjectHits.has(ids[i]) ? 2 ** 33 : 0)
    const offset = options.offset ?? 0
    const candidates = pageCandidates(order, offset + options.limit)
    const tied = new Set(candidates.map((i) => order[i])).size < candidates.length
    const keys = new Map<number, string>()
    if (tied) {
      // equal dates: the key decides, in byte order (keys are ASCII, so code-unit order is byte order)
      const found = await this.pool.query<{ id: string; key: string }>('SELECT id, key FROM cables WHERE id = ANY($1::bigint[])', [candidates.map((i) => ids[i])])
      for (const r of found.rows) keys.set(Number(r.id), r.key)
    }
    candidates.sort((a, b) => order[a] - order[b] || (tied ? compareBytes(keys.get(ids[a])!, keys.get(ids[b])!) : 0))
    const page = candidates.slice(offset, offset + options.limit).map((i) => String(ids[i]))
    return { total: ids.length, facets, hits: await this.pageRows(page, q, options.withText ?? false) }
  }

  /** Page rows (summary, tags, score, text) for ids in the given order. */
  private async pageRows(ids: string[], q: Compiled, withText: boolean): Promise<SearchHit[]> {
    if (ids.length === 0) return []
    const params: unknown[] = [ids]
    let score = 'NULL::float8'
    if (q.rank) {
      params.push(q.rank)
      score = `-ts_rank('${RANK_WEIGHTS}'::float4[], f.fts, $2::tsquery)`
    }
    const text = withText ? ', t.text' : ''
    const rows = await this.pool.query<HitRow>(
      `SELECT c.id, ${SUMMARY.replace('c.cable_id AS id', 'c.cable_id')}, c.date_basis, c.date_precision, c.date_from, c.tags, ${score} AS score${text}${partialColumns(q.portionReader)}
       FROM cables c ${q.rank ? 'JOIN cable_fts f ON f.cable = c.id' : ''} ${withText ? 'JOIN cable_texts t ON t.cable = c.id' : ''}
       WHERE c.id = ANY($1::bigint[])`,
      params,
    )
    const byId = new Map(rows.rows.map((r) => [r.id, r]))
    return ids.map((id) => toHit(byId.get(id)!))
  }

  async *search(query: QueryNode | null, options: SearchOptions, access?: Access): AsyncIterable<SearchHit> {
    const q = await this.compile(query, access)
    const ranked = q.rank !== null
    const params = [...q.params]
    const tier = this.tierColumn(q, params)
    const order = orderBy(options.sort, ranked, '')
    if (options.limit !== undefined && options.limit <= 1000) {
      const ids = await this.pool.query<{ id: string }>(
        `SELECT id FROM (SELECT c.id, ${q.date} AS date, c.key, ${tier} FROM ${q.from} WHERE ${q.where}) m ORDER BY ${order} LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`,
        params,
      )
      for (const hit of await this.pageRows(ids.rows.map((r) => r.id), q, options.withText ?? false)) yield hit
      return
    }
    // an export: one cursor in a read-only transaction, rows scored and inflated as they stream
    let score = 'NULL::float8'
    if (q.rank) {
      params.push(q.rank)
      // `f` is joined when `match` is the rank; a `subject:` query reads its cable's vector here
      const fts = q.match ? 'f.fts' : '(SELECT s.fts FROM cable_fts s WHERE s.cable = c.id)'
      score = `-ts_rank('${RANK_WEIGHTS}'::float4[], ${fts}, $${params.length}::tsquery)`
    }
    const text = options.withText ? ', (SELECT t.text FROM cable_texts t WHERE t.cable = c.id) AS text' : ''
    const page = options.limit !== undefined || options.offset ? ` LIMIT ${options.limit ?? 'ALL'} OFFSET ${options.offset ?? 0}` : ''
    const sql = `SELECT c.id, c.key, c.cable_id, c.date, c.date_basis, c.date_precision, c.date_from, c.origin, c.classification, c.subject, c.tags, ${score} AS score, ${tier}${text}${partialColumns(q.portionReader)}
      FROM ${q.from} WHERE ${q.where} ORDER BY ${orderBy(options.sort, ranked, 'c.', q.date)}${page}`
    const client = await this.pool.connect()
    let open = false
    try {
      await client.query('BEGIN READ ONLY')
      open = true
      await client.query(`DECLARE hits NO SCROLL CURSOR FOR ${sql}`, params)
      for (;;) {
        const batch = await client.query<HitRow>(`FETCH ${CURSOR_BATCH} FROM hits`)
        for (const r of batch.rows) yield toHit(r)
        if (batch.rows.length < CURSOR_BATCH) break
      }
      await client.query('COMMIT')
      open = false
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => {})
      client.release()
    }
  }

  async facetedPage(query: QueryNode | null, options: SearchOptions & { limit: number }, access?: Access, top = 10): Promise<FacetedPage> {
    const q = await this.compile(query, access)
    const withText = options.withText ?? false
    if (query === null && countsFromFacetTable(access)) {
      // the whole archive (as the reader may see it): counts from facet_counts, the page from the date index
      const facets = await this.archiveFacets(access, top)
      const total = facets.year.reduce((n, f) => n + f.count, 0)
      const ids = await this.pool.query<{ id: string }>(
        `SELECT c.id FROM cables c WHERE ${q.where} ORDER BY ${orderBy(options.sort, false, 'c.')} LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`,
        q.params,
      )
      return { total, facets, hits: await this.pageRows(ids.rows.map((r) => r.id), q, withText) }
    }
    if (!q.portionReader) {
      const page = await this.indexedPage(q, options, top)
      if (page) return page
    }
    const params = [...q.params]
    const tier = this.tierColumn(q, params)
    const order = orderBy(options.sort, q.rank !== null, '')
    const { rows } = await this.pool.query<{ total: number; facets: [string, string | null, number][]; page: string[] | null }>(
      `WITH m AS MATERIALIZED (
         SELECT c.id, c.key, ${q.date} AS date, c.origin_key, c.classification, c.precedence, ${facetFieldColumns(q.portionReader)}, ${tier} FROM ${q.from} WHERE ${q.where}
       )
       SELECT (SELECT count(*)::int FROM m) AS total,
         (SELECT coalesce(json_agg(json_build_array(x.f, x.v, x.n)), '[]') FROM (
            SELECT 'origin' AS f, origin_key AS v, count(*)::int AS n FROM m GROUP BY 2
            UNION ALL SELECT 'year', left(date, 4), count(*)::int FROM m GROUP BY 2
            UNION ALL SELECT 'classification', classification, count(*)::int FROM m GROUP BY 2
            UNION ALL SELECT 'precedence', precedence, count(*)::int FROM m GROUP BY 2
            UNION ALL SELECT 'tag', t, count(*)::int FROM m, unnest(m.tags) AS t GROUP BY 2
            UNION ALL ${q.portionReader ? `SELECT 'caption', x, count(*)::int FROM m, unnest(m.captions) AS x GROUP BY 2` : `SELECT 'caption', cc.caption, count(*)::int FROM m JOIN cable_captions cc ON cc.cable = m.id GROUP BY 2`}
         ) x) AS facets,
         (SELECT array_agg(p.id ORDER BY p.rn) FROM (
            SELECT id, row_number() OVER (ORDER BY ${order}) AS rn FROM m ORDER BY rn LIMIT ${options.limit} OFFSET ${options.offset ?? 0}
         ) p) AS page`,
      params,
    )
    const maps = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>
    for (const [f, v, n] of rows[0].facets) maps[f as FacetName].set(v ?? '(none)', n)
    const hits = await this.pageRows((rows[0].page ?? []).map(String), q, withText)
    return { total: rows[0].total, facets: FacetTally.fromMaps(maps).result(top), hits }
  }

  /** Facets of every cable the reader may see, from the writer-maintained `facet_counts`. */
  private async archiveFacets(access: Access | undefined, top: number): Promise<Facets> {
    const p = new Params()
    const where = access ? accessSql(access, p).replaceAll('c.', 'fc.') : 'true'
    const { rows } = await this.pool.query<{ facet: string; value: string; n: number }>(
      `SELECT fc.facet, fc.value, sum(fc.n)::int AS n FROM facet_counts fc WHERE fc.facet <> 'month' AND ${where} GROUP BY 1, 2 HAVING sum(fc.n) > 0`,
      p.params,
    )
    const maps = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>
    for (const r of rows) maps[r.facet as FacetName].set(r.value, r.n)
    return FacetTally.fromMaps(maps).result(top)
  }

  async count(query: QueryNode | null, access?: Access): Promise<number> {
    await this.ready
    if (query === null && countsFromFacetTable(access)) return (await this.archiveFacets(access, 0)).year.reduce((n, f) => n + f.count, 0)
    const q = await this.compile(query, access)
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where}`, q.params)
    return rows[0].n
  }

  async facets(query: QueryNode | null, access?: Access, top = 10): Promise<Facets> {
    if (query === null && countsFromFacetTable(access)) {
      await this.ready
      return this.archiveFacets(access, top)
    }
    return (await this.facetedPage(query, { sort: 'date-desc', limit: 0 }, access, top)).facets
  }

  /** The access condition alone, over `c`, with its parameters numbered after `taken` others. */
  private filter(access: Access | undefined, taken: unknown[]): string {
    if (!access) return 'true'
    const p = new Params()
    p.params.push(...taken)
    const sql = accessSql(access, p)
    taken.push(...p.params.slice(taken.length))
    return sql
  }

  async getCable(idOrKey: string, access?: Access): Promise<StoredCable | null> {
    await this.ready
    const params: unknown[] = [idOrKey]
    const where = this.filter(access, params)
    const { rows } = await this.pool.query(
      `SELECT c.*, d.captions, d.addressees, d.diagnostics, t.text
       FROM cables c JOIN cable_details d ON d.cable = c.id JOIN cable_texts t ON t.cable = c.id
       WHERE (c.key = $1 OR c.raw_id = $1) AND ${where} ORDER BY c.key = $1 DESC LIMIT 1`,
      params,
    )
    const row = rows[0]
    if (!row) return null
    const [refs, sources] = await Promise.all([
      this.pool.query('SELECT letter, target AS id, text, kind FROM cable_refs WHERE cable = $1 ORDER BY ord', [row.id]),
      this.pool.query(
        'SELECT locator, rendering, sha256, imported_at AS "importedAt", metadata FROM cable_sources WHERE cable = $1 ORDER BY imported_at, locator',
        [row.id],
      ),
    ])
    return {
      key: row.key,
      id: row.cable_id,
      rawId: row.raw_id,
      date: row.date,
      dateSource: dateSourceOf(row),
      origin: row.origin,
      originKey: row.origin_key,
      precedence: row.precedence,
      classification: row.classification,
      level: row.level,
      caveats: row.caveats === '' ? [] : row.caveats.split(' '),
      subject: row.subject,
      captions: row.captions,
      tags: row.tags,
      addressees: row.addressees,
      references: refs.rows,
      text: unpackText(row.text),
      diagnostics: row.diagnostics,
      errorCount: row.error_count,
      sources: sources.rows,
    }
  }

  async citing(id: string, access?: Access): Promise<CableSummary[]> {
    await this.ready
    const params: unknown[] = [id]
    const where = this.filter(access, params)
    const { rows } = await this.pool.query<CableSummary>(
      `SELECT ${SUMMARY} FROM cables c WHERE c.id IN (SELECT cable FROM cable_refs WHERE target = $1) AND ${where} ORDER BY c.date NULLS FIRST, c.key`,
      params,
    )
    return rows
  }

  async resolve(ids: string[], access?: Access): Promise<Map<string, CableSummary>> {
    await this.ready
    const params: unknown[] = [[...new Set(ids)]]
    const where = this.filter(access, params)
    const { rows } = await this.pool.query<CableSummary>(`SELECT ${SUMMARY} FROM cables c WHERE c.key = ANY($1::text[]) AND ${where}`, params)
    return new Map(rows.map((r) => [r.key, r]))
  }

  async stats(access?: Access): Promise<ArchiveStats> {
    await this.ready
    const p = new Params()
    const visible = access ? accessSql(access, p) : 'true'
    const facetWhere = visible.replaceAll('c.', 'fc.')
    // need to know is decided per cable: those counts are grouped over the visible cables themselves
    const perCable: Record<string, string> = {
      year: `coalesce(left(c.date, 4), '(none)')`,
      month: `coalesce(left(c.date, 7), '(none)')`,
      origin: `coalesce(c.origin_key, '(none)')`,
      classification: `coalesce(c.classification, '(none)')`,
    }
    const group = async (facet: string, order: string) =>
      (
        await this.pool.query<{ value: string; count: number }>(
          countsFromFacetTable(access)
            ? `SELECT fc.value, sum(fc.n)::int AS count FROM facet_counts fc WHERE fc.facet = '${facet}' AND ${facetWhere} GROUP BY 1 HAVING sum(fc.n) > 0 ORDER BY ${order}`
            : `SELECT ${perCable[facet]} COLLATE "C" AS value, count(*)::int AS count FROM cables c WHERE ${visible} GROUP BY 1 ORDER BY ${order}`,
          p.params,
        )
      ).rows
    const one = async (sql: string) => (await this.pool.query<{ n: number }>(sql, p.params)).rows[0].n
    const [byYear, byOrigin, byClassification, byMonth, sources, withErrors] = await Promise.all([
      group('year', '1'),
      group('origin', '2 DESC, 1'),
      group('classification', '2 DESC, 1'),
      group('month', '1'),
      one(`SELECT count(*)::int AS n FROM cable_sources s JOIN cables c ON c.id = s.cable WHERE ${visible}`),
      one(`SELECT count(*)::int AS n FROM cables c WHERE c.error_count > 0 AND ${visible}`),
    ])
    return { cables: byYear.reduce((n, r) => n + r.count, 0), sources, withErrors, byYear, byOrigin, byClassification, byMonth }
  }

  async histogram(query: QueryNode | null, interval: HistogramInterval, access?: Access): Promise<DateHistogram> {
    const width = { year: 4, month: 7, day: 10 }[interval]
    if (query === null && interval !== 'day' && countsFromFacetTable(access)) {
      // the whole archive by year or month: the writer keeps those counts
      await this.ready
      const p = new Params()
      const where = access ? accessSql(access, p).replaceAll('c.', 'fc.') : 'true'
      const { rows } = await this.pool.query<{ value: string; count: number }>(
        `SELECT fc.value, sum(fc.n)::int AS count FROM facet_counts fc WHERE fc.facet = '${interval}' AND ${where}
         GROUP BY 1 HAVING sum(fc.n) > 0 ORDER BY fc.value`,
        p.params,
      )
      return rows
    }
    const q = await this.compile(query, access)
    // dates are ISO strings, so a prefix of 4, 7 or 10 characters is the year, month or day
    const { rows } = await this.pool.query<{ value: string; count: number }>(
      `SELECT coalesce(left(${q.date}, ${width}), '(none)') AS value, count(*)::int AS count FROM ${q.from} WHERE ${q.where} GROUP BY 1 ORDER BY coalesce(left(${q.date}, ${width}), '(none)') COLLATE "C"`,
      q.params,
    )
    return rows
  }

  async versions(idOrKey: string, access?: Access): Promise<CableVersion[] | null> {
    const cable = await this.getCable(idOrKey, access)
    if (!cable) return null
    const id = (await this.pool.query<{ id: string; sha: string }>('SELECT c.id, d.text_sha256 AS sha FROM cables c JOIN cable_details d ON d.cable = c.id WHERE c.key = $1', [cable.key])).rows[0]
    const rows = (await this.pool.query('SELECT * FROM cable_versions WHERE cable = $1 ORDER BY version', [id.id])).rows
    const sources = (
      await this.pool.query(
        'SELECT locator, rendering, sha256, imported_at AS "importedAt", metadata, version, part FROM cable_sources WHERE cable = $1 ORDER BY imported_at, locator',
        [id.id],
      )
    ).rows
    // a cable kept in sections (docs/research.md, "Sections"): its versions assembled from its parts, each part's
    // sources those that carried its text
    const parts = (await this.pool.query<PartColumns>('SELECT * FROM cable_parts WHERE cable = $1 ORDER BY section, content_sha256', [id.id])).rows
    if (parts.length) {
      return versionsOfParts(parts.map(partOfColumns), (content) => sources.filter((x) => x.part === content).map(({ version: _v, part: _p, ...x }) => x as SourceRecord))
    }
    if (rows.length === 0) {
      // the sources of its one text: a record holding none (`NO_TEXT_VERSION`) is a source of the cable, of no version
      const noText = new Set(sources.filter((x) => x.version === NO_TEXT_VERSION).map((x) => `${x.locator}\u0000${x.sha256}`))
      const s = cable.sources.filter((x) => !noText.has(`${x.locator}\u0000${x.sha256}`))
      return [
        {
          version: 1,
          current: true,
          textSha256: id.sha,
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
    const sourcesOf = (version: number) => sources.filter((s) => (s.version ?? 1) === version).map(({ version: _v, part: _p, ...s }) => s)
    // numbered by rank, never by the order the rows were stored in (docs/research.md, "Version numbers")
    return versionsOfRows(rows, cable.text, sourcesOf)
  }

  async *digests(access?: Access, keys?: string[]): AsyncIterable<CableDigest> {
    await this.ready
    const params: unknown[] = []
    let where = this.filter(access, params)
    if (keys) {
      params.push([...new Set(keys)])
      where += ` AND c.key = ANY($${params.length}::text[])`
    }
    // one row per version for cables with several texts, else the shown text's hash
    const { rows } = await this.pool.query<CableDigest>(
      `SELECT c.key, coalesce(v.text_sha256, d.text_sha256) AS "textSha256"
       FROM cables c JOIN cable_details d ON d.cable = c.id LEFT JOIN cable_versions v ON v.cable = c.id WHERE ${where}`,
      params,
    )
    yield* rows
  }

  async referencedIds(access?: Access): Promise<ReferencedId[]> {
    await this.ready
    const params: unknown[] = []
    const where = this.filter(access, params)
    const { rows } = await this.pool.query<ReferencedId>(
      `SELECT r.target AS id, count(DISTINCT r.cable)::int AS "citedBy", max(c.date) AS "lastCitedAt" FROM cable_refs r JOIN cables c ON c.id = r.cable
       WHERE r.target IS NOT NULL AND ${where} GROUP BY r.target ORDER BY r.target`,
      params,
    )
    return rows
  }

  async portionAccess(): Promise<boolean> {
    await this.ready
    return portionsEnabled(this.pool)
  }

  async setPortionAccess(on: boolean, portions: (cable: PortionSource) => PortionRecord[]): Promise<void> {
    await this.ready
    await inTransaction(this.pool, async (client) => {
      // under the archive write lock: no batch is written between the setting and its portions
      await lockArchiveWrites(client)
      await setPortionSetting(client, on)
      await dropPortions(client, null)
      if (!on) return
      // a cable with several texts: its other versions' texts too (its portions only when every text agrees)
      await client.query(
        `DECLARE backfill NO SCROLL CURSOR FOR SELECT c.id, c.key, c.level, c.caveats, c.tags, d.captions, c.date, c.date_basis, c.date_precision, c.date_from, t.text,
           ARRAY(SELECT v.text FROM cable_versions v WHERE v.cable = c.id AND v.text IS NOT NULL ORDER BY v.version) AS others
         FROM cables c JOIN cable_texts t ON t.cable = c.id JOIN cable_details d ON d.cable = c.id`,
      )
      for (;;) {
        const { rows } = await client.query<{ id: string; key: string; level: number; caveats: string; tags: string[]; captions: string[]; text: Buffer; others: Buffer[] } & Parameters<typeof dateSourceOf>[0]>(`FETCH ${BACKFILL_BATCH} FROM backfill`)
        await putPortions(
          client,
          rows.map((r) => {
            const versions = r.others.map((t) => unpackText(t))
            const source = { key: r.key, level: r.level, caveats: r.caveats === '' ? [] : r.caveats.split(' '), text: unpackText(r.text), tags: r.tags, captions: r.captions, date: r.date, dateSource: dateSourceOf(r) }
            return { id: r.id, portions: portions({ ...source, ...(versions.length ? { versions } : {}) }) }
          }),
        )
        if (rows.length < BACKFILL_BATCH) break
      }
      await client.query('CLOSE backfill')
    })
    if (on) await this.pool.query('ANALYZE cable_portions')
  }

  async partialCable(idOrKey: string, access: Access): Promise<StoredCable | null> {
    await this.ready
    if (!(await portionsEnabled(this.pool))) return null
    const p = new Params()
    p.params.push(idOrKey)
    const filter = accessSql(access, p, true)
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT c.key FROM cables c WHERE (c.key = $1 OR c.raw_id = $1) AND NOT ${wholeSql(access)} AND ${filter} ORDER BY c.key = $1 DESC LIMIT 1`,
      p.params,
    )
    return rows[0] ? this.getCable(rows[0].key) : null
  }

  async saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
    await this.ready
    await this.pool.query('INSERT INTO archive_snapshots (id, saved_at, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [snapshot.id, snapshot.savedAt, snapshot.body])
  }

  async snapshot(id: string): Promise<SnapshotRecord | null> {
    await this.ready
    const { rows } = await this.pool.query<SnapshotRecord>('SELECT id, saved_at AS "savedAt", body FROM archive_snapshots WHERE id = $1', [id])
    return rows[0] ?? null
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {})
    await releasePool(this.pool)
  }
}

/**
 * Opens the archive on the PostgreSQL database at `location` (`postgres://user@host:port/db`), creating
 * its tables on first use (unless `options.existing`). The returned store is usable at once; `open()` waits
 * for the schema, and every method rejects with its error (DatabaseConnectionError, ArchiveMissingError).
 *
 * @throws DatabaseConnectionError at once when `location` is not a URL the engine can use
 *
 * @example
 *   const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/cablegram').open()
 */
export function openPostgresStore(location: string, options: PgOpenOptions = {}): PostgresStore {
  return new PostgresStore(location, acquirePool(location), options.migrations, { existing: options.existing })
}

/** Orders two ASCII strings as PostgreSQL's `COLLATE "C"` does. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether whole-archive counts may come from `facet_counts` (kept per level and caveat mask): yes for
 * level-and-caveat readers, no under need to know, which depends on each cable's deliveries, nor for a
 * reader who asks for portion-level access (which cables he may read in part depends on their portions).
 */
function countsFromFacetTable(access: Access | undefined): boolean {
  return access?.needToKnow === undefined && access?.portions !== true
}

