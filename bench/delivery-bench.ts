/**
 * `npm run bench:delivery -- --engine sqlite|postgres`: FLASH delivery latency under a ROUTINE backlog of at
 * least 10,000, and release throughput to a 50-post collective. Two real worker processes
 * (`cable deliver --watch`) drain the queue while this process releases; latency is release commit → inbox
 * row (and, separately, from the start of the release transaction, which adds the release's own compose,
 * render and lint). PostgreSQL runs on a database created for the run on the server at `CABLEGRAM_BENCH_PG`
 * (default `postgres://postgres@127.0.0.1:5432/postgres`) and dropped after. Ends with one JSON line of figures.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
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
const WORKERS = 2

/** `--engine sqlite|postgres` (default sqlite). */
function engineFlag(argv: string[]): 'sqlite' | 'postgres' {
  const i = argv.indexOf('--engine')
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length) ?? 'sqlite'
  if (value !== 'sqlite' && value !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${JSON.stringify(value)}`)
  return value
}

/** A database location for the run and how to remove it afterwards. */
async function benchDatabase(engine: 'sqlite' | 'postgres'): Promise<{ location: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-bench-'))
    return { location: join(dir, 'bench.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const server = process.env.CABLEGRAM_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `cablegram_bench_delivery_${process.pid}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return { location: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
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
async function approved(ctx: ServiceContext, n: number, precedence: string, to: string): Promise<number> {
  const { draft } = await createDraft(ctx, 'drf', draftFromObject(fields(n, precedence, to)))
  await clearDraft(ctx, 'clr', draft.id)
  await approveDraft(ctx, 'apr', draft.id)
  return draft.id
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const engine = engineFlag(process.argv.slice(2))
  const { location: path, drop } = await benchDatabase(engine)
  console.log(`engine: ${engine}, ${WORKERS} worker processes`)
  const ctx = await openMessaging(path)
  await installDirectory(ctx, undefined)
  // an admin grants no more than he holds
  await putUser(ctx, undefined, { name: 'root', post: 'SECSTATE WASHDC', roles: ['admin'], clearance: 'SECRET' })
  for (const [name, role] of [['drf', 'drafter'], ['clr', 'clearer'], ['apr', 'approver']]) {
    await putUser(ctx, 'root', { name, post: 'SECSTATE WASHDC', roles: [role], clearance: 'SECRET' })
  }
  const posts = (await ctx.store.directory.posts()).filter((p) => p.route && p.plad !== 'SECSTATE WASHDC').slice(0, 50).map((p) => p.plad)
  await putCollective(ctx, 'root', 'BENCH FIFTY POST COLLECTIVE', null, posts)

  // 1. release throughput to a 50-post collective (no worker running)
  const ids: number[] = []
  for (let i = 0; i < THROUGHPUT_RELEASES; i++) ids.push(await approved(ctx, i, 'ROUTINE', 'BENCH FIFTY POST COLLECTIVE'))
  const t0 = performance.now()
  for (const id of ids) await releaseDraft(ctx, 'apr', id)
  const releaseSeconds = (performance.now() - t0) / 1000
  const releasesPerSecond = THROUGHPUT_RELEASES / releaseSeconds
  console.log(`release: ${THROUGHPUT_RELEASES} cables to 50 posts in ${releaseSeconds.toFixed(2)} s = ${releasesPerSecond.toFixed(1)} releases/s, ${(releasesPerSecond * 50).toFixed(0)} deliveries queued/s`)

  // 2. a ROUTINE backlog large enough to stay above 10,000 while the FLASH samples run
  const fill = Math.ceil((BACKLOG * 1.6) / 50) - THROUGHPUT_RELEASES
  for (let i = 0; i < fill; i++) await releaseDraft(ctx, 'apr', await approved(ctx, 1000 + i, 'ROUTINE', 'BENCH FIFTY POST COLLECTIVE'))
  const flashIds: number[] = []
  for (let i = 0; i < FLASH_SAMPLES; i++) flashIds.push(await approved(ctx, 5000 + i, 'FLASH', posts[i % posts.length]))
  console.log(`backlog: ${await ctx.store.delivery.pendingCount()} ROUTINE deliveries queued`)

  // PostgreSQL workers wake on NOTIFY; the idle sleep only bounds a missed notification
  const idleMs = engine === 'postgres' ? '1000' : '5'
  const workers: ChildProcess[] = Array.from({ length: WORKERS }, (_, i) =>
    spawn(process.execPath, [join(ROOT, 'bin/cable.js'), 'deliver', '--watch', '--db', path, '--batch', '25', '--idle-ms', idleMs, '--worker', `bench-${i + 1}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
  const latencies: number[] = []
  // from the start of the release transaction (DTG stamp): adds the release's own compose, render and lint
  const fromStart: number[] = []
  let minBacklog = Number.POSITIVE_INFINITY
  try {
    // warm-up: sample only once the worker is up and draining the backlog
    const startDeadline = Date.now() + 30_000
    while ((await ctx.store.delivery.inboxCount()) === 0 && Date.now() < startDeadline) await sleep(5)
    // a FLASH to one post is one delivery: its delivery time once the worker has made it
    const delivered = async (cableId: string) => {
      const [d] = await ctx.store.delivery.deliveriesOf(cableId)
      return d?.deliveredAt != null ? { at: d.deliveredAt, queued: d.queuedAt } : undefined
    }
    for (const id of flashIds) {
      const pendingRoutine = await ctx.store.delivery.pendingCount()
      minBacklog = Math.min(minBacklog, pendingRoutine)
      const { cableId } = await releaseDraft(ctx, 'apr', id)
      const committed = Date.now()
      const deadline = committed + 10_000
      let row: { at: number; queued: number } | undefined
      while (!(row = await delivered(cableId)) && Date.now() < deadline) await sleep(1)
      if (!row) throw new Error(`FLASH ${cableId} not delivered within 10 s`)
      // the worker may deliver before this process returns from the commit: that is 0 ms, not negative
      latencies.push(Math.max(0, row.at - committed))
      fromStart.push(row.at - row.queued)
      await sleep(10)
    }
  } finally {
    await Promise.all(
      workers.map((w) => {
        const closed = new Promise((r) => w.on('close', r))
        w.kill('SIGTERM')
        return closed
      }),
    )
  }
  latencies.sort((a, b) => a - b)
  fromStart.sort((a, b) => a - b)
  const p50 = percentile(latencies, 50)
  const p99 = percentile(latencies, 99)
  console.log(`FLASH commit→inbox latencies (ms, sorted): ${latencies.join(' ')}`)
  console.log(`FLASH: ${latencies.length} samples under a ROUTINE backlog of at least ${minBacklog}: commit→inbox p50 ${p50} ms, p99 ${p99} ms, max ${latencies[latencies.length - 1]} ms (target p99 ≤ 100 ms)`)
  console.log(`FLASH release start→inbox (includes compose, render, lint inside the release): p50 ${percentile(fromStart, 50)} ms, p99 ${percentile(fromStart, 99)} ms`)
  const duplicates = (await ctx.store.audit.query({ action: 'deliver' })).length - (await ctx.store.delivery.inboxCount())
  await ctx.store.close()
  await drop()
  console.log(
    JSON.stringify({
      bench: 'delivery',
      engine,
      workers: WORKERS,
      deliveries_made_twice: duplicates,
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
