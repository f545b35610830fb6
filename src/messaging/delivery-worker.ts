import { audit, inTransaction, type ServiceContext } from './context.js'
import type { DeliveryRow } from './types.js'

export interface WorkerOptions {
  /** Names this worker's leases (host:pid is a good choice); shown in the audit log. */
  owner: string
  /** Deliveries leased per claim. */
  batchSize?: number
  /** How long a claim stays with this worker; after it runs out (worker died) another worker retries the item. */
  leaseMs?: number
}

export interface PassResult {
  claimed: number
  delivered: number
  /** Items already in the inbox (a retry after a crash): acknowledged, not delivered again. */
  duplicates: number
  preempted: boolean
}

const DEFAULT_BATCH = 25
const DEFAULT_LEASE_MS = 30_000

/** Leases the next batch: highest precedence first, then oldest (one transaction). */
export function claimBatch(ctx: ServiceContext, owner: string, batchSize = DEFAULT_BATCH, leaseMs = DEFAULT_LEASE_MS): Promise<DeliveryRow[]> {
  return ctx.store.transaction((tx) => tx.delivery.claim(owner, ctx.now().getTime(), leaseMs, batchSize))
}

/**
 * Delivers one leased item: inserts it into its post's inbox (keyed by delivery id, so a retry inserts
 * nothing) and marks it done in the same transaction; the audit row is written only for a real delivery.
 */
export function deliverOne(ctx: ServiceContext, item: DeliveryRow, owner: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const fresh = await tx.store.delivery.deliver(item.id, tx.now().getTime())
    if (fresh) await audit(tx, { actor: `worker:${owner}`, action: 'deliver', cableId: item.cableId, post: item.post, detail: `${item.role} ${item.precedence} delivery ${item.id}` })
    return fresh
  })
}

/**
 * One worker pass: claim a batch and deliver it item by item. Before each item it checks whether
 * something more urgent arrived; if so it hands the rest of the batch back and claims again in the same
 * transaction, so the urgent item goes next. That is what bounds FLASH latency under a ROUTINE backlog.
 */
export async function workerPass(ctx: ServiceContext, options: WorkerOptions): Promise<PassResult> {
  const { owner } = options
  const size = options.batchSize ?? DEFAULT_BATCH
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  let batch = await claimBatch(ctx, owner, size, leaseMs)
  const result: PassResult = { claimed: batch.length, delivered: 0, duplicates: 0, preempted: false }
  for (let i = 0; i < batch.length; i++) {
    const item = batch[i]
    if (i > 0) {
      const urgent = await ctx.store.delivery.mostUrgentClaimable(ctx.now().getTime())
      if (urgent !== null && urgent < item.rank) {
        const rest = batch.slice(i).map((b) => b.id)
        batch = await ctx.store.transaction(async (tx) => {
          await tx.delivery.releaseLeases(owner, rest)
          return tx.delivery.claim(owner, ctx.now().getTime(), leaseMs, size)
        })
        result.claimed += batch.length - rest.length
        result.preempted = true
        i = -1
        continue
      }
    }
    if (await deliverOne(ctx, item, owner)) result.delivered++
    else result.duplicates++
  }
  return result
}

/**
 * Runs passes until the queue is empty (`untilEmpty`) or `signal` aborts, sleeping `idleMs` when idle.
 * A SIGKILL at any point loses nothing: leased items come back when their lease runs out.
 *
 * @example
 *   await runWorker(ctx, { owner: 'host:42', untilEmpty: true }) // { delivered: 18, duplicates: 0, passes: 2 }
 */
export async function runWorker(
  ctx: ServiceContext,
  options: WorkerOptions & { untilEmpty?: boolean; idleMs?: number; signal?: AbortSignal; onPass?: (r: PassResult) => void },
): Promise<{ delivered: number; duplicates: number; passes: number }> {
  const total = { delivered: 0, duplicates: 0, passes: 0 }
  while (!options.signal?.aborted) {
    const r = await workerPass(ctx, options)
    total.passes++
    total.delivered += r.delivered
    total.duplicates += r.duplicates
    options.onPass?.(r)
    if (r.claimed === 0) {
      if (options.untilEmpty && (await ctx.store.delivery.pendingCount()) === 0) break
      await ctx.store.delivery.waitForWork(options.idleMs ?? 50, options.signal)
    }
  }
  return total
}
