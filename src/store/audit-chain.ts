import { createHash } from 'node:crypto'
import { DatabaseFileError } from './database-file-error.js'

/**
 * The audit log as a hash chain, computed the same way by every engine (in TypeScript, not in SQL, so
 * SQLite and PostgreSQL agree bit for bit): each entry stores the hash of the entry before it and its own
 * hash over that link and every field, id included. Rewriting an entry changes its hash; deleting or
 * inserting one breaks the link of the entry after it; renumbering breaks the hashes. The newest entry's
 * hash (the head) is what an operator records elsewhere to detect a cut at the end.
 */

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** The fields an entry's hash covers (everything but the hash itself). */
export interface ChainedFields {
  id: number
  at: number
  actor: string
  action: string
  outcome: string
  cableId: string | null
  draftId: number | null
  post: string | null
  detail: string
  prevHash: string
}

/**
 * SHA-256 (hex) of an entry: its fields as a JSON array in a fixed order, so no field can run into
 * another (`"a","bc"` and `"ab","c"` differ).
 *
 * @example
 *   entryHash({ id: 1, at: 0, actor: 'ann', action: 'release', outcome: 'ok', cableId: '26STATE1', draftId: 1, post: null, detail: '', prevHash: GENESIS_HASH })
 */
export function entryHash(e: ChainedFields): string {
  const fields = [e.prevHash, e.id, e.at, e.actor, e.action, e.outcome, e.cableId, e.draftId, e.post, e.detail]
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex')
}

/** The first place a chain does not hold, in words a reviewer can act on. */
export interface BrokenLink {
  /** Id of the first entry that does not verify (for a cut at the end: the id expected next). */
  id: number
  reason: string
}

export interface ChainReport {
  entries: number
  /** Hash of the last entry (GENESIS_HASH for an empty log). */
  head: string
  broken: BrokenLink | null
}

/** The migration that made the audit log a chain and began keeping its head row (both engines' ledger id). */
export const CHAIN_MIGRATION = 'messaging-006-principals-tamper-evidence'

/**
 * What a store keeps beside its log: the head and length it recorded; `'missing'` when the store keeps a
 * head (the chain's migration ran) but the row is gone, which only tampering does; null for a store that
 * keeps none.
 */
export type RecordedHead = { entries: number; head: string } | 'missing' | null

/**
 * Checks a log end to end, in id order: ids consecutive from 1, each `prevHash` the hash of the entry
 * before, each `hash` recomputed from its fields, and the head and count the store recorded beside the
 * log (when it keeps them) equal to the last entry's. A store that keeps a head but has lost it is broken:
 * without the head a cut at the end would pass for an intact log. Reports the first broken link.
 *
 * @example
 *   verifyChain(entries, { entries: 12, head: 'ab…' }).broken // null when intact
 *   verifyChain(entries, 'missing').broken // { id: 13, reason: 'the head row is missing …' }
 */
export function verifyChain(entries: Iterable<ChainedFields & { hash: string }>, recorded: RecordedHead): ChainReport {
  let prev = GENESIS_HASH
  let expectedId = 1
  let n = 0
  for (const e of entries) {
    const broken = (reason: string, id = e.id): ChainReport => ({ entries: n, head: prev, broken: { id, reason } })
    if (e.id !== expectedId) {
      // a gap is reported at the first missing entry
      return broken(
        e.id > expectedId
          ? `entry ${expectedId}${e.id - expectedId > 1 ? `–${e.id - 1}` : ''} is missing (deleted): the log jumps from ${expectedId - 1} to ${e.id}`
          : `entry ${e.id} appears again or out of order after entry ${expectedId - 1}`,
        Math.min(e.id, expectedId),
      )
    }
    if (e.prevHash !== prev) {
      return broken(`entry ${e.id} does not link to entry ${e.id - 1}: it names ${short(e.prevHash)} as the previous hash, the log has ${short(prev)} (an entry was inserted, removed or replaced before it)`)
    }
    const computed = entryHash(e)
    if (computed !== e.hash) return broken(`entry ${e.id} was rewritten: its fields hash to ${short(computed)}, it records ${short(e.hash)}`)
    prev = e.hash
    expectedId++
    n++
  }
  if (recorded === 'missing') {
    return {
      entries: n,
      head: prev,
      broken: { id: n + 1, reason: `the head row is missing (msg_audit_head): the log ends at entry ${n} (head ${short(prev)}) but nothing recorded says where it should end; entries may have been cut from the end` },
    }
  }
  if (recorded && (recorded.entries !== n || recorded.head !== prev)) {
    return {
      entries: n,
      head: prev,
      broken: {
        id: n + 1,
        reason: `the log ends at entry ${n} (head ${short(prev)}) but ${recorded.entries} entries were recorded (head ${short(recorded.head)}): entries were cut from the end or the head was changed`,
      },
    }
  }
  return { entries: n, head: prev, broken: null }
}

const short = (hash: string) => hash.slice(0, 12)

/**
 * A log that holds entries but no head row has been tampered with (the head can only be deleted with its
 * triggers dropped): writing on would chain a new entry 1 onto nothing, so every write is refused, with
 * words an operator can act on, until an administrator has looked (`cable audit --verify` names the break).
 * Throws `DatabaseFileError`.
 */
export function refuseHeadless(entries: number): void {
  if (entries > 0) {
    throw new DatabaseFileError('audit log', `its head row is missing while it holds ${entries} entries: the log has been tampered with, so nothing more is written to it; run cable audit --verify and restore the database from a backup`)
  }
}
