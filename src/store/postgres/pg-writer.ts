import type pg from 'pg'
import type { CableRecord, UpsertOutcome } from '../store.js'
import { caveatMask } from '../sqlite/caveat-mask.js'
import { packText, textSha256 } from '../pack-text.js'
import { cableVector, subjectVector } from './pg-tsvector.js'

/** Archive writers take this transaction lock: batches apply one after another, so facet counts stay exact. */
const ARCHIVE_WRITE_LOCK = 0x63626172 // "cbar"

interface Existing {
  id: string
  key: string
  text_sha256: string
  error_count: number
  origin_key: string | null
  date: string | null
  classification: string | null
  precedence: string | null
  level: number
  caveat_mask: number
  tags: string[]
}

interface State {
  existing: Existing | null
  sha: string
  errorCount: number
  winner: CableRecord | null
}

/** The facet values a cable counts under (`facet_counts` rows), NONE for a missing value as in facets. */
function facetValues(r: { originKey: string | null; date: string | null; classification: string | null; precedence: string | null; tags: string[] }): [string, string][] {
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
  return out
}

/**
 * Upserts a batch inside the caller's transaction, with the SQLite engine's rule: a copy whose text is
 * already stored only adds its source; a different copy replaces the stored one only when it parsed with
 * fewer errors. The batch is decided in memory (a key repeated in one batch behaves as in sequence), then
 * written with one statement per table (arrays through `unnest`), and `facet_counts` moves by the
 * difference.
 */
export async function writeBatch(client: pg.ClientBase, batch: CableRecord[]): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: 0, replaced: 0, unchanged: 0, sourcesAdded: 0 }
  if (batch.length === 0) return outcome
  await client.query('SELECT pg_advisory_xact_lock($1)', [ARCHIVE_WRITE_LOCK])
  const keys = [...new Set(batch.map((r) => r.key))]
  const found = await client.query<Existing>(
    `SELECT c.id, c.key, d.text_sha256, c.error_count, c.origin_key, c.date, c.classification, c.precedence, c.level, c.caveat_mask, c.tags
     FROM cables c JOIN cable_details d ON d.cable = c.id WHERE c.key = ANY($1::text[])`,
    [keys],
  )
  const states = new Map<string, State>()
  for (const e of found.rows) states.set(e.key, { existing: e, sha: e.text_sha256, errorCount: e.error_count, winner: null })
  for (const r of batch) {
    const sha = r.packed?.sha256 ?? textSha256(r.text)
    const st = states.get(r.key)
    if (!st) {
      states.set(r.key, { existing: null, sha, errorCount: r.errorCount, winner: r })
      outcome.inserted++
    } else if (st.sha !== sha && r.errorCount < st.errorCount) {
      st.sha = sha
      st.errorCount = r.errorCount
      st.winner = r
      outcome.replaced++
    } else {
      outcome.unchanged++
    }
  }

  const winners = [...states.values()].filter((s) => s.winner !== null)
  const replaced = winners.filter((s) => s.existing !== null)
  const inserted = winners.filter((s) => s.existing === null)
  const delta = new Map<string, number>()
  const bump = (level: number, mask: number, values: [string, string][], by: number) => {
    for (const [facet, value] of values) {
      const k = JSON.stringify([facet, value, level, mask])
      delta.set(k, (delta.get(k) ?? 0) + by)
    }
  }

  const ids = new Map<string, string>()
  if (replaced.length) {
    const old = replaced.map((s) => s.existing!.id)
    for (const s of replaced) {
      const e = s.existing!
      bump(e.level, e.caveat_mask, facetValues({ originKey: e.origin_key, date: e.date, classification: e.classification, precedence: e.precedence, tags: e.tags }), -1)
      ids.set(e.key, e.id)
    }
    await client.query('DELETE FROM cable_tags WHERE cable = ANY($1::bigint[])', [old])
    await client.query('DELETE FROM cable_captions WHERE cable = ANY($1::bigint[])', [old])
    await client.query('DELETE FROM cable_refs WHERE cable = ANY($1::bigint[])', [old])
    await client.query(
      `UPDATE cables c SET cable_id = u.cable_id, raw_id = u.raw_id, date = u.date, origin = u.origin, origin_key = u.origin_key,
         precedence = u.precedence, classification = u.classification, level = u.level, caveat_mask = u.caveat_mask,
         caveats = u.caveats, subject = u.subject, tags = string_to_array(u.tags, ' '), error_count = u.error_count,
         text_bytes = u.text_bytes, subject_fts = u.subject_fts::tsvector
       FROM ${UNNEST_CABLES} WHERE c.key = u.key`,
      cableColumns(replaced.map((s) => s.winner!)),
    )
  }
  if (inserted.length) {
    const rows = await client.query<{ id: string; key: string }>(
      `INSERT INTO cables (key, cable_id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes, subject_fts)
       SELECT u.key, u.cable_id, u.raw_id, u.date, u.origin, u.origin_key, u.precedence, u.classification, u.level, u.caveat_mask, u.caveats, u.subject,
         string_to_array(u.tags, ' '), u.error_count, u.text_bytes, u.subject_fts::tsvector
       FROM ${UNNEST_CABLES} RETURNING id, key`,
      cableColumns(inserted.map((s) => s.winner!)),
    )
    for (const r of rows.rows) ids.set(r.key, r.id)
  }

  if (winners.length) {
    const rs = winners.map((s) => s.winner!)
    const wid = rs.map((r) => ids.get(r.key)!)
    for (const r of rs) bump(r.level, caveatMask(r.caveats), facetValues(r), 1)
    const vectors = rs.map((r) => cableVector(r.subject, r.addressees.map((a) => a.name), r.text))
    await client.query(
      `INSERT INTO cable_details (cable, captions, addressees, diagnostics, text_sha256)
       SELECT * FROM unnest($1::bigint[], $2::jsonb[], $3::jsonb[], $4::jsonb[], $5::text[])
       ON CONFLICT (cable) DO UPDATE SET captions = excluded.captions, addressees = excluded.addressees,
         diagnostics = excluded.diagnostics, text_sha256 = excluded.text_sha256`,
      [wid, rs.map((r) => JSON.stringify(r.captions)), rs.map((r) => JSON.stringify(r.addressees)), rs.map((r) => JSON.stringify(r.diagnostics)), rs.map((r) => states.get(r.key)!.sha)],
    )
    await client.query(
      `INSERT INTO cable_texts (cable, text) SELECT * FROM unnest($1::bigint[], $2::bytea[])
       ON CONFLICT (cable) DO UPDATE SET text = excluded.text`,
      [wid, rs.map((r) => Buffer.from(r.packed?.deflated ?? packText(r.text)))],
    )
    await client.query(
      `INSERT INTO cable_fts (cable, fts) SELECT u.cable, u.fts::tsvector FROM unnest($1::bigint[], $2::text[]) AS u(cable, fts)
       ON CONFLICT (cable) DO UPDATE SET fts = excluded.fts`,
      [wid, vectors.map((v) => v.literal)],
    )
    const maxBucket = Math.max(...vectors.map((v) => v.maxBucket))
    if (maxBucket > 0) await client.query('UPDATE fts_meta SET max_bucket = greatest(max_bucket, $1)', [maxBucket])
    const tagCables: string[] = []
    const tags: string[] = []
    const capCables: string[] = []
    const captions: string[] = []
    const refCables: string[] = []
    const refOrd: number[] = []
    const refLetter: (string | null)[] = []
    const refTarget: (string | null)[] = []
    const refText: string[] = []
    rs.forEach((r, i) => {
      for (const t of new Set(r.tags)) tagCables.push(wid[i]), tags.push(t)
      for (const c of new Set(r.captions)) capCables.push(wid[i]), captions.push(c)
      r.references.forEach((ref, ord) => {
        refCables.push(wid[i])
        refOrd.push(ord)
        refLetter.push(ref.letter)
        refTarget.push(ref.id)
        refText.push(ref.text)
      })
    })
    if (tags.length) await client.query('INSERT INTO cable_tags (tag, cable) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [tags, tagCables])
    if (captions.length) await client.query('INSERT INTO cable_captions (caption, cable) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [captions, capCables])
    if (refText.length) {
      await client.query('INSERT INTO cable_refs (cable, ord, letter, target, text) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[])', [
        refCables,
        refOrd,
        refLetter,
        refTarget,
        refText,
      ])
    }
  }

  const sourceCables: string[] = []
  const locators: string[] = []
  const shas: string[] = []
  const renderings: string[] = []
  const importedAt: string[] = []
  const metadata: string[] = []
  for (const r of batch) {
    const st = states.get(r.key)!
    sourceCables.push(ids.get(r.key) ?? st.existing!.id)
    locators.push(r.source.locator)
    shas.push(r.source.sha256)
    renderings.push(r.source.rendering)
    importedAt.push(r.source.importedAt)
    metadata.push(JSON.stringify(r.source.metadata))
  }
  const added = await client.query(
    `INSERT INTO cable_sources (cable, locator, sha256, rendering, imported_at, metadata)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) ON CONFLICT DO NOTHING`,
    [sourceCables, locators, shas, renderings, importedAt, metadata],
  )
  outcome.sourcesAdded = added.rowCount ?? 0

  const changes = [...delta].filter(([, n]) => n !== 0).map(([k, n]) => [...(JSON.parse(k) as [string, string, number, number]), n] as const)
  if (changes.length) {
    await client.query(
      `INSERT INTO facet_counts (facet, value, level, caveat_mask, n)
       SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::int[], $5::bigint[])
       ON CONFLICT (facet, value, level, caveat_mask) DO UPDATE SET n = facet_counts.n + excluded.n`,
      [changes.map((c) => c[0]), changes.map((c) => c[1]), changes.map((c) => c[2]), changes.map((c) => c[3]), changes.map((c) => c[4])],
    )
  }
  return outcome
}

const UNNEST_CABLES = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::smallint[], $10::int[], $11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::text[])
  AS u(key, cable_id, raw_id, date, origin, origin_key, precedence, classification, level, caveat_mask, caveats, subject, tags, error_count, text_bytes, subject_fts)`

function cableColumns(rs: CableRecord[]): unknown[][] {
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
    rs.map((r) => r.tags.join(' ')),
    rs.map((r) => r.errorCount),
    rs.map((r) => Buffer.byteLength(r.text, 'utf8')),
    rs.map((r) => subjectVector(r.subject)),
  ]
}
