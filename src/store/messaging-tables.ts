import { createHash } from 'node:crypto'

/**
 * The messaging tables as rows of engine-neutral values, for copying a messaging database from one engine
 * to another (`cable copy`) and for comparing two of them. Each engine stores some values its own way —
 * SQLite a comma list where PostgreSQL has text[], 0/1 for a boolean, JSON text for jsonb; PostgreSQL bigint
 * arrives as a string — and reads them into the neutral kinds below, so a row read from either engine is the
 * same JavaScript value and hashes the same.
 */

/**
 * How a column's value is held between engines: `text` a string (or null), `int` a number, `bool` a
 * boolean, `list` an array of strings (TAGS, caveats, roles), `json` a parsed JSON value (draft fields).
 */
export type ColumnKind = 'text' | 'int' | 'bool' | 'list' | 'json'

export interface ColumnSpec {
  name: string
  kind: ColumnKind
}

/** One messaging table as the copy sees it: its columns in a fixed order, and its primary key. */
export interface TableSpec {
  name: string
  columns: readonly ColumnSpec[]
  /**
   * Names of the primary-key columns; empty for a table without one (login failures), which is copied
   * whole in one transaction.
   */
  key: readonly string[]
  /** Column holding an id a sequence hands out on PostgreSQL (set past the copied ids after a copy). */
  identity?: string
}

/** A neutral value: what any engine reads a column of a `ColumnKind` as. */
export type NeutralValue = string | number | boolean | null | readonly string[] | JsonValue
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
/** One row: values in the order of its table's `columns`. */
export type NeutralRow = NeutralValue[]

const t = (name: string): ColumnSpec => ({ name, kind: 'text' })
const i = (name: string): ColumnSpec => ({ name, kind: 'int' })
const b = (name: string): ColumnSpec => ({ name, kind: 'bool' })
const l = (name: string): ColumnSpec => ({ name, kind: 'list' })
const j = (name: string): ColumnSpec => ({ name, kind: 'json' })

/**
 * Every messaging table a copy carries, in an order where a row's references (user → post, clearance →
 * draft, inbox → delivery …) are copied before it. The audit log is copied entry by entry with its hash
 * links as they are; its head (`msg_audit_head`) is not a row to copy but follows the last copied entry.
 */
export const MESSAGING_TABLES: readonly TableSpec[] = [
  { name: 'msg_post', columns: [t('plad'), t('route'), t('origin'), t('kind'), t('source')], key: ['plad'] },
  { name: 'msg_office', columns: [t('post'), t('code'), t('name')], key: ['post', 'code'] },
  { name: 'msg_collective', columns: [t('plad'), t('route'), t('note')], key: ['plad'] },
  { name: 'msg_collective_member', columns: [t('collective'), t('post'), b('inferred')], key: ['collective', 'post'] },
  { name: 'msg_user', columns: [t('name'), t('full_name'), t('post'), t('office'), l('roles'), i('clearance'), l('caveats'), b('active')], key: ['name'] },
  {
    name: 'msg_draft',
    columns: [i('id'), t('origin_post'), t('drafter'), j('fields'), j('clearers'), t('state'), t('corrects'), t('cable_id'), i('created_at'), i('updated_at')],
    key: ['id'],
    identity: 'id',
  },
  { name: 'msg_clearance', columns: [i('draft_id'), t('clearer'), i('at')], key: ['draft_id', 'clearer'] },
  { name: 'msg_approval', columns: [i('draft_id'), t('approver'), i('at')], key: ['draft_id'] },
  { name: 'msg_mrn_counter', columns: [t('origin'), i('year'), i('last_serial')], key: ['origin', 'year'] },
  { name: 'msg_mcn_counter', columns: [t('origin_post'), t('post'), i('last_mcn')], key: ['origin_post', 'post'] },
  {
    name: 'msg_cable',
    columns: [
      t('id'), i('draft_id'), t('origin'), i('year'), i('serial'), t('origin_post'), t('precedence'), i('level'), l('caveats'), t('subject'), l('tags'),
      l('captions'), t('dtg'), t('text'), t('json'), t('corrects'), t('released_by'), i('released_at'),
    ],
    key: ['id'],
  },
  { name: 'msg_principal', columns: [t('cable_id'), t('user_name')], key: ['cable_id', 'user_name'] },
  {
    name: 'msg_delivery',
    columns: [i('id'), t('cable_id'), t('post'), t('role'), t('precedence'), i('rank'), i('queued_at'), t('lease_owner'), i('lease_until'), i('attempts'), i('delivered_at')],
    key: ['id'],
    identity: 'id',
  },
  {
    name: 'msg_inbox',
    columns: [i('delivery_id'), t('post'), t('cable_id'), t('role'), t('precedence'), i('rank'), i('delivered_at'), t('acknowledged_by'), i('acknowledged_at')],
    key: ['delivery_id'],
  },
  { name: 'msg_subscription', columns: [i('id'), t('user'), t('kind'), t('value')], key: ['id'], identity: 'id' },
  {
    name: 'msg_audit',
    columns: [i('id'), i('at'), t('actor'), t('action'), t('outcome'), t('cable_id'), i('draft_id'), t('post'), t('detail'), t('prev_hash'), t('hash')],
    key: ['id'],
    identity: 'id',
  },
  { name: 'msg_password', columns: [t('user'), t('hash'), i('set_at'), b('must_change')], key: ['user'] },
  {
    name: 'msg_api_token',
    columns: [i('id'), t('token_sha256'), t('user'), t('label'), i('created_at'), i('expires_at'), i('revoked_at')],
    key: ['id'],
    identity: 'id',
  },
  { name: 'msg_login_failure', columns: [t('key'), i('at')], key: [] },
  { name: 'msg_read_count', columns: [t('user'), t('kind'), i('window_start'), i('count')], key: ['user', 'kind', 'window_start'] },
]

/**
 * Messaging tables a copy leaves out, with the reason: browser sessions are short-lived logins bound to the
 * database that issued them; after a move everyone logs in again (API tokens, long-lived and revocable, are
 * copied as the hashes they are stored as).
 */
export const LEFT_OUT_TABLES: Readonly<Record<string, string>> = {
  msg_session: 'browser sessions are not copied: everyone logs in again on the target',
}

/** The spec of a copied table by name; throws for any other name (a table name never comes from input). */
export function tableSpec(name: string): TableSpec {
  const spec = MESSAGING_TABLES.find((s) => s.name === name)
  if (!spec) throw new Error(`${name} is not a copied messaging table`)
  return spec
}

/** Indexes of a table's key columns in its rows. */
export function keyIndexes(spec: TableSpec): number[] {
  return spec.key.map((k) => spec.columns.findIndex((c) => c.name === k))
}

/** JSON with object keys sorted at every level: equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** SHA-256 (hex) of one neutral row. */
export function rowHash(row: NeutralRow): string {
  return createHash('sha256').update(canonicalJson(row), 'utf8').digest('hex')
}

const MOD = 1n << 256n

/**
 * An order-independent digest of a table: the count of its rows and the sum, modulo 2^256, of their
 * SHA-256 hashes (a sum, not an exclusive or, so two equal rows do not cancel out). Add rows in any order.
 *
 * @example
 *   const d = new TableDigest(); d.add(['ann', 'Ann']); d.hex()
 */
export class TableDigest {
  rows = 0
  private sum = 0n

  add(row: NeutralRow): void {
    this.rows++
    this.sum = (this.sum + BigInt('0x' + rowHash(row))) % MOD
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0')
  }
}

/** Whether two neutral rows hold the same values. */
export function sameRow(a: NeutralRow, b: NeutralRow): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

/**
 * Engine access to the messaging tables as neutral rows (`openMessagingTables` in open-store.ts chooses the
 * engine). Reads never filter: this is an administrator's whole-database copy.
 */
export interface MessagingTables {
  readonly engine: string
  /** Rows in the table. */
  count(table: string): Promise<number>
  /**
   * Up to `limit` rows in primary-key order (bytewise for text), those after the key `after` (the key values
   * of the last row of the page before; null for the first page). A table without a key returns all its rows.
   */
  page(table: string, after: readonly NeutralValue[] | null, limit: number): Promise<NeutralRow[]>
  /** The rows whose keys are among `keys` (each key's values in key order), in any order. */
  lookup(table: string, keys: readonly (readonly NeutralValue[])[]): Promise<NeutralRow[]>
  /**
   * Inserts, in ONE transaction, each row whose key the table does not hold yet (a row already there is left
   * as it is; nothing is updated or deleted, so the append-only triggers stay in force). After audit entries
   * the log's head names its last entry; on PostgreSQL the table's identity sequence is set past its ids.
   * Returns how many rows were inserted.
   */
  insertAbsent(table: string, rows: readonly NeutralRow[]): Promise<number>
  /** The head and length recorded beside the audit log; null when none is recorded. */
  auditHead(): Promise<{ entries: number; hash: string } | null>
  close(): Promise<void>
}
