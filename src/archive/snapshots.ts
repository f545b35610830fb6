import { createHash } from 'node:crypto'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS } from '../format/classification.js'
import type { Access, CableDigest, Store } from '../store/store.js'
import { parseQuery } from './query/parse-query.js'
import { breather } from './breather.js'
import { redactText } from './redact.js'

/**
 * Citable query snapshots: what a query returned on an archive, recorded so that anyone can check later,
 * on the same archive or another one, whether the same query still returns the same cables with the same
 * texts.
 *
 * - archive hash: SHA-256 over the sorted lines `key<TAB>text-sha256`, one per version of every cable the
 *   saver could see, so it depends on the content and never on import order;
 * - result hash: the same over the cables the query returned;
 * - id: `cg-` and 10 base-32 characters of the hash of query, archive hash, result hash and the saver's
 *   access (level, caveats, and the user under need to know; nothing in archive mode) (50 bits): short enough
 *   for a footnote, the same for the same query on the same content saved with the same access.
 */
export interface Snapshot {
  format: 1
  id: string
  query: string
  savedAt: string
  /** The saver's access (null: archive mode, everything visible). Verifying needs at least as much. */
  access: Access | null
  archiveHash: string
  archiveCables: number
  resultHash: string
  count: number
  /** Each cable of the result with the text hashes of its versions, sorted by key. */
  cables: { key: string; texts: string[] }[]
}

export interface SnapshotCheck {
  id: string
  query: string
  /** The same cables with the same texts. */
  identical: boolean
  /** The whole archive holds the same content as when the snapshot was saved. */
  sameArchive: boolean
  count: number
  savedCount: number
  added: string[]
  removed: string[]
  /** In both, but a text was added or differs. */
  changed: string[]
}

/** Raised when a snapshot is unknown, malformed, or may not be checked by this reader. */
export class SnapshotError extends Error {}

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
    if (cable) out.push({ key: h.key, textSha256: sha256(redactText(cable.text, access, cable).text) })
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
 * cable list describe cables he may not read.
 */
export async function loadSnapshot(store: Store, id: string, access: Access | undefined): Promise<Snapshot | null> {
  const saved = await store.snapshot(id.trim().toLowerCase())
  if (!saved) return null
  const snapshot = parseSnapshot(saved.body, id)
  // under need to know another user's snapshot is not even there for him: its existence is the saver's
  if (snapshot.access?.needToKnow && snapshot.access.needToKnow.user !== access?.needToKnow?.user) return null
  if (!covers(access, snapshot.access)) throw moreAccess(snapshot)
  return snapshot
}

function moreAccess(snapshot: Snapshot): SnapshotError {
  const whose = snapshot.access?.needToKnow ? 'by another user of this operator database (need to know is not shared)' : 'by a reader with more access than yours'
  return new SnapshotError(`snapshot ${snapshot.id} was saved ${whose}; ask for it to be saved at your level, or save it yourself`)
}

/**
 * A snapshot from its JSON (as `cable snapshot show --format json` writes it); throws `SnapshotError` naming
 * `where` and the first field that is missing or wrong (`snap.json: … count: expected a whole number`), or
 * the JSON syntax error with its position.
 */
export function parseSnapshot(json: string, where: string): Snapshot {
  let s: unknown
  try {
    s = JSON.parse(json)
  } catch (error) {
    throw new SnapshotError(`${where}: not a snapshot (${(error as Error).message})`)
  }
  const problem = snapshotProblem(s) ?? integrityProblem(s as Snapshot)
  if (problem) throw new SnapshotError(`${where}: not a snapshot of format 1: ${problem}`)
  return s as Snapshot
}

/**
 * Whether a well-formed snapshot is what its id says: the result hash is the hash of its cable list and the
 * id the hash of query, archive hash, result hash and access, as `takeSnapshot` computes them. A file changed
 * by hand (another id, access or cable list) is refused, so a `cg-` id in a footnote can only stand for the
 * content it was saved with. Returns `path: what` or null.
 */
function integrityProblem(s: Snapshot): string | null {
  if (s.access) {
    if (!(Object.values(LEVEL_RANK) as number[]).includes(s.access.level)) return `access.level: ${s.access.level} is no classification level (0 UNCLASSIFIED … 4 TOP SECRET)`
    const unknown = s.access.caveats.find((c) => !(RESTRICTIVE_CAVEATS as readonly string[]).includes(c))
    if (unknown !== undefined) return `access.caveats: ${JSON.stringify(unknown)} is no caveat (${RESTRICTIVE_CAVEATS.join(', ')})`
  }
  const keys = s.cables.map((c) => c.key)
  if (keys.some((k, i) => i > 0 && keys[i - 1] >= k)) return 'cables: expected distinct keys in sorted order'
  const result = contentHash(s.cables.flatMap((c) => c.texts.map((t) => ({ key: c.key, textSha256: t }))))
  if (result !== s.resultHash) return 'resultHash: does not match the cables listed (the file was changed after it was written)'
  const id = snapshotId(s.query, s.archiveHash, s.resultHash, s.access ?? undefined)
  if (id !== s.id) return `id: ${JSON.stringify(s.id)} does not match the snapshot's query, hashes and access (the file was changed after it was written)`
  return null
}

const HASH = /^[0-9a-f]{64}$/

/** The first field of a would-be snapshot that is missing or wrong, as `path: what`; null when it is sound. */
function snapshotProblem(s: unknown): string | null {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return '(top level): expected an object'
  const o = s as Record<string, unknown>
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0
  if (o['format'] !== 1) return `format: expected 1, got ${JSON.stringify(o['format'] ?? null)}`
  for (const f of ['id', 'query', 'savedAt']) if (typeof o[f] !== 'string') return `${f}: expected a string`
  for (const f of ['archiveHash', 'resultHash']) if (typeof o[f] !== 'string' || !HASH.test(o[f] as string)) return `${f}: expected a SHA-256 (64 hex digits)`
  for (const f of ['archiveCables', 'count']) if (!whole(o[f])) return `${f}: expected a whole number`
  const a = o['access']
  if (a !== null) {
    if (typeof a !== 'object' || a === undefined || Array.isArray(a)) return 'access: expected null (archive mode) or { level, caveats }'
    const acc = a as Record<string, unknown>
    if (typeof acc['level'] !== 'number' || !Number.isInteger(acc['level'])) return 'access.level: expected a whole number'
    if (!Array.isArray(acc['caveats']) || !acc['caveats'].every((c) => typeof c === 'string')) return 'access.caveats: expected a list of caveat names'
    const n = acc['needToKnow']
    if (n !== undefined && (typeof n !== 'object' || n === null || typeof (n as Record<string, unknown>)['user'] !== 'string')) return 'access.needToKnow.user: expected a string'
  }
  if (!Array.isArray(o['cables'])) return 'cables: expected a list'
  const cables = o['cables'] as unknown[]
  for (let i = 0; i < cables.length; i++) {
    const c = cables[i] as Record<string, unknown> | null
    if (typeof c !== 'object' || c === null) return `cables[${i}]: expected { key, texts }`
    if (typeof c['key'] !== 'string') return `cables[${i}].key: expected a string`
    if (!Array.isArray(c['texts'])) return `cables[${i}].texts: expected a list of text hashes`
    const t = (c['texts'] as unknown[]).findIndex((x) => typeof x !== 'string' || !HASH.test(x))
    if (t >= 0) return `cables[${i}].texts[${t}]: expected a SHA-256 (64 hex digits)`
  }
  if (o['count'] !== cables.length) return `count: ${String(o['count'])} but cables lists ${cables.length}`
  return null
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
