import { createHash } from 'node:crypto'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS } from '../format/classification.js'
import type { Access, CableDigest, Store } from '../store/store.js'
import { parseQuery, QUERY_LIMITS } from './query/parse-query.js'
import { z } from 'zod'
import { breather } from './breather.js'
import { redactInPart } from './in-part.js'
import type { Snapshot, SnapshotCheck } from './research-answers.js'

export type { Snapshot, SnapshotCheck }

/** Raised when a snapshot is unknown, malformed, or may not be checked by this reader. */
export class SnapshotError extends Error {}

/** The `SnapshotError` of an id that names nothing (empty or blank): a usage error (CLI exit 2, HTTP 422), never a path. */
export class SnapshotIdError extends SnapshotError {}

/** The `SnapshotError` of a snapshot this reader may not see or check: saved with more access than his, or by another user under need to know. */
export class SnapshotAccessError extends SnapshotError {}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function shortId(hex: string): string {
  let bits = ''
  for (const c of hex.slice(0, 13)) bits += parseInt(c, 16).toString(2).padStart(4, '0')
  let out = ''
  for (let i = 0; i < 50; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5), 2)]
  return 'cg-' + out
}

function group(digests: CableDigest[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>()
  for (const d of digests) {
    const list = byKey.get(d.key) ?? []
    list.push(d.textSha256)
    byKey.set(d.key, list)
  }
  for (const list of byKey.values()) list.sort()
  return byKey
}

/** Hash of a set of (key, text hash) pairs, independent of their order. */
export function contentHash(digests: CableDigest[]): string {
  const lines = digests.map((d) => `${d.key}\t${d.textSha256}`).sort()
  return sha256(lines.join('\n'))
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  const pause = breather(2000)
  for await (const x of it) {
    await pause()
    out.push(x)
  }
  return out
}

/**
 * The (key, text hash) pairs of every cable `access` may read only in part (portion-level access on), each
 * hashed over its redacted rendering as `show` gives it, never over the withheld text; `keys` narrows them.
 */
async function partialDigests(store: Store, access: Access, keys?: Set<string>): Promise<CableDigest[]> {
  const out: CableDigest[] = []
  const pause = breather(2000)
  for await (const h of store.search(null, { sort: 'date' }, { ...access, portions: true })) {
    await pause()
    if (!h.partial || (keys && !keys.has(h.key))) continue
    const cable = await store.partialCable(h.key, access)
    if (cable) out.push({ key: h.key, textSha256: sha256((await redactInPart(store, cable, access)).text) })
  }
  return out
}

/** A snapshot's short id: the hash of query, archive hash, result hash and the saver's access. */
function snapshotId(query: string, archiveHash: string, resultHash: string, access: Access | undefined): string {
  return shortId(sha256(`${query}\n${archiveHash}\n${resultHash}${accessPart(access)}`))
}

/** What the id stands for beyond query and content: the saver's access (none in archive mode). */
function accessPart(access: Access | undefined): string {
  if (!access) return ''
  const caveats = [...access.caveats].sort().join(',')
  return `\naccess ${access.level} ${caveats}${access.needToKnow ? `\n${access.needToKnow.user}` : ''}`
}

/**
 * What a query returns on this archive now, in snapshot form (not saved): exactly the result set the
 * reader's search returns, so with portion-level access on (docs/search.md) the cables he may read in part
 * are in it, each hashed over its redacted rendering. Throws `QuerySyntaxError`.
 */
export async function takeSnapshot(store: Store, queryText: string, access: Access | undefined, now: Date = new Date()): Promise<Snapshot> {
  const text = queryText.trim()
  const query = text === '' || text === '*' ? null : parseQuery(text)
  // the same access mode as `searchArchive`: portion-level when the archive has it on and the reader is restricted
  const portions = access !== undefined && (await store.portionAccess())
  const searchAccess = portions && access ? { ...access, portions: true } : access
  const archive = await collect(store.digests(access))
  if (portions && access) archive.push(...(await partialDigests(store, access)))
  const hits = await collect(store.search(query, { sort: 'date' }, searchAccess))
  const inResult = new Set(hits.map((h) => h.key))
  const result = archive.filter((d) => inResult.has(d.key))
  const archiveHash = contentHash(archive)
  const resultHash = contentHash(result)
  const cables = [...group(result)].map(([key, texts]) => ({ key, texts })).sort((a, b) => (a.key < b.key ? -1 : 1))
  return {
    format: 1,
    // the id covers the saver's access: two readers with different access (level, caveats, or under need to
    // know another user) get two snapshots, so nobody is handed an id saved with access he does not hold
    id: snapshotId(text, archiveHash, resultHash, access),
    query: text,
    savedAt: now.toISOString(),
    access: access ? { level: access.level, caveats: [...access.caveats].sort(), ...(access.needToKnow ? { needToKnow: { ...access.needToKnow } } : {}) } : null,
    archiveHash,
    archiveCables: group(archive).size,
    resultHash,
    count: cables.length,
    cables,
  }
}

/**
 * Saves a snapshot of a query's result in the archive and returns it. Saving the same query on unchanged
 * content again gives the same id (the first save's time is kept).
 *
 * @example
 *   const s = await saveSnapshot(store, 'tag:PREL origin:HARARE') // s.id 'cg-…', s.count, s.resultHash
 */
export async function saveSnapshot(store: Store, queryText: string, access?: Access, now?: Date): Promise<Snapshot> {
  const snapshot = await takeSnapshot(store, queryText, access, now)
  // a snapshot its own reader would refuse is never stored: its id could never be shown or verified (QA 14 round 8, F7)
  parseSnapshot(JSON.stringify(snapshot), snapshot.id, now ?? new Date())
  await store.saveSnapshot({ id: snapshot.id, savedAt: snapshot.savedAt, body: JSON.stringify(snapshot) })
  const saved = await store.snapshot(snapshot.id)
  const kept = saved ? parseSnapshot(saved.body, snapshot.id) : snapshot
  // never hand out a citable id its saver could not show: an id held by another saver's snapshot is refused
  if (!sameSaver(kept.access, snapshot.access) || kept.resultHash !== snapshot.resultHash) {
    throw new SnapshotError(`snapshot ${snapshot.id} is already held by another saver's snapshot; it was not saved`)
  }
  return kept
}

/** Whether two snapshots were saved with the same access: level, caveats and, under need to know, user. */
function sameSaver(a: Access | null, b: Access | null): boolean {
  if (!a || !b) return a === b
  return a.level === b.level && [...a.caveats].sort().join(',') === [...b.caveats].sort().join(',') && a.needToKnow?.user === b.needToKnow?.user
}

/**
 * A snapshot saved in this archive, null when it holds none by that id, or when it was saved by another
 * user of an operator database (need to know). `access` is the reader's (undefined: archive mode): a
 * snapshot saved with more clearance than his is refused (`SnapshotError`), since its count, hashes and
 * cable list describe cables he may not read. An empty or blank id throws `SnapshotIdError`.
 */
export async function loadSnapshot(store: Store, id: string, access: Access | undefined): Promise<Snapshot | null> {
  const wanted = id.trim().toLowerCase()
  // an empty id is refused here, before any adapter could take it for a path (`''` resolves to the current
  // directory: QA 12 F3)
  if (wanted === '') throw new SnapshotIdError(`snapshot id: empty; give a snapshot id (cg-…) or a snapshot JSON file`)
  const saved = await store.snapshot(wanted)
  if (!saved) return null
  const snapshot = parseSnapshot(saved.body, `snapshot ${wanted} as stored in this archive`)
  // a stored body under another id would be checked (and cited) as the id it was asked for
  if (snapshot.id !== wanted) throw new SnapshotError(`snapshot ${wanted} as stored in this archive: id: holds snapshot ${snapshot.id} (the archive's copy was changed)`)
  // under need to know another user's snapshot is not even there for him: its existence is the saver's
  if (snapshot.access?.needToKnow && snapshot.access.needToKnow.user !== access?.needToKnow?.user) return null
  if (!covers(access, snapshot.access)) throw moreAccess(snapshot)
  return snapshot
}

function moreAccess(snapshot: Snapshot): SnapshotAccessError {
  const whose = snapshot.access?.needToKnow ? 'by another user of this operator database (need to know is not shared)' : 'by a reader with more access than yours'
  return new SnapshotAccessError(`snapshot ${snapshot.id} was saved ${whose}; ask for it to be saved at your level, or save it yourself`)
}

/**
 * A snapshot from its JSON (as `cable snapshot show --format json` writes it); throws `SnapshotError` naming
 * `where` and every field that is missing, wrong or inconsistent with the rest of the file, by its path
 * (`snap.json: not a snapshot of format 1: savedAt: expected …; cables[2].texts[0]: expected a SHA-256 …`), or
 * the JSON syntax error with its position.
 */
export function parseSnapshot(json: string, where: string, now: Date = new Date()): Snapshot {
  let s: unknown
  try {
    s = JSON.parse(json)
  } catch (error) {
    throw new SnapshotError(`${where}: not a snapshot (${(error as Error).message})`)
  }
  const parsed = SNAPSHOT.safeParse(s)
  const problems = parsed.success ? consistencyProblems(parsed.data, now) : parsed.error.issues.map(issueText)
  const integrity = parsed.success ? integrityProblem(parsed.data) : null
  if (integrity) problems.push(integrity)
  if (problems.length) {
    const shown = problems.slice(0, MAX_PROBLEMS).join('; ')
    const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : ''
    throw new SnapshotError(`${where}: not a snapshot of format 1: ${shown}${more}`)
  }
  return parsed.data as Snapshot
}

/** How many field problems one message names. */
const MAX_PROBLEMS = 5

/**
 * Whether a well-formed snapshot is what its id says: the result hash is the hash of its cable list and the
 * id the hash of query, archive hash, result hash and access, as `takeSnapshot` computes them. A file changed
 * by hand (another id, access or cable list) is refused, so a `cg-` id in a footnote can only stand for the
 * content it was saved with. Returns `path: what` or null.
 */
function integrityProblem(s: Snapshot): string | null {
  const result = contentHash(s.cables.flatMap((c) => c.texts.map((t) => ({ key: c.key, textSha256: t }))))
  if (result !== s.resultHash) return 'resultHash: does not match the cables listed (the file was changed after it was written)'
  const id = snapshotId(s.query, s.archiveHash, s.resultHash, s.access ?? undefined)
  if (id !== s.id) return `id: ${JSON.stringify(s.id)} does not match the snapshot's query, hashes and access (the file was changed after it was written)`
  return null
}

const HASH = /^[0-9a-f]{64}$/
const LEVELS = Object.values(LEVEL_RANK) as number[]
/** Saving writes `Date.toISOString()`; a clock a day ahead of the verifier's is still believed. */
const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000

const sha = z.string({ error: 'expected a SHA-256 (64 hex digits)' }).regex(HASH, 'expected a SHA-256 (64 hex digits)')
const whole = (what: string) =>
  z.number({ error: `expected a whole number (${what})` }).int(`expected a whole number (${what})`).nonnegative(`expected a whole number (${what}), not negative`)

/**
 * The shape of a snapshot file, field by field (format 1): what `takeSnapshot` writes and nothing else. Values are
 * checked against what saving can produce (an id of the `cg-` form, an ISO time as `toISOString` writes it, a
 * level and caveats that exist, hashes of 64 hex digits, whole counts); `consistencyProblems` and
 * `integrityProblem` then check the fields against each other.
 */
const SNAPSHOT = z.strictObject(
  {
    format: z.literal(1, { error: (i) => `expected 1, got ${JSON.stringify(i.input ?? null)}` }),
    id: z.string({ error: 'expected a string' }).regex(/^cg-[a-z2-7]{10}$/, 'expected cg- and 10 base-32 characters (a-z, 2-7)'),
    query: z
      .string({ error: 'expected a string' })
      .max(QUERY_LIMITS.length, `longer than any query (${QUERY_LIMITS.length.toLocaleString('en-US')} characters)`)
      .refine((q) => q === q.trim(), 'expected the query as saved, without blanks at either end'),
    savedAt: z
      .string({ error: 'expected an ISO 8601 time (2026-01-01T00:00:00.000Z)' })
      .refine((t) => isSavedTime(t), { error: (i) => `${JSON.stringify(i.input)} is no ISO 8601 UTC time as saving writes it (2026-01-01T00:00:00.000Z)` }),
    access: z
      .strictObject(
        {
          level: z
            .number({ error: 'expected a whole number' })
            .refine((l) => LEVELS.includes(l), { error: (i) => `${String(i.input)} is no classification level (0 UNCLASSIFIED … 4 TOP SECRET)` }),
          caveats: z
            .array(z.string({ error: 'expected a caveat name' }).refine((c) => (RESTRICTIVE_CAVEATS as readonly string[]).includes(c), { error: (i) => `${JSON.stringify(i.input)} is no caveat (${RESTRICTIVE_CAVEATS.join(', ')})` }), {
              error: 'expected a list of caveat names',
            })
            .refine((cs) => cs.every((c, i) => i === 0 || cs[i - 1] < c), 'expected distinct caveats in sorted order, as saving writes them'),
          needToKnow: z
            .strictObject(
              { user: z.string({ error: 'expected a string' }).min(1, 'expected a user name'), post: z.string({ error: 'expected a string' }), archiveReader: z.boolean({ error: 'expected true or false' }) },
              { error: 'expected { user, post, archiveReader }' },
            )
            .optional(),
        },
        { error: 'expected null (archive mode) or { level, caveats }' },
      )
      .nullable(),
    archiveHash: sha,
    archiveCables: whole('the cables of the archive'),
    resultHash: sha,
    count: whole('the cables of the result'),
    cables: z.array(
      z.strictObject(
        {
          key: z
            .string({ error: 'expected a string' })
            // the content hash joins key and text hash with a tab, lines with a newline
            .regex(/^[^\u0000-\u001f\u007f]+$/, 'expected a cable key (no control characters, not empty)'),
          texts: z
            .array(sha, { error: 'expected a list of text hashes' })
            .min(1, 'expected at least one text hash (every cable has a text)')
            .refine((ts) => ts.every((t, i) => i === 0 || ts[i - 1] <= t), 'expected text hashes in sorted order, as saving writes them'),
        },
        { error: 'expected { key, texts }' },
      ),
      { error: 'expected a list' },
    ),
  },
  { error: '(top level): expected an object' },
)

/** Whether `t` is a time as `Date.toISOString()` writes it (a real instant, UTC, milliseconds). */
function isSavedTime(t: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(t)) return false
  const ms = Date.parse(t)
  return Number.isFinite(ms) && new Date(ms).toISOString() === t
}

/** A schema issue as `path: what`, the path written as in JavaScript (`cables[2].texts[0]`). */
function issueText(issue: z.core.$ZodIssue): string {
  let path = ''
  for (const p of issue.path) path += typeof p === 'number' ? `[${p}]` : path === '' ? String(p) : `.${String(p)}`
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k))
    return `${keys.join(', ')}: not a field of a snapshot`
  }
  return `${path || '(top level)'}: ${issue.message}`
}

/**
 * The fields of a well-shaped snapshot that disagree with each other or with the clock, each as `path: what`:
 * the count is the length of the cable list, the cables in sorted order, the result a part of the archive
 * (`archiveCables` at least `count`; the two hashes equal exactly when the result is the whole archive), and a
 * save time that is not in the future.
 */
function consistencyProblems(s: z.infer<typeof SNAPSHOT>, now: Date): string[] {
  const out: string[] = []
  if (s.count !== s.cables.length) out.push(`count: ${s.count} but cables lists ${s.cables.length}`)
  const keys = s.cables.map((c) => c.key)
  if (keys.some((k, i) => i > 0 && keys[i - 1] >= k)) out.push('cables: expected distinct keys in sorted order')
  if (s.archiveCables < s.cables.length) out.push(`archiveCables: ${s.archiveCables} is fewer than the ${s.cables.length} cables of the result (the result is part of the archive)`)
  else if ((s.archiveCables === s.cables.length) !== (s.archiveHash === s.resultHash)) {
    out.push(
      s.archiveHash === s.resultHash
        ? `archiveCables: ${s.archiveCables} but the archive hash is the result hash (the result is the whole archive of ${s.cables.length})`
        : `archiveCables: ${s.archiveCables}, as many as the result, but the archive hash differs from the result hash`,
    )
  }
  if (Date.parse(s.savedAt) > now.getTime() + CLOCK_SKEW_MS) out.push(`savedAt: ${s.savedAt} is in the future`)
  return out
}

/**
 * Whether `reader` may see everything a snapshot saved with `saver`'s access names. Level and caveats
 * compare as clearances do; need to know (an operator database) does not order readers (a post, the
 * principals of a NODIS cable), so a snapshot saved under it is the saver's alone. Archive mode (no reader) sees everything.
 */
function covers(reader: Access | undefined, saver: Access | null): boolean {
  if (!reader) return true
  if (!saver) return false
  if (saver.needToKnow && saver.needToKnow.user !== reader.needToKnow?.user) return false
  return reader.level >= saver.level && saver.caveats.every((c) => reader.caveats.includes(c))
}

/**
 * Runs a snapshot's query again on `store` and compares: identical, or the cables added, removed and
 * changed. A reader may verify only a snapshot saved with no more access than his own, since the snapshot
 * names the cables its saver saw (throws `SnapshotError`).
 *
 * @example
 *   const check = await verifySnapshot(store, snapshot) // { identical: false, added: ['10QUORIN12'], … }
 */
export async function verifySnapshot(store: Store, snapshot: Snapshot, access?: Access): Promise<SnapshotCheck> {
  if (!covers(access, snapshot.access)) {
    throw moreAccess(snapshot)
  }
  const now = await takeSnapshot(store, snapshot.query, access)
  const before = new Map(snapshot.cables.map((c) => [c.key, c.texts.join(' ')]))
  const after = new Map(now.cables.map((c) => [c.key, c.texts.join(' ')]))
  const added = [...after.keys()].filter((k) => !before.has(k))
  const removed = [...before.keys()].filter((k) => !after.has(k))
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k))
  return {
    id: snapshot.id,
    query: snapshot.query,
    identical: now.resultHash === snapshot.resultHash,
    sameArchive: now.archiveHash === snapshot.archiveHash,
    count: now.count,
    savedCount: snapshot.count,
    added,
    removed,
    changed,
  }
}
