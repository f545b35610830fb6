import type pg from 'pg'
import { FILING_RULES, FILING_SETTING, filingOfColumns, refiledCable, registeredSourceFiling, storedFilingRules } from '../filing.js'
import { unpackText } from '../pack-text.js'
import { versionPortions } from '../portion-access.js'
import type { DateSourceRecord } from '../store.js'
import { dropPortions, portionsEnabled, putPortions } from './pg-portions.js'
import { inTransaction } from './pool.js'
import { lockArchiveWrites, setCableFiling } from './pg-writer.js'

/**
 * Re-filing in the PostgreSQL engine, as the SQLite engine's `sqlite-refile.ts` (docs/archive.md, "Filing
 * rules"): an archive whose stored filings were computed by older rules than the code's (`FILING_RULES`) is re-filed
 * from its stored texts and sources when the store opens, after its migrations and before any method answers
 * (`PostgresStore`'s `ready`); where it cannot be written (a role that may only read) the store refuses every call
 * with the error instead of serving a cable under stale filing.
 */

/** Cables read per round trip while re-filing. */
const BATCH = 500

/** The filing rules version the archive's stored filings were computed by (`storedFilingRules`); -1 for a new archive that records none yet. */
async function archiveFilingRules(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ value: string | null; holds: boolean }>(
    'SELECT (SELECT value FROM archive_settings WHERE name = $1) AS value, EXISTS (SELECT 1 FROM cables) AS holds',
    [FILING_SETTING],
  )
  // a new archive (no cables, no setting): -1, so the caller records it as filed by these rules (nothing to re-file)
  if (rows[0].value === null && !rows[0].holds) return -1
  return storedFilingRules(rows[0].value, rows[0].holds)
}

/**
 * Re-files every cable of an archive filed by older rules, in one transaction under the archive write lock, and
 * records the current rules version; nothing when it is current (checked first without the lock). A cable released
 * in this database (`msg_cable`) keeps the filing of its release record. A cable whose filing changes has its facet
 * counts moved and its stored portions (portion-level access) cut again under the new filing. Returns the number of
 * cables whose filing changed.
 *
 * @throws Error when the archive must be re-filed and no service layer registered the filing rule (fail closed)
 */
export async function refilePgArchive(pool: pg.Pool): Promise<number> {
  const client = await pool.connect()
  try {
    if ((await archiveFilingRules(client)) >= FILING_RULES) return 0
  } finally {
    client.release()
  }
  return inTransaction(pool, async (client) => {
    await lockArchiveWrites(client)
    const before = await archiveFilingRules(client)
    if (before >= FILING_RULES) return 0
    const holds = (await client.query('SELECT 1 FROM cables LIMIT 1')).rowCount !== 0
    const rule = registeredSourceFiling()
    if (holds && !rule) throw new Error(`the archive was filed by older rules (filing rules ${before}, this version files by ${FILING_RULES}) and cannot be re-filed here: open it with Cablegram's archive layer`)
    let changed = 0
    if (holds && rule) {
      const hasReleases = (await client.query<{ t: string | null }>("SELECT to_regclass('msg_cable')::text AS t")).rows[0]?.t
      const portions = await portionsEnabled(client)
      await client.query(
        `DECLARE refile NO SCROLL CURSOR FOR SELECT c.id, c.key, c.level, c.caveats, c.classification, c.tags, coalesce(d.captions, '[]'::jsonb) AS captions,
           c.date, c.date_basis, c.date_precision, c.date_from, t.text,
           ${hasReleases ? 'EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key)' : 'false'} AS released,
           coalesce((SELECT jsonb_agg(jsonb_build_object('version', v.version, 'level', v.level, 'caveats', v.caveats, 'classification', v.classification,
             'text', CASE WHEN v.text IS NULL THEN NULL ELSE encode(v.text, 'base64') END) ORDER BY v.version) FROM cable_versions v WHERE v.cable = c.id), '[]'::jsonb) AS versions,
           coalesce((SELECT jsonb_agg(jsonb_build_object('rendering', s.rendering, 'metadata', s.metadata, 'version', s.version)) FROM cable_sources s WHERE s.cable = c.id), '[]'::jsonb) AS sources
         FROM cables c JOIN cable_texts t ON t.cable = c.id LEFT JOIN cable_details d ON d.cable = c.id`,
      )
      for (;;) {
        const { rows } = await client.query<Row>(`FETCH ${BATCH} FROM refile`)
        for (const r of rows) if (await refileRow(client, r, rule, portions)) changed++
        if (rows.length < BATCH) break
      }
      await client.query('CLOSE refile')
      // a process's in-memory facet index (pg-facet-index.ts) describes the archive up to the generation it read
      if (changed || portions) await client.query('UPDATE fts_meta SET generation = generation + 1')
    }
    await client.query('INSERT INTO archive_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [FILING_SETTING, String(FILING_RULES)])
    return changed
  })
}

interface Row {
  id: string
  key: string
  level: number
  caveats: string
  classification: string | null
  tags: string[] | null
  captions: string[]
  date: string | null
  date_basis: string | null
  date_precision: string | null
  date_from: string[] | null
  text: Buffer
  released: boolean
  versions: { version: number; level: number; caveats: string; classification: string | null; text: string | null }[]
  sources: { rendering: string; metadata: Record<string, string>; version: number | null }[]
}

/** Re-files one cable (`refiledCable`); whether its filing changed. */
async function refileRow(client: pg.ClientBase, r: Row, rule: NonNullable<ReturnType<typeof registeredSourceFiling>>, portions: boolean): Promise<boolean> {
  const shown = unpackText(r.text)
  const others = r.versions.map((v) => (v.text === null ? null : unpackText(Buffer.from(v.text, 'base64'))))
  const filing = { level: r.level, caveats: r.caveats === '' ? [] : r.caveats.split(' '), classification: r.classification }
  const sourceOf = (s: Row['sources'][number]) => ({ rendering: s.rendering, metadata: s.metadata })
  const texts = r.versions.length
    ? r.versions.map((v, i) => ({ version: v.version, filing: filingOfColumns(v), text: others[i] ?? shown, sources: r.sources.filter((s) => (s.version ?? 1) === v.version).map(sourceOf) }))
    : [{ version: null, filing: null, text: shown, sources: r.sources.map(sourceOf) }]
  // a released cable keeps the filing of its release record, which nothing changes
  const refiled = r.released ? null : refiledCable({ filing, texts }, rule)
  let f = filing
  if (refiled) {
    for (const v of refiled.versions) {
      await client.query('UPDATE cable_versions SET level = $1, caveats = $2, classification = $3 WHERE cable = $4 AND version = $5', [v.filing.level, v.filing.caveats.join(' '), v.filing.classification, r.id, v.version])
    }
    f = refiled.cable
    await setCableFiling(client, r.id, f)
  }
  if (!portions) return refiled !== null
  // the portions a reader below it may read, cut again by the new rules whether or not the filing changed: the rules
  // read the marks that cut them, so portions an older version cut may show what these withhold (fail closed)
  const dateSource: DateSourceRecord | null = r.date === null ? null : { basis: (r.date_basis ?? 'unknown') as DateSourceRecord['basis'], precision: r.date_precision as DateSourceRecord['precision'], from: r.date_from ?? [] }
  const versions = others.filter((t): t is string => t !== null)
  await dropPortions(client, [r.id])
  await putPortions(client, [{ id: r.id, portions: versionPortions({ key: r.key, level: f.level, caveats: f.caveats, text: shown, tags: r.tags ?? [], captions: r.captions, date: r.date, dateSource, ...(versions.length ? { versions } : {}) }) }])
  return refiled !== null
}
