import { verifyChain, type ChainedFields } from '../store/audit-chain.js'
import {
  canonicalJson,
  keyIndexes,
  LEFT_OUT_TABLES,
  MESSAGING_TABLES,
  sameRow,
  TableDigest,
  type MessagingTables,
  type NeutralRow,
  type NeutralValue,
  type TableSpec,
} from '../store/messaging-tables.js'
import { openMessagingTables } from '../store/open-store.js'
import { ServiceError } from './service-error.js'

/** One copied table in the report. */
export interface TableCopy {
  table: string
  /** Rows in the source. */
  rows: number
  /** Rows this run inserted (the others were in the target from an earlier, interrupted run). */
  written: number
}

export interface MessagingCopyReport {
  tables: TableCopy[]
  /** Tables not copied, with the reason. */
  leftOut: string[]
  /** True when every copied table holds the same rows on both sides and the target's audit chain verifies. */
  verified: boolean
  differences: string[]
  seconds: number
}

export interface MessagingCopyOptions {
  /** Rows per target transaction: a kill loses at most one batch, which the next run redoes. */
  batchSize?: number
  onProgress?: (p: { table: string; rows: number; written: number }) => void
}

const keyOf = (spec: TableSpec, row: NeutralRow): NeutralValue[] => keyIndexes(spec).map((n) => row[n])
const describeKey = (spec: TableSpec, key: readonly NeutralValue[]) => spec.key.map((k, n) => `${k} ${JSON.stringify(key[n])}`).join(', ')
const shown = (v: NeutralValue) => {
  const s = canonicalJson(v)
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}

/** Why the target's row under a key is not the source's: the first column that differs. */
function firstDifference(spec: TableSpec, source: NeutralRow, target: NeutralRow): string {
  const n = spec.columns.findIndex((_, i) => canonicalJson(source[i]) !== canonicalJson(target[i]))
  return `${spec.columns[n]?.name}: ${shown(target[n])} in the target, ${shown(source[n])} in the source`
}

function refuse(message: string): never {
  throw new ServiceError(
    'INVALID',
    `the target's messaging tables already hold other data (${message}); nothing was copied. Copy a messaging database only into a database without one, or into an earlier, interrupted copy of the same source`,
  )
}

/**
 * Refuses (ServiceError INVALID) a target whose messaging tables hold anything but rows of the source as
 * the source holds them: copying would mix two messaging databases (two audit logs, two MRN series). A
 * target that is empty, or holds part of the source from an interrupted copy, passes. Reads only.
 */
export async function checkMessagingTarget(source: MessagingTables, target: MessagingTables, batchSize = 1000): Promise<void> {
  for (const spec of MESSAGING_TABLES) {
    const held = await target.count(spec.name)
    if (held === 0) continue
    if (!spec.key.length) {
      const [a, b] = [await digest(source, spec), await digest(target, spec)]
      if (a.hex() !== b.hex()) refuse(`${spec.name}: ${held} rows that are not the source's`)
      continue
    }
    let matched = 0
    let after: NeutralValue[] | null = null
    while (matched < held) {
      const page = await source.page(spec.name, after, batchSize)
      if (!page.length) break
      const there = new Map((await target.lookup(spec.name, page.map((r) => keyOf(spec, r)))).map((r) => [canonicalJson(keyOf(spec, r)), r]))
      for (const row of page) {
        const other = there.get(canonicalJson(keyOf(spec, row)))
        if (!other) continue
        if (!sameRow(row, other)) refuse(`${spec.name} row ${describeKey(spec, keyOf(spec, row))}: ${firstDifference(spec, row, other)}`)
        matched++
      }
      after = keyOf(spec, page[page.length - 1])
    }
    if (matched < held) {
      // name one row the source does not hold
      let first = ''
      after = null
      while (!first) {
        const page = await target.page(spec.name, after, batchSize)
        if (!page.length) break
        const known = new Set((await source.lookup(spec.name, page.map((r) => keyOf(spec, r)))).map((r) => canonicalJson(keyOf(spec, r))))
        const stranger = page.find((r) => !known.has(canonicalJson(keyOf(spec, r))))
        if (stranger) first = describeKey(spec, keyOf(spec, stranger))
        after = keyOf(spec, page[page.length - 1])
      }
      refuse(`${spec.name}: ${held - matched} rows the source does not hold, the first ${first}`)
    }
  }
}

/** Digest of a whole table, read page by page in key order. */
async function digest(tables: MessagingTables, spec: TableSpec, each?: (row: NeutralRow) => void): Promise<TableDigest> {
  const d = new TableDigest()
  let after: NeutralValue[] | null = null
  for (;;) {
    const page = await tables.page(spec.name, after, 2000)
    for (const row of page) {
      d.add(row)
      each?.(row)
    }
    if (!spec.key.length || !page.length) break
    after = keyOf(spec, page[page.length - 1])
  }
  return d
}

/**
 * What differs between two messaging databases: per copied table the row count and an order-independent
 * hash of its neutral rows (src/store/messaging-tables.ts), the audit head recorded beside each log, and
 * whether `b`'s audit chain verifies end to end. Empty when they hold the same.
 */
export async function compareMessaging(a: MessagingTables, b: MessagingTables): Promise<string[]> {
  const out: string[] = []
  const audit = MESSAGING_TABLES.find((s) => s.name === 'msg_audit') as TableSpec
  for (const spec of MESSAGING_TABLES) {
    const entries: (ChainedFields & { hash: string })[] = []
    const collect =
      spec === audit
        ? (r: NeutralRow) => {
            const [id, at, actor, action, outcome, cableId, draftId, post, detail, prevHash, hash] = r as [number, number, string, string, string, string | null, number | null, string | null, string, string, string]
            entries.push({ id, at, actor, action, outcome, cableId, draftId, post, detail, prevHash, hash })
          }
        : undefined
    const [da, db] = [await digest(a, spec), await digest(b, spec, collect)]
    const rowsDiffer = da.hex() !== db.hex()
    if (da.rows !== db.rows) out.push(`${spec.name}: ${da.rows} rows in the source, ${db.rows} in the target`)
    else if (rowsDiffer) out.push(`${spec.name}: the ${da.rows} rows differ (hash ${da.hex().slice(0, 12)} in the source, ${db.hex().slice(0, 12)} in the target)`)
    if (rowsDiffer && spec.key.length) out.push(...(await differingRows(a, b, spec)))
    if (spec === audit) {
      // the target's schema is up to date, so it keeps a head: none recorded is a broken log
      const head = await b.auditHead()
      const chain = verifyChain(entries, head ? { entries: head.entries, head: head.hash } : 'missing')
      if (chain.broken) out.push(`msg_audit: the target's audit chain does not verify at entry ${chain.broken.id}: ${chain.broken.reason}`)
    }
  }
  const [ha, hb] = [await a.auditHead(), await b.auditHead()]
  if (canonicalJson(ha) !== canonicalJson(hb)) out.push(`msg_audit_head: ${canonicalJson(ha)} in the source, ${canonicalJson(hb)} in the target`)
  return out
}

/** The first rows (at most 5) of a keyed table that `b` lacks, holds otherwise, or holds beyond `a`, by key. */
async function differingRows(a: MessagingTables, b: MessagingTables, spec: TableSpec, most = 5): Promise<string[]> {
  const out: string[] = []
  const walk = async (from: MessagingTables, other: MessagingTables, each: (row: NeutralRow, there: NeutralRow | undefined) => string | null) => {
    let after: NeutralValue[] | null = null
    while (out.length < most) {
      const page = await from.page(spec.name, after, 1000)
      if (!page.length) break
      const there = new Map((await other.lookup(spec.name, page.map((r) => keyOf(spec, r)))).map((r) => [canonicalJson(keyOf(spec, r)), r]))
      for (const row of page) {
        const line = each(row, there.get(canonicalJson(keyOf(spec, row))))
        if (line && out.length < most) out.push(`  ${spec.name} row ${describeKey(spec, keyOf(spec, row))}: ${line}`)
      }
      after = keyOf(spec, page[page.length - 1])
    }
  }
  await walk(a, b, (row, there) => (!there ? 'missing in the target' : sameRow(row, there) ? null : firstDifference(spec, row, there)))
  await walk(b, a, (_, there) => (there ? null : 'only in the target'))
  return out
}

/**
 * Copies every messaging table of `source` into `target` (any engines), as engine-neutral rows, then verifies
 * both hold the same (`compareMessaging`). Browser sessions are left out (`LEFT_OUT_TABLES`).
 *
 * Resumable: each table is read in primary-key order, a batch per target transaction, and a row whose key the
 * target holds is not written again, so a run killed midway is completed by running it again. The target is
 * checked first (`checkMessagingTarget`): one holding other data is refused before anything is written. The
 * copy only inserts — the audit entries with their hash links as they are, the head following the last one —
 * so the append-only and immutability triggers stay in force; PostgreSQL identity sequences are set past the
 * copied ids, so the next draft, delivery or token gets a new one. A source in use changes under the copy:
 * stop the server and workers first.
 *
 * @example
 *   const report = await copyMessaging(await openMessagingTables('ops.db'), await openMessagingTables('postgres://…/ops'))
 */
export async function copyMessaging(source: MessagingTables, target: MessagingTables, options: MessagingCopyOptions = {}): Promise<MessagingCopyReport> {
  const started = Date.now()
  const batchSize = options.batchSize ?? 500
  await checkMessagingTarget(source, target)
  const tables: TableCopy[] = []
  for (const spec of MESSAGING_TABLES) {
    const copy: TableCopy = { table: spec.name, rows: 0, written: 0 }
    tables.push(copy)
    if (!spec.key.length) {
      // no key to resume by: the table is written whole, in one transaction, into a target without it
      const rows = await source.page(spec.name, null, 0)
      copy.rows = rows.length
      if ((await target.count(spec.name)) === 0 && rows.length) copy.written = await target.insertAbsent(spec.name, rows)
      options.onProgress?.({ ...copy })
      continue
    }
    let after: NeutralValue[] | null = null
    for (;;) {
      const page = await source.page(spec.name, after, batchSize)
      if (!page.length) break
      copy.written += await target.insertAbsent(spec.name, page)
      copy.rows += page.length
      after = keyOf(spec, page[page.length - 1])
      options.onProgress?.({ ...copy })
    }
  }
  const differences = await compareMessaging(source, target)
  return {
    tables,
    leftOut: Object.entries(LEFT_OUT_TABLES).map(([table, why]) => `${table}: ${why}`),
    verified: differences.length === 0,
    differences,
    seconds: (Date.now() - started) / 1000,
  }
}

/** A messaging copy whose target has passed `checkMessagingTarget`, ready to run. */
export interface CheckedMessagingCopy {
  /** Copies and verifies the messaging tables (`copyMessaging`). Run it after the archive copy. */
  copy(options?: MessagingCopyOptions): Promise<MessagingCopyReport>
  close(): Promise<void>
}

/**
 * Opens the messaging tables at `from` and `to` and checks the target, before anything is copied: a target
 * holding other messaging data is refused (ServiceError INVALID). The whole-database copy then runs the
 * archive copy first and this one after it, since the archive writer keeps the cable under an id released in
 * the target as it stands (a released cable's rows must not precede its archive rows).
 *
 * @example
 *   const messaging = await checkedMessagingCopy('ops.db', 'postgres://…/ops')
 *   try { await copyArchive(source, target); report = await messaging.copy() } finally { await messaging.close() }
 */
export async function checkedMessagingCopy(from: string, to: string): Promise<CheckedMessagingCopy> {
  const source = await openMessagingTables(from)
  let target: MessagingTables | null = null
  try {
    target = await openMessagingTables(to)
    await checkMessagingTarget(source, target)
  } catch (error) {
    await target?.close()
    await source.close()
    throw error
  }
  const checked = target
  return {
    copy: (options) => copyMessaging(source, checked, options),
    close: async () => {
      await checked.close()
      await source.close()
    },
  }
}
