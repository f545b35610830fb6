import type pg from 'pg'
import type { CableRecord, SourceRecord, UpsertOutcome } from '../store.js'
import { caveatMask } from '../caveat-mask.js'
import { packText, textSha256, unpackText } from '../pack-text.js'
import { handOver, shownRow } from '../version-numbers.js'
import { betterCopy, contentSha256, holdsNoText, NO_TEXT_VERSION, STALE_CONTENT_SHA256, TEXT_UNAVAILABLE, versionColumns, withheldRuns, type VersionColumns } from '../version-identity.js'
import { binaryArray, PG_OID } from './pg-binary.js'
import { cableVector, subjectVector, type BuiltVector } from './pg-tsvector.js'
import { dropPortions, portionsEnabled, putPortions } from './pg-portions.js'
import { versionPortions } from '../portion-access.js'
import { filingColumns, filingOfColumns, mergeSourceFilings, sameFiling, versionsFiling, type Filing } from '../filing.js'
import { addPart, keptInParts, recordOfText, partColumns, partOfColumns, partOfRecord, partOfText, partsFiling, partsIndexText, partsRecord, partsVersions, shownPartsVersion, type PartChange, type PartColumns, type PartText } from '../sections.js'

/** Archive writers take this transaction lock: batches apply one after another, so facet counts stay exact. */
const ARCHIVE_WRITE_LOCK = 0x63626172 // "cbar"
/** Between two versions' texts in the index, as in the SQLite engine. */
const VERSION_SEPARATOR = '\n zzaddrsep \n'

interface Existing {
  id: string
  key: string
  text_sha256: string
  current_version: number | null
  date_basis: string | null
  /** The filing of the shown text: its version row's, or the cable's when it has one text. */
  level: number
  caveats: string
  classification: string | null
}

/** A `cable_versions` row. */
interface VersionRow extends VersionColumns {
  cable: string
  version: number
  first_seen: string
  text: Buffer | null
}

interface FacetRow {
  origin_key: string | null
  date: string | null
  classification: string | null
  precedence: string | null
  tags: string[]
  captions: string[]
  level: number
  caveat_mask: number
}

/** The facet values a cable counts under (`facet_counts` rows); '(none)' for a missing value, as facets show it. */
function facetValues(r: { originKey: string | null; date: string | null; classification: string | null; precedence: string | null; tags: string[]; captions: string[] }): [string, string][] {
  const none = (v: string | null) => v ?? '(none)'
  const out: [string, string][] = [
    ['origin', none(r.originKey)],
    ['year', none(r.date === null ? null : r.date.slice(0, 4))],
    ['month', none(r.date === null ? null : r.date.slice(0, 7))],
    ['classification', none(r.classification)],
    ['precedence', none(r.precedence)],
  ]
  // every listed tag counts, repeats included, as the SQLite engine's facets count them
  for (const t of r.tags) out.push(['tag', t])
  // each distinct caption once, as `cable_captions` holds them: a caption's count is what `caption:X` selects
  for (const c of new Set(r.captions)) out.push(['caption', c])
  return out
}

/** Differences to apply to `facet_counts`, keyed by facet, value, level and caveat mask. */
class FacetDelta {
  private readonly delta = new Map<string, number>()

  add(row: FacetRow, by: number): void {
    const values = facetValues({ originKey: row.origin_key, date: row.date, classification: row.classification, precedence: row.precedence, tags: row.tags, captions: row.captions })
    for (const [facet, value] of values) {
      const k = JSON.stringify([facet, value, row.level, row.caveat_mask])
      this.delta.set(k, (this.delta.get(k) ?? 0) + by)
    }
  }

  async apply(client: pg.ClientBase): Promise<void> {
    const changes = [...this.delta].filter(([, n]) => n !== 0).map(([k, n]) => [...(JSON.parse(k) as [string, string, number, number]), n] as const)
    if (!changes.length) return
    await client.query(
      `INSERT INTO facet_counts (facet, value, level, caveat_mask, n)
       SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::int[], $5::bigint[])
       ON CONFLICT (facet, value, level, caveat_mask) DO UPDATE SET n = facet_counts.n + excluded.n`,
      [changes.map((c) => c[0]), changes.map((c) => c[1]), changes.map((c) => c[2]), changes.map((c) => c[3]), changes.map((c) => c[4])],
    )
  }
}

function recordFacets(r: CableRecord): FacetRow {
  return { origin_key: r.originKey, date: r.date, classification: r.classification, precedence: r.precedence, tags: r.tags, captions: r.captions, level: r.level, caveat_mask: caveatMask(r.caveats) }
}

async function facetRow(client: pg.ClientBase, id: string): Promise<FacetRow> {
  return (
    await client.query<FacetRow>(
      `SELECT c.origin_key, c.date, c.classification, c.precedence, c.tags, coalesce(d.captions, '[]'::jsonb) AS captions, c.level, c.caveat_mask
       FROM cables c LEFT JOIN cable_details d ON d.cable = c.id WHERE c.id = $1`,
      [id],
    )
  ).rows[0]
}

/**
 * `writeBatch` for imports and copies: records under the id of a cable released in this database are not
 * written, only counted (`UpsertOutcome.releasedKept`); a released cable's archive row is the released text.
 */
export async function writeImportBatch(client: pg.ClientBase, batch: CableRecord[]): Promise<UpsertOutcome> {
  if (batch.length === 0) return writeBatch(client, batch)
  // the archive write lock first: a release committing meanwhile is seen by the lookup below
  await client.query('SELECT pg_advisory_xact_lock($1)', [ARCHIVE_WRITE_LOCK])
  const released = await releasedKeys(client, batch)
  const outcome = await writeBatch(client, released.size ? batch.filter((r) => !released.has(r.key)) : batch)
  outcome.releasedKept = batch.filter((r) => released.has(r.key)).length
  return outcome
}

/** Keys of the batch that name cables released in this database; none when it has no messaging tables. */
async function releasedKeys(client: pg.ClientBase, batch: CableRecord[]): Promise<Set<string>> {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('msg_cable')::text AS t")
  if (!table.rows[0]?.t) return new Set()
  const keys = [...new Set(batch.map((r) => r.key))]
  const rows = await client.query<{ id: string }>('SELECT id FROM msg_cable WHERE id = ANY($1::text[])', [keys])
  return new Set(rows.rows.map((r) => r.id))
}

/** Takes the archive write lock for the caller's transaction: batches and settings changes apply one after another. */
export async function lockArchiveWrites(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [ARCHIVE_WRITE_LOCK])
}

/**
 * Upserts a batch inside the caller's transaction, with the SQLite engine's rules (`sqlite-writer.ts`):
 * a copy whose text is already shown only adds its source; any other text of a stored cable goes through
 * the versions rule (`writeOtherText`). New cables and unchanged copies — nearly every record of an
 * import — are written with one statement per table (arrays through `unnest`); a key that meets a
 * different text is handled record by record, in batch order, after them. `facet_counts` moves by the
 * difference.
 */
export async function writeBatch(client: pg.ClientBase, batch: CableRecord[]): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: 0, replaced: 0, versionsAdded: 0, sectionsAdded: 0, unchanged: 0, sourcesAdded: 0, releasedKept: 0 }
  if (batch.length === 0) return outcome
  await client.query('SELECT pg_advisory_xact_lock($1)', [ARCHIVE_WRITE_LOCK])
  // portion-level access: read under the write lock, which turning it on or off takes too; off (the default),
  // nothing below touches `cable_portions`
  const portions = await portionsEnabled(client)
  const keys = [...new Set(batch.map((r) => r.key))]
  const found = await client.query<Existing>(
    `SELECT c.id, c.key, d.text_sha256, c.date_basis, v.version AS current_version, coalesce(v.level, c.level) AS level,
       coalesce(v.caveats, c.caveats) AS caveats, CASE WHEN v.cable IS NULL THEN c.classification ELSE v.classification END AS classification
     FROM cables c JOIN cable_details d ON d.cable = c.id LEFT JOIN cable_versions v ON v.cable = c.id AND v.text IS NULL
     WHERE c.key = ANY($1::text[])`,
    [keys],
  )
  // cables kept in sections (QA 14 F6): every record of one goes through the parts model (`writeParts`)
  const parted = new Set(
    (await client.query<{ key: string }>('SELECT c.key FROM cables c WHERE c.key = ANY($1::text[]) AND EXISTS (SELECT 1 FROM cable_parts p WHERE p.cable = c.id)', [keys])).rows.map((x) => x.key),
  )
  const shown = new Map<string, { id: string | null; sha: string; version: number | null; unknownProvenance?: boolean; filing: Filing; insert?: number }>()
  for (const e of found.rows) shown.set(e.key, { id: e.id, sha: e.text_sha256, version: e.current_version, unknownProvenance: e.date_basis === 'unknown', filing: filingOfColumns(e) })
  const refresh: { id: string; r: CableRecord }[] = []
  const inserts: { r: CableRecord; sha: string }[] = []
  const sources: { r: CableRecord; version: number | null }[] = []
  const sequential: CableRecord[] = []
  const complex = new Set<string>()
  for (const r of batch) {
    const sha = r.packed?.sha256 ?? textSha256(r.text)
    const st = shown.get(r.key)
    // another source of a shown text that states more than the ones before it raises the filing (QA 14r8 F5)
    const raised = st && st.sha === sha ? mergeSourceFilings(st.filing, filingOf(r)) : null
    if (complex.has(r.key)) sequential.push(r)
    else if ((r.section && !holdsNoText(r) && st && st.sha !== sha) || parted.has(r.key)) {
      complex.add(r.key)
      sequential.push(r)
    } else if (st && raised && !sameFiling(raised, st.filing) && st.insert === undefined) {
      complex.add(r.key)
      sequential.push(r)
    } else if (!st) {
      shown.set(r.key, { id: null, sha, version: null, filing: filingOf(r), insert: inserts.length })
      inserts.push({ r, sha })
      sources.push({ r, version: null })
      outcome.inserted++
    } else if (st.sha === sha) {
      if (st.insert !== undefined && raised && !sameFiling(raised, st.filing)) {
        // a cable this batch inserts: inserted under what every source of it states
        inserts[st.insert] = { r: refiled(inserts[st.insert].r, raised), sha: inserts[st.insert].sha }
        st.filing = raised
      }
      sources.push({ r, version: st.version })
      if (st.unknownProvenance && st.id) {
        refresh.push({ id: st.id, r })
        st.unknownProvenance = false
      }
      outcome.unchanged++
    } else {
      complex.add(r.key)
      sequential.push(r)
    }
  }

  const facets = new FacetDelta()
  if (inserts.length) {
    const rows = await client.query<{ id: string; key: string }>(
      `INSERT INTO cables (key, cable_id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes, date_basis, date_precision, date_from)
       SELECT u.key, u.cable_id, u.raw_id, u.date, u.origin, u.origin_key, u.precedence, u.classification, u.level, u.caveat_mask, u.caveats, u.subject,
         string_to_array(u.tags, E'\\n'), u.error_count, u.text_bytes, u.date_basis, u.date_precision, u.date_from::jsonb
       FROM ${UNNEST_CABLES} RETURNING id, key`,
      cableColumns(inserts.map((x) => x.r)),
    )
    for (const row of rows.rows) shown.get(row.key)!.id = row.id
    for (const { r } of inserts) facets.add(recordFacets(r), 1)
    await putShown(
      client,
      inserts.map(({ r, sha }) => ({ id: shown.get(r.key)!.id!, r, sha, indexed: r.text })),
    )
    if (portions) await putPortions(client, inserts.map(({ r }) => ({ id: shown.get(r.key)!.id!, portions: r.portions ?? [] })))
  }
  for (const { id, r } of refresh) await refreshProvenance(client, id, r)
  if (sources.length) outcome.sourcesAdded += await addSources(client, sources.map(({ r, version }) => ({ id: shown.get(r.key)!.id!, r, version })))
  for (const r of sequential) {
    if (((r.section && !holdsNoText(r)) || (await isParted(client, r.key))) && (await writeParts(client, r, outcome, facets, portions))) continue
    await writeOtherText(client, r, outcome, facets, portions)
  }
  await facets.apply(client)
  // a process's in-memory facet index (pg-facet-index.ts) describes the archive up to the generation it read
  await client.query('UPDATE fts_meta SET generation = generation + 1')
  return outcome
}

/**
 * Files cable `id` under `f` (re-filing an archive filed by older rules, `pg-refile.ts`), inside the caller's
 * transaction: its row's level, caveats and label, and `facet_counts` moved from the old filing to the new. The
 * caller raises `fts_meta.generation` once it is done.
 */
export async function setCableFiling(client: pg.ClientBase, id: string, f: Filing): Promise<void> {
  const facets = new FacetDelta()
  facets.add(await facetRow(client, id), -1)
  await client.query('UPDATE cables SET level = $1, caveat_mask = $2, caveats = $3, classification = $4 WHERE id = $5', [f.level, caveatMask(f.caveats), f.caveats.join(' '), f.classification, id])
  facets.add(await facetRow(client, id), 1)
  await facets.apply(client)
}

/** The filing a record's own source gives its text. */
function filingOf(r: CableRecord): Filing {
  return { level: r.level, caveats: r.caveats, classification: r.classification }
}

/** `r` filed under `f`, its portions (portion-level access) cut again under that filing. */
function refiled(r: CableRecord, f: Filing): CableRecord {
  const portions = r.portions && versionPortions({ key: r.key, level: f.level, caveats: f.caveats, text: r.text, tags: r.tags, captions: r.captions, date: r.date, dateSource: r.dateSource })
  return { ...r, level: f.level, caveats: f.caveats, classification: f.classification, portions }
}

/** Writes the shown text's rows of each cable (details, text, tags, captions, references, words); replaces any there. */
async function putShown(client: pg.ClientBase, rows: { id: string; r: CableRecord; sha: string; indexed: string | null }[]): Promise<void> {
  const ids = rows.map((x) => x.id)
  const rs = rows.map((x) => x.r)
  await client.query(
    `INSERT INTO cable_details (cable, captions, addressees, diagnostics, text_sha256)
     SELECT * FROM unnest($1::bigint[], $2::jsonb[], $3::jsonb[], $4::jsonb[], $5::text[])
     ON CONFLICT (cable) DO UPDATE SET captions = excluded.captions, addressees = excluded.addressees,
       diagnostics = excluded.diagnostics, text_sha256 = excluded.text_sha256`,
    [ids, rs.map((r) => JSON.stringify(r.captions)), rs.map((r) => JSON.stringify(r.addressees)), rs.map((r) => JSON.stringify(r.diagnostics)), rows.map((x) => x.sha)],
  )
  await client.query(
    `INSERT INTO cable_texts (cable, text) SELECT * FROM unnest($1::bigint[], $2::bytea[])
     ON CONFLICT (cable) DO UPDATE SET text = excluded.text`,
    [ids, binaryArray(PG_OID.bytea, rs.map((r) => r.packed?.deflated ?? packText(r.text)))],
  )
  const indexed = rows.filter((x) => x.indexed !== null)
  if (indexed.length) {
    await putWords(
      client,
      indexed.map((x) => ({ id: x.id, subject: x.r.subject, addressees: x.r.addressees.map((a) => a.name), body: x.indexed!, built: x.indexed === x.r.text ? builtVector(x.r) : undefined })),
    )
  }
  const tagCables: string[] = []
  const tags: string[] = []
  const capCables: string[] = []
  const captions: string[] = []
  rs.forEach((r, i) => {
    for (const t of new Set(r.tags)) tagCables.push(ids[i]), tags.push(t)
    for (const c of new Set(r.captions)) capCables.push(ids[i]), captions.push(c)
  })
  if (tags.length) await client.query('INSERT INTO cable_tags (tag, cable) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [tags, tagCables])
  if (captions.length) await client.query('INSERT INTO cable_captions (caption, cable) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [captions, capCables])
  await putRefs(client, ids, rs)
}

/** Inserts the REF items of each record (`ids[i]` is the cable of `rs[i]`), in order, with their kinds. */
async function putRefs(client: pg.ClientBase, ids: string[], rs: CableRecord[]): Promise<void> {
  const refCables: string[] = []
  const refOrd: number[] = []
  const refLetter: (string | null)[] = []
  const refTarget: (string | null)[] = []
  const refText: string[] = []
  const refKind: string[] = []
  rs.forEach((r, i) => {
    r.references.forEach((ref, ord) => {
      refCables.push(ids[i])
      refOrd.push(ord)
      refLetter.push(ref.letter)
      refTarget.push(ref.id)
      refText.push(ref.text)
      refKind.push(ref.kind)
    })
  })
  if (refText.length) {
    await client.query(
      'INSERT INTO cable_refs (cable, ord, letter, target, text, kind) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])',
      [refCables, refOrd, refLetter, refTarget, refText, refKind],
    )
  }
}

/**
 * (Re)writes the word vectors of cables (the subject's alone too, which orders ranked pages) and raises
 * `fts_meta.max_bucket` when one needs it.
 */
async function putWords(
  client: pg.ClientBase,
  rows: { id: string; subject: string | null; addressees: string[]; body: string; built?: BuiltVector & { subject: Uint8Array } }[],
): Promise<void> {
  const vectors = rows.map((x) => x.built ?? { ...cableVector(x.subject, x.addressees, x.body), subject: subjectVector(x.subject) })
  await client.query(
    `INSERT INTO cable_fts (cable, fts, to_fts, subject_fts) SELECT * FROM unnest($1::bigint[], $2::tsvector[], $3::tsvector[], $4::tsvector[])
     ON CONFLICT (cable) DO UPDATE SET fts = excluded.fts, to_fts = excluded.to_fts, subject_fts = excluded.subject_fts`,
    [
      rows.map((x) => x.id),
      binaryArray(PG_OID.tsvector, vectors.map((v) => v.fts)),
      binaryArray(PG_OID.tsvector, vectors.map((v) => v.to)),
      binaryArray(PG_OID.tsvector, vectors.map((v) => v.subject)),
    ],
  )
  const maxBucket = Math.max(...vectors.map((v) => v.maxBucket))
  if (maxBucket > 0) await client.query('UPDATE fts_meta SET max_bucket = greatest(max_bucket, $1)', [maxBucket])
}

async function addSources(client: pg.ClientBase, rows: { id: string; r: CableRecord; version: number | null }[]): Promise<number> {
  const added = await client.query(
    `INSERT INTO cable_sources (cable, locator, sha256, rendering, imported_at, metadata, version)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::int[]) ON CONFLICT DO NOTHING`,
    [
      rows.map((x) => x.id),
      rows.map((x) => x.r.source.locator),
      rows.map((x) => x.r.source.sha256),
      rows.map((x) => x.r.source.rendering),
      rows.map((x) => x.r.source.importedAt),
      rows.map((x) => JSON.stringify(x.r.source.metadata)),
      rows.map((x) => x.version),
    ],
  )
  return added.rowCount ?? 0
}

const VERSION_COLUMNS = 'cable, version, text_sha256, content_sha256, classification, level, caveats, error_count, withheld_runs, text_bytes, first_seen, text'

async function putVersion(client: pg.ClientBase, v: VersionRow): Promise<void> {
  await client.query(
    `INSERT INTO cable_versions (${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (cable, version) DO UPDATE SET (${VERSION_COLUMNS}) = (excluded.cable, excluded.version, excluded.text_sha256, excluded.content_sha256,
       excluded.classification, excluded.level, excluded.caveats, excluded.error_count, excluded.withheld_runs, excluded.text_bytes, excluded.first_seen, excluded.text)`,
    [v.cable, v.version, v.text_sha256, v.content_sha256, v.classification, v.level, v.caveats, v.error_count, v.withheld_runs, v.text_bytes, v.first_seen, v.text],
  )
}

/** Stores both rows of a hand-over of the version shown (`handOver`). */
async function putHandOver(client: pg.ClientBase, swap: { old: VersionRow; now: VersionRow }): Promise<void> {
  await putVersion(client, swap.old)
  await putVersion(client, swap.now)
}

/** The earliest stored source of version `version` (by import time, then locator): null when none names it. */
async function versionSource(client: pg.ClientBase, id: string, version: number): Promise<SourceRecord | null> {
  const row = (
    await client.query<{ locator: string; sha256: string; rendering: SourceRecord['rendering']; imported_at: string; metadata: Record<string, string> | string }>(
      'SELECT locator, sha256, rendering, imported_at, metadata FROM cable_sources WHERE cable = $1 AND version = $2 ORDER BY imported_at, locator, sha256 LIMIT 1',
      [id, version],
    )
  ).rows[0]
  if (!row) return null
  const metadata = typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as Record<string, string>) : row.metadata
  return { locator: row.locator, sha256: row.sha256, rendering: row.rendering, importedAt: row.imported_at, metadata }
}

async function shownText(client: pg.ClientBase, id: string): Promise<Buffer> {
  return (await client.query<{ text: Buffer }>('SELECT text FROM cable_texts WHERE cable = $1', [id])).rows[0].text
}


/**
 * One record of a stored cable whose text differs from the shown one (the SQLite engine's
 * `writeOtherText`): the same content laid out differently replaces its version only when it parsed
 * better; a different text becomes a new version; the best version is shown, the words of every version
 * are indexed, and the cable takes the highest level and every caveat among them.
 */
async function writeOtherText(client: pg.ClientBase, r: CableRecord, outcome: UpsertOutcome, facets: FacetDelta, portions: boolean): Promise<void> {
  const sha = r.packed?.sha256 ?? textSha256(r.text)
  const e = (
    await client.query<{ id: string; text_sha256: string; error_count: number; classification: string | null; level: number; caveats: string; date_basis: string | null; no_text: boolean }>(
      `SELECT c.id, d.text_sha256, c.error_count, c.classification, c.level, c.caveats, c.date_basis,
         d.diagnostics @> '[{"code": "${TEXT_UNAVAILABLE}"}]'::jsonb AS no_text
       FROM cables c JOIN cable_details d ON d.cable = c.id WHERE c.key = $1`,
      [r.key],
    )
  ).rows[0]
  const id = e.id
  facets.add(await facetRow(client, id), -1)
  let versions = (await client.query<VersionRow>('SELECT * FROM cable_versions WHERE cable = $1 ORDER BY version', [id])).rows
  let version: number | null
  if (e.text_sha256 === sha) {
    version = versions.find((v) => v.text === null)?.version ?? null
    if (e.date_basis === 'unknown') await refreshProvenance(client, id, r)
    if (versions.length) await raiseVersion(client, id, r, versions, version!, portions)
    else await raiseSingle(client, id, e, r, portions)
    outcome.unchanged++
  } else if (holdsNoText(r)) {
    // a record holding no text of a stored cable: a source of it, no version (QA 14 F10)
    version = e.no_text ? null : NO_TEXT_VERSION
    await fileNoTextSource(client, id, e, r, versions, portions)
    outcome.unchanged++
  } else if (e.no_text && versions.length === 0) {
    // the first text of a cable known so far only from records holding none: shown from now on, filed under what
    // every source states; those records stay its sources, of no version
    version = null
    await client.query(`UPDATE cable_sources SET version = ${NO_TEXT_VERSION} WHERE cable = $1 AND version IS NULL`, [id])
    await replaceShown(client, id, refiled(r, mergeSourceFilings(filingOfColumns(e), filingOf(r))), sha, [], portions)
    outcome.replaced++
  } else {
    versions = await freshIdentity(client, id, versions)
    const content = contentSha256(r.text)
    if (versions.length === 0) {
      const text = unpackText(await shownText(client, id))
      const firstSeen = (await client.query<{ m: string | null }>('SELECT min(imported_at) AS m FROM cable_sources WHERE cable = $1', [id])).rows[0].m
      const v1: VersionRow = {
        cable: id,
        version: 1,
        text_sha256: e.text_sha256,
        content_sha256: contentSha256(text),
        classification: e.classification,
        level: e.level,
        caveats: e.caveats,
        error_count: e.error_count,
        withheld_runs: withheldRuns(text),
        text_bytes: Buffer.byteLength(text, 'utf8'),
        first_seen: firstSeen ?? r.source.importedAt,
        text: null,
      }
      await putVersion(client, v1)
      await client.query('UPDATE cable_sources SET version = 1 WHERE cable = $1 AND version IS NULL', [id])
      versions = [v1]
    }
    const same = versions.find((v) => v.content_sha256 === content)
    if (same) {
      version = same.version
      // the copy kept of a version is chosen by a total order on copies, never by which came first (QA 14 F9)
      if (!betterCopy({ errorCount: r.errorCount, textSha256: sha }, { errorCount: same.error_count, textSha256: same.text_sha256 })) {
        await raiseVersion(client, id, r, versions, same.version, portions)
        outcome.unchanged++
      } else {
        // a cleaner rendering of a text already kept: filed under what every source of the text states
        const updated = { ...same, ...versionColumns(r, sha, content), ...filingColumns(mergeSourceFilings(filingOfColumns(same), filingOf(r))) }
        if (same.text === null) {
          const all = versions.map((v) => (v.version === same.version ? updated : v))
          const best = shownRow(all)
          if (best === updated) {
            await putVersion(client, { ...updated, text: null })
            await replaceShown(client, id, r, sha, all, portions)
          } else {
            // the better copy ranks the version shown below another (the same parse errors, fewer bytes: LF where the
            // shown copy had CR LF): that one is shown from now on, as it would be had this copy come first
            // (docs/research.md, "Version numbers"); the better copy is kept in its version's row
            const swap = handOver(all, updated, Buffer.from(r.packed?.deflated ?? packText(r.text)), best)
            await putHandOver(client, swap)
            const record = recordOfText(r.key, unpackText(best.text!), (await versionSource(client, id, best.version)) ?? r.source)
            await replaceShown(client, id, record, best.text_sha256, swap.rows, portions)
          }
        } else {
          const kept = { ...updated, text: Buffer.from(r.packed?.deflated ?? packText(r.text)) }
          const all = versions.map((v) => (v.version === same.version ? kept : v))
          if (shownRow(all) === kept) {
            // the better copy ranks its version above the one shown (fewer parse errors, a longer text): shown from
            // now on, as it would be had this copy come first, so the version shown never depends on import order
            const swap = handOver(all, versions.find((v) => v.text === null)!, await shownText(client, id), kept)
            await putHandOver(client, swap)
            await replaceShown(client, id, r, sha, swap.rows, portions)
          } else {
            await putVersion(client, kept)
            // the cable is filed from every version's filing, this one's now raised by every source of it
            await reindex(client, id, all, portions)
          }
        }
        outcome.replaced++
      }
    } else {
      const added: VersionRow = {
        cable: id,
        version: Math.max(...versions.map((v) => v.version)) + 1,
        ...versionColumns(r, sha, content),
        first_seen: r.source.importedAt,
        text: Buffer.from(r.packed?.deflated ?? packText(r.text)),
      }
      // a source stored before under another version (an older identity rule made its text one with that version's,
      // QA 14 F9) names the version its text is now
      await client.query('UPDATE cable_sources SET version = $1 WHERE cable = $2 AND locator = $3 AND sha256 = $4', [added.version, id, r.source.locator, r.source.sha256])
      const all = [...versions, added]
      if (shownRow(all) === added) {
        // the new text is shown from now on; the one shown so far keeps its text in its version row
        const swap = handOver(all, versions.find((v) => v.text === null)!, await shownText(client, id), added)
        await putHandOver(client, swap)
        await replaceShown(client, id, r, sha, swap.rows, portions)
      } else {
        await putVersion(client, added)
        await reindex(client, id, all, portions)
      }
      outcome.versionsAdded++
      version = added.version
    }
  }
  outcome.sourcesAdded += await addSources(client, [{ id, r, version }])
  facets.add(await facetRow(client, id), 1)
}

/** Whether the cable under `key` is kept in sections (has `cable_parts` rows). */
async function isParted(client: pg.ClientBase, key: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM cables c WHERE c.key = $1 AND EXISTS (SELECT 1 FROM cable_parts p WHERE p.cable = c.id)', [key])
  return rows.length > 0
}

/**
 * The parts model (QA 14 F6, docs/research.md "Sections", src/store/sections.ts), as the SQLite engine's
 * `writeParts`: `r` is a section of a telegram sent in sections, or any record of a cable kept in sections. Its text
 * joins the cable's parts and the cable is written again from them: the shown text (the best version, its sections
 * assembled in order, a missing one stated), the version rows (when there are several), the words of every part (no
 * phrase runs from one part into the next) and the filing, the highest of every part and source, never below what was
 * stored (fail closed). A cable stored before with one text or versions of its sections is first taken into parts.
 */
async function writeParts(client: pg.ClientBase, r: CableRecord, outcome: UpsertOutcome, facets: FacetDelta, portions: boolean): Promise<boolean> {
  const sha = r.packed?.sha256 ?? textSha256(r.text)
  const e = (
    await client.query<{ id: string; error_count: number; classification: string | null; level: number; caveats: string; no_text: boolean }>(
      `SELECT c.id, c.error_count, c.classification, c.level, c.caveats, d.diagnostics @> '[{"code": "${TEXT_UNAVAILABLE}"}]'::jsonb AS no_text
       FROM cables c JOIN cable_details d ON d.cable = c.id WHERE c.key = $1`,
      [r.key],
    )
  ).rows[0]
  if (!e) return false
  let parts: PartText[] = []
  let floor: Filing = filingOfColumns(e)
  const stored = (await client.query<PartColumns>('SELECT * FROM cable_parts WHERE cable = $1 ORDER BY section, content_sha256', [e.id])).rows
  const taken = stored.length || e.no_text ? null : await takeIntoParts(client, e)
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
  facets.add(await facetRow(client, e.id), -1)
  if (e.no_text) await client.query(`UPDATE cable_sources SET version = ${NO_TEXT_VERSION} WHERE cable = $1 AND version IS NULL`, [e.id])
  await taken?.mark()
  const versions = partsVersions(parts)
  const shown = shownPartsVersion(versions)
  const record = partsRecord(r.key, shown, versions.filter((v) => v !== shown), partsFiling(versions, floor), r.source)
  const id = e.id
  await rewriteCableRow(client, id, record)
  // the words of every part once, a separator between parts: no phrase runs from one section into the next
  await putShown(client, [{ id, r: record, sha: shown.textSha256, indexed: null }])
  await putWords(client, [{ id, subject: record.subject, addressees: record.addressees.map((a) => a.name), body: partsIndexText(parts, VERSION_SEPARATOR) }])
  if (portions) {
    await dropPortions(client, [id])
    await putPortions(client, [{ id, portions: record.portions ?? [] }])
  }
  await client.query('DELETE FROM cable_parts WHERE cable = $1', [id])
  for (const p of parts) {
    const c = partColumns(p)
    await client.query(
      `INSERT INTO cable_parts (cable, section, sections, content_sha256, text_sha256, classification, level, caveats, error_count, withheld_runs, text_bytes, first_seen, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, c.section, c.sections, c.content_sha256, c.text_sha256, c.classification, c.level, c.caveats, c.error_count, c.withheld_runs, c.text_bytes, c.first_seen, Buffer.from(c.text)],
    )
  }
  await client.query('DELETE FROM cable_versions WHERE cable = $1', [id])
  if (versions.length > 1) {
    for (const [i, v] of versions.entries()) {
      await putVersion(client, {
        cable: id,
        version: i + 1,
        text_sha256: v.textSha256,
        content_sha256: v.contentSha256,
        ...filingColumns(v.filing),
        error_count: v.rank.errorCount,
        withheld_runs: v.rank.withheldRuns,
        text_bytes: v.rank.textBytes,
        first_seen: v.firstSeen,
        text: v === shown ? null : packText(v.text),
      })
    }
  }
  outcome.sourcesAdded += await addSources(client, [{ id, r, version: part ? null : NO_TEXT_VERSION }])
  // a source names the part it carried (a re-imported copy stored before as a version is moved to its part)
  await client.query('UPDATE cable_sources SET part = $1, version = $2 WHERE cable = $3 AND locator = $4 AND sha256 = $5', [
    part ? part.content : null,
    part ? null : NO_TEXT_VERSION,
    id,
    r.source.locator,
    r.source.sha256,
  ])
  facets.add(await facetRow(client, id), 1)
  if (change === 'new-section') outcome.sectionsAdded++
  else if (change === 'new-version' || change === 'new') outcome.versionsAdded++
  else if (change === 'replaced') outcome.replaced++
  else outcome.unchanged++
  return true
}

/**
 * The texts of a cable stored before it was kept in parts (its one text, or each of its versions), as parts: each the
 * section its class line says or a whole text, filed as stored; their sources name their parts from now on.
 */
async function takeIntoParts(
  client: pg.ClientBase,
  e: { id: string; error_count: number; classification: string | null; level: number; caveats: string },
): Promise<{ parts: PartText[]; mark: () => Promise<void> }> {
  const versions = await freshIdentity(client, e.id, (await client.query<VersionRow>('SELECT * FROM cable_versions WHERE cable = $1 ORDER BY version', [e.id])).rows)
  const marks: [string, number | null][] = []
  const mark = async () => {
    for (const [content, version] of marks) {
      await client.query('UPDATE cable_sources SET part = $1 WHERE cable = $2 AND part IS NULL AND coalesce(version, -1) = coalesce($3::int, -1)', [content, e.id, version])
    }
  }
  if (!versions.length) {
    const firstSeen = (await client.query<{ m: string | null }>('SELECT min(imported_at) AS m FROM cable_sources WHERE cable = $1', [e.id])).rows[0].m
    const p = partOfText(unpackText(await shownText(client, e.id)), filingOfColumns(e), e.error_count, firstSeen ?? '')
    marks.push([p.content, null])
    return { parts: [p], mark }
  }
  let parts: PartText[] = []
  for (const v of versions) {
    const p = partOfText(unpackText(v.text ?? (await shownText(client, e.id))), filingOfColumns(v), v.error_count, v.first_seen)
    marks.push([p.content, v.version])
    if (v.version === 1) marks.push([p.content, null])
    parts = addPart(parts, p).parts
  }
  return { parts, mark }
}

/**
 * Another source of the text of version `version` (of a cable with several): the version is filed under the highest
 * every source of it states (`mergeSourceFilings`) and the cable re-filed from its versions, so the filing never
 * depends on which source came first (QA 14r8 F5). The caller moves the facet counts.
 */
async function raiseVersion(client: pg.ClientBase, id: string, r: CableRecord, versions: VersionRow[], version: number, portions: boolean): Promise<void> {
  const v = versions.find((x) => x.version === version)!
  const merged = mergeSourceFilings(filingOfColumns(v), filingOf(r))
  if (sameFiling(merged, filingOfColumns(v))) return
  const raised = { ...v, ...filingColumns(merged) }
  await putVersion(client, raised)
  await reindex(client, id, versions.map((x) => (x === v ? raised : x)), portions)
}

/**
 * Another source of the one text of a stored cable: the cable is filed under the highest every source states
 * (`mergeSourceFilings`), and its stored portions (portion-level access) are cut again under that filing, from the
 * fields stored for it. The caller moves the facet counts.
 */
async function raiseSingle(client: pg.ClientBase, id: string, e: { level: number; caveats: string; classification: string | null }, r: CableRecord, portions: boolean, text = r.text): Promise<void> {
  const stored = filingOfColumns(e)
  const merged = mergeSourceFilings(stored, filingOf(r))
  if (sameFiling(merged, stored)) return
  await client.query('UPDATE cables SET level = $1, caveat_mask = $2, caveats = $3, classification = $4 WHERE id = $5', [
    merged.level,
    caveatMask(merged.caveats),
    merged.caveats.join(' '),
    merged.classification,
    id,
  ])
  if (!portions) return
  const c = (await client.query<{ key: string; tags: string[]; captions: string[]; date: string | null; date_basis: string | null; date_precision: string | null; date_from: string[] | null }>(
    `SELECT c.key, c.tags, coalesce(d.captions, '[]'::jsonb) AS captions, c.date, c.date_basis, c.date_precision, c.date_from
     FROM cables c LEFT JOIN cable_details d ON d.cable = c.id WHERE c.id = $1`,
    [id],
  )).rows[0]
  const dateSource = c.date === null ? null : {
    basis: (c.date_basis ?? 'unknown') as 'read' | 'inferred' | 'container' | 'unknown',
    precision: c.date_precision as 'minute' | 'day' | 'month' | 'year' | null,
    from: c.date_from ?? [],
  }
  await dropPortions(client, [id])
  // the stored text: the same bytes as `r.text` (same SHA-256), or given when `r` holds none
  await putPortions(client, [{ id, portions: versionPortions({ key: c.key, level: merged.level, caveats: merged.caveats, text, tags: c.tags ?? [], captions: c.captions, date: c.date, dateSource }) }])
}

/**
 * The version rows of a cable, each with the content hash of the current identity rule: a row a migration left
 * stale (`STALE_CONTENT_SHA256`) is hashed again from its stored text (the shown one's is in `cable_texts`) and
 * written back.
 */
async function freshIdentity(client: pg.ClientBase, id: string, versions: VersionRow[]): Promise<VersionRow[]> {
  const out: VersionRow[] = []
  for (const v of versions) {
    if (v.content_sha256 !== STALE_CONTENT_SHA256) {
      out.push(v)
      continue
    }
    const fresh = { ...v, content_sha256: contentSha256(unpackText(v.text ?? (await shownText(client, id)))) }
    await putVersion(client, fresh)
    out.push(fresh)
  }
  return out
}

/**
 * A record holding no text of a stored cable (`holdsNoText`) files it as any source does (fail closed: the cable is
 * filed at least at what the record states): the one text's filing, or every version's, is raised by it and the
 * stored portions are cut again from the stored texts. Nothing it holds is shown or indexed. The caller moves the
 * facet counts.
 */
async function fileNoTextSource(client: pg.ClientBase, id: string, e: { level: number; caveats: string; classification: string | null }, r: CableRecord, versions: VersionRow[], portions: boolean): Promise<void> {
  if (!versions.length) {
    await raiseSingle(client, id, e, r, portions, unpackText(await shownText(client, id)))
    return
  }
  const raised = versions.map((v) => ({ ...v, ...filingColumns(mergeSourceFilings(filingOfColumns(v), filingOf(r))) }))
  if (raised.every((v, i) => sameFiling(filingOfColumns(v), filingOfColumns(versions[i])))) return
  for (const v of raised) await putVersion(client, v)
  await reindex(client, id, raised, portions)
}

/**
 * Writes `r`'s fields over the stored row of cable `id` and empties its TAGS, caption and reference rows (the caller
 * writes them again with the shown text): shared by `replaceShown` and the writing of a sectioned cable.
 */
async function rewriteCableRow(client: pg.ClientBase, id: string, r: CableRecord): Promise<void> {
  await client.query('DELETE FROM cable_tags WHERE cable = $1', [id])
  await client.query('DELETE FROM cable_captions WHERE cable = $1', [id])
  await client.query('DELETE FROM cable_refs WHERE cable = $1', [id])
  await client.query(
    `UPDATE cables c SET cable_id = u.cable_id, raw_id = u.raw_id, date = u.date, origin = u.origin, origin_key = u.origin_key,
       precedence = u.precedence, classification = u.classification, level = u.level, caveat_mask = u.caveat_mask,
       caveats = u.caveats, subject = u.subject, tags = string_to_array(u.tags, E'\\n'), error_count = u.error_count,
       text_bytes = u.text_bytes, date_basis = u.date_basis, date_precision = u.date_precision,
       date_from = u.date_from::jsonb
     FROM ${UNNEST_CABLES} WHERE c.key = u.key`,
    cableColumns([r]),
  )
}

/**
 * Shows `r` instead of the stored copy: its fields, text and index rows replace the old ones. `portions`:
 * the archive has portion-level access on; a cable with several texts keeps no portions (it is read whole or
 * not at all: its level is the highest of its texts), one with a single text stores those of `r`.
 */
async function replaceShown(client: pg.ClientBase, id: string, r: CableRecord, sha: string, versions: VersionRow[], portions: boolean): Promise<void> {
  await rewriteCableRow(client, id, r)
  await putShown(client, [{ id, r, sha, indexed: versions.length ? null : r.text }])
  if (versions.length) await reindex(client, id, versions, portions)
  else if (portions) {
    await dropPortions(client, [id])
    await putPortions(client, [{ id, portions: r.portions ?? [] }])
  }
}

/**
 * Indexes the words of every version and gives the cable the highest level and all caveats among them; drops
 * its portions (`portions`: the archive has portion-level access on), as a cable with several texts is read
 * whole or not at all.
 */
async function reindex(client: pg.ClientBase, id: string, versions: VersionRow[], portions: boolean): Promise<void> {
  if (portions) await dropPortions(client, [id])
  const current = await shownText(client, id)
  const texts = versions.map((v) => unpackText(v.text ?? current))
  const cable = (await client.query<{ subject: string | null; addressees: { name: string }[] }>(
    'SELECT c.subject, d.addressees FROM cables c JOIN cable_details d ON d.cable = c.id WHERE c.id = $1',
    [id],
  )).rows[0]
  await putWords(client, [{ id, subject: cable.subject, addressees: cable.addressees.map((a) => a.name), body: texts.join(VERSION_SEPARATOR) }])
  const highest = versionsFiling(versions.map(filingOfColumns))
  const caveats = highest.caveats
  await client.query('UPDATE cables SET level = $1, caveat_mask = $2, caveats = $3, classification = $4 WHERE id = $5', [
    highest.level,
    caveatMask(caveats),
    caveats.join(' '),
    highest.classification,
    id,
  ])
  // portion-level access: the shown text's portions, when every text gives a lower reader the same (versionPortions)
  if (portions) {
    const shown = versions.findIndex((v) => v.text === null)
    const key = (await client.query<{ key: string }>('SELECT key FROM cables WHERE id = $1', [id])).rows[0]?.key ?? ''
    await putPortions(client, [{ id, portions: versionPortions({ key, level: highest.level, caveats, text: texts[shown], versions: texts.filter((_, i) => i !== shown) }) }])
  }
}

/** The vectors the parse worker built for a record's own text, when it did (`prepareRecord`). */
function builtVector(r: CableRecord): (BuiltVector & { subject: Uint8Array }) | undefined {
  return r.prepared?.engine === 'postgres' ? r.prepared : undefined
}

const UNNEST_CABLES = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::smallint[], $10::int[], $11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::text[], $17::text[], $18::text[])
  AS u(key, cable_id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes,
    date_basis, date_precision, date_from)`

function cableColumns(rs: CableRecord[]): unknown[] {
  return [
    rs.map((r) => r.key),
    rs.map((r) => r.id),
    rs.map((r) => r.rawId),
    rs.map((r) => r.date),
    rs.map((r) => r.origin),
    rs.map((r) => r.originKey),
    rs.map((r) => r.precedence),
    rs.map((r) => r.classification),
    rs.map((r) => r.level),
    rs.map((r) => caveatMask(r.caveats)),
    rs.map((r) => r.caveats.join(' ')),
    rs.map((r) => r.subject),
    // line feeds: a multi-word TAGS entry (`HUMAN RIGHTS`) holds blanks, never a line feed (recordTags)
    rs.map((r) => r.tags.join('\n')),
    rs.map((r) => r.errorCount),
    rs.map((r) => Buffer.byteLength(r.text, 'utf8')),
    ...dateSourceColumns(rs),
  ]
}

/** `date_basis`, `date_precision` and `date_from` (JSON text, cast to jsonb) of records; NULL for an undated cable. */
function dateSourceColumns(rs: CableRecord[]): [(string | null)[], (string | null)[], (string | null)[]] {
  const of = (r: CableRecord) => (r.date === null ? null : r.dateSource)
  return [rs.map((r) => of(r)?.basis ?? null), rs.map((r) => of(r)?.precision ?? null), rs.map((r) => { const d = of(r); return d ? JSON.stringify(d.from) : null })]
}

/**
 * A cable stored before the archive kept date provenance and reference kinds (archive-004), read again from
 * the same text: the parser's values replace the `unknown` ones. Nothing a search indexes or counts changes.
 */
async function refreshProvenance(client: pg.ClientBase, id: string, r: CableRecord): Promise<void> {
  const [basis, precision, from] = dateSourceColumns([r])
  await client.query('UPDATE cables SET date_basis = $1, date_precision = $2, date_from = $3::jsonb WHERE id = $4', [basis[0], precision[0], from[0], id])
  await client.query('DELETE FROM cable_refs WHERE cable = $1', [id])
  await putRefs(client, [id], [r])
}
