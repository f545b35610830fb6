/**
 * `npm run bench:delivery`: FLASH delivery latency under a ROUTINE backlog of at least 10,000, and
 * release throughput to a 50-post collective. A real worker process (`cable deliver --watch`) drains the
 * queue while this process releases; latency is release commit → inbox row (and, separately, from the
 * start of the release transaction, which adds the release's own compose, render and lint).
 * Ends with one JSON line of figures.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  approveDraft,
  clearDraft,
  createDraft,
  draftFromObject,
  installDirectory,
  openMessaging,
  putCollective,
  putUser,
  releaseDraft,
  type ServiceContext,
} from '../src/messaging/index.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BACKLOG = 10_000
const FLASH_SAMPLES = Number(process.env.BENCH_FLASH_SAMPLES ?? 60)
const THROUGHPUT_RELEASES = Number(process.env.BENCH_RELEASES ?? 100)

const fields = (n: number, precedence: string, to: string) => ({
  precedence,
  to: [to],
  classification: 'UNCLASSIFIED',
  captions: ['SIPDIS'],
  tags: ['AMGT'],
  subject: { marking: 'U', text: `${precedence} BENCH NOTICE ${n}` },
  body: [
    { marking: 'U', text: `Bench notice ${n}.` },
    { marking: 'U', text: 'No action required.' },
  ],
  signature: ['POMPEO'],
  clearers: ['clr'],
})

/** Draft, clear and approve (not timed); returns the draft id ready for release. */
function approved(ctx: ServiceContext, n: number, precedence: string, to: string): number {
  const { draft } = createDraft(ctx, 'drf', draftFromObject(fields(n, precedence, to)))
  clearDraft(ctx, 'clr', draft.id)
  approveDraft(ctx, 'apr', draft.id)
  return draft.id
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-bench-'))
  const path = join(dir, 'bench.db')
  const ctx = openMessaging(path)
  installDirectory(ctx, undefined)
  putUser(ctx, undefined, { name: 'root', post: 'SECSTATE WASHDC', roles: ['admin'], clearance: 'UNCLASSIFIED' })
  for (const [name, role] of [['drf', 'drafter'], ['clr', 'clearer'], ['apr', 'approver']]) {
    putUser(ctx, 'root', { name, post: 'SECSTATE WASHDC', roles: [role], clearance: 'SECRET' })
  }
  const posts = ctx.store.directory.posts().filter((p) => p.route && p.plad !== 'SECSTATE WASHDC').slice(0, 50).map((p) => p.plad)
  putCollective(ctx, 'root', 'BENCH FIFTY POST COLLECTIVE', null, posts)

  // 1. release throughput to a 50-post collective (no worker running)
  const ids = Array.from({ length: THROUGHPUT_RELEASES }, (_, i) => approved(ctx, i, 'ROUTINE', 'BENCH FIFTY POST COLLECTIVE'))
  const t0 = performance.now()
  for (const id of ids) releaseDraft(ctx, 'apr', id)
  const releaseSeconds = (performance.now() - t0) / 1000
  const releasesPerSecond = THROUGHPUT_RELEASES / releaseSeconds
  console.log(`release: ${THROUGHPUT_RELEASES} cables to 50 posts in ${releaseSeconds.toFixed(2)} s = ${releasesPerSecond.toFixed(1)} releases/s, ${(releasesPerSecond * 50).toFixed(0)} deliveries queued/s`)

  // 2. a ROUTINE backlog large enough to stay above 10,000 while the FLASH samples run
  const fill = Math.ceil((BACKLOG * 1.6) / 50) - THROUGHPUT_RELEASES
  for (let i = 0; i < fill; i++) releaseDraft(ctx, 'apr', approved(ctx, 1000 + i, 'ROUTINE', 'BENCH FIFTY POST COLLECTIVE'))
  const flashIds = Array.from({ length: FLASH_SAMPLES }, (_, i) => approved(ctx, 5000 + i, 'FLASH', posts[i % posts.length]))
  console.log(`backlog: ${ctx.store.delivery.pendingCount()} ROUTINE deliveries queued`)

  const worker = spawn(process.execPath, [join(ROOT, 'bin/cable.js'), 'deliver', '--watch', '--db', path, '--batch', '25', '--idle-ms', '5', '--worker', 'bench'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const latencies: number[] = []
  // from the start of the release transaction (DTG stamp): adds the release's own compose, render and lint
  const fromStart: number[] = []
  let minBacklog = Number.POSITIVE_INFINITY
  try {
    // warm-up: sample only once the worker is up and draining the backlog
    const inboxCount = ctx.store.db.prepare('SELECT count(*) AS n FROM msg_inbox')
    const startDeadline = Date.now() + 30_000
    while ((inboxCount.get() as { n: number }).n === 0 && Date.now() < startDeadline) await sleep(5)
    const delivered = ctx.store.db.prepare('SELECT i.delivered_at AS at, d.queued_at AS queued FROM msg_inbox i JOIN msg_delivery d ON d.id = i.delivery_id WHERE d.cable_id = ?')
    for (const id of flashIds) {
      const pendingRoutine = ctx.store.delivery.pendingCount()
      minBacklog = Math.min(minBacklog, pendingRoutine)
      const { cableId } = releaseDraft(ctx, 'apr', id)
      const committed = Date.now()
      const deadline = committed + 10_000
      let row: { at: number; queued: number } | undefined
      while (!(row = delivered.get(cableId) as typeof row) && Date.now() < deadline) await sleep(1)
      if (!row) throw new Error(`FLASH ${cableId} not delivered within 10 s`)
      // the worker may deliver before this process returns from the commit: that is 0 ms, not negative
      latencies.push(Math.max(0, row.at - committed))
      fromStart.push(row.at - row.queued)
      await sleep(10)
    }
  } finally {
    worker.kill('SIGTERM')
    await new Promise((r) => worker.on('close', r))
  }
  latencies.sort((a, b) => a - b)
  fromStart.sort((a, b) => a - b)
  const p50 = percentile(latencies, 50)
  const p99 = percentile(latencies, 99)
  console.log(`FLASH commit→inbox latencies (ms, sorted): ${latencies.join(' ')}`)
  console.log(`FLASH: ${latencies.length} samples under a ROUTINE backlog of at least ${minBacklog}: commit→inbox p50 ${p50} ms, p99 ${p99} ms, max ${latencies[latencies.length - 1]} ms (target p99 ≤ 100 ms)`)
  console.log(`FLASH release start→inbox (includes compose, render, lint inside the release): p50 ${percentile(fromStart, 50)} ms, p99 ${percentile(fromStart, 99)} ms`)
  ctx.store.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(
    JSON.stringify({
      bench: 'delivery',
      flash_samples: latencies.length,
      flash_p50_ms: p50,
      flash_p99_ms: p99,
      flash_max_ms: latencies[latencies.length - 1],
      flash_from_release_start_p50_ms: percentile(fromStart, 50),
      flash_from_release_start_p99_ms: percentile(fromStart, 99),
      routine_backlog_min: minBacklog,
      release_collective_posts: 50,
      releases: THROUGHPUT_RELEASES,
      releases_per_s: Number(releasesPerSecond.toFixed(1)),
      deliveries_queued_per_s: Math.round(releasesPerSecond * 50),
      flash_p99_target_met: p99 <= 100,
    }),
  )
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
