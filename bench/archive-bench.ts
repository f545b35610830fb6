/**
 * bench:archive — imports a synthetic Cablegate-sized corpus (250,000 cables; BENCH_COUNT overrides) from a
 * cables.csv-style file and reports import rate, database size against the raw text, and latency of 20
 * fixed queries with facets. Ends with one JSON line of the figures. Targets (issue 4): import ≥ 2,000
 * cables/s, p95 ≤ 50 ms with facets, database ≤ 1.5× the raw text.
 *
 * `--engine sqlite` (default) or `--engine postgres` (a fresh database `cablegram_bench_<pid>` on the server
 * at CABLEGRAM_BENCH_PG, else CABLEGRAM_TEST_PG, else postgres://postgres@127.0.0.1:5432/postgres, dropped at
 * the end); `--count N` overrides BENCH_COUNT.
 *
 * `--keep NAME` keeps the archive between runs, for experiments on one imported archive: the PostgreSQL
 * database `NAME` (created when missing) or the SQLite file `NAME`. A kept archive that already holds the
 * cables is not imported again (the synthetic text is still written, for its size); it is never dropped.
 * `--queries-only` with `--keep` refuses to import and only runs the queries.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { importArchive } from '../src/archive/import/import-archive.js'
import { searchArchive } from '../src/archive/search-archive.js'
import { writeSynth } from '../src/archive/synth/write-synth.js'
import { QUERIES } from './archive-queries.js'
import pg from 'pg'
import { openStore } from '../src/store/open-store.js'
import type { Store } from '../src/store/store.js'

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** A server-side PostgreSQL database for the run: its URL, its size, and a drop. */
async function benchDatabase(kept?: string): Promise<{ url: string; size(): Promise<number>; serverCpuSeconds(): Promise<number>; drop(): Promise<void> }> {
  const server = process.env['CABLEGRAM_BENCH_PG'] ?? process.env['CABLEGRAM_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error(`--keep: ${kept} is not a plain database name (a-z, 0-9, _)`)
  const name = kept ?? `cablegram_bench_${process.pid}`
  const admin = async <T>(sql: string): Promise<T> => {
    const c = new pg.Client({ connectionString: server })
    await c.connect()
    try {
      return (await c.query(sql)).rows[0] as T
    } finally {
      await c.end()
    }
  }
  const exists = (await admin<{ n: number }>(`SELECT count(*)::int AS n FROM pg_database WHERE datname = '${name}'`)).n > 0
  if (!exists) await admin(`CREATE DATABASE ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    size: async () => Number((await admin<{ n: string }>(`SELECT pg_database_size('${name}') AS n`)).n),
    // CPU the server's backends for this database have used so far (/proc, local server only): with the
    // client's own CPU it gives an import cost that does not depend on how busy the machine is
    serverCpuSeconds: async () => {
      const pids = (await admin<{ pids: number[] | null }>(`SELECT array_agg(pid) AS pids FROM pg_stat_activity WHERE datname = '${name}'`)).pids ?? []
      let ticks = 0
      for (const pid of pids) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
          ticks += Number(fields[11]) + Number(fields[12])
        } catch {
          // the backend ended, or the server is not on this machine
        }
      }
      return ticks / 100
    },
    drop: async () => {
      if (kept === undefined) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

const RUNS = 5

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function main() {
  const engine = flag('engine') ?? 'sqlite'
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`)
  const count = Number(flag('count') ?? process.env['BENCH_COUNT'] ?? 250_000)
  if (!Number.isInteger(count) || count <= 0) throw new Error(`--count must be a positive whole number`)
  const keep = flag('keep')
  const queriesOnly = process.argv.includes('--queries-only')
  if (queriesOnly && keep === undefined) throw new Error('--queries-only needs --keep NAME (an archive imported before)')
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-bench-'))
  const csv = join(dir, 'cables.csv')
  const dbPath = engine === 'sqlite' && keep !== undefined ? keep : join(dir, 'bench.db')
  const server = engine === 'postgres' ? await benchDatabase(keep) : null
  try {
    let t = performance.now()
    const textBytes = await writeSynth(csv, count, 42, 'csv')
    console.log(`synth: ${count} cables, ${(textBytes / 1e6).toFixed(0)} MB of text in ${((performance.now() - t) / 1000).toFixed(1)} s`)

    const store: Store = openStore(server ? server.url : dbPath)
    console.log(`engine: ${engine}`)
    t = performance.now()
    const cpu0 = process.cpuUsage()
    const load0 = loadavg()[0]
    const held = await store.count(null)
    if (queriesOnly && held !== count) throw new Error(`--queries-only: the kept archive holds ${held} cables, not ${count}`)
    const reuse = keep !== undefined && held === count
    if (reuse) console.log(`kept archive ${keep}: ${held} cables already imported, import skipped (its figures below are not measured)`)
    const report = reuse
      ? { cables: held, problems: [] }
      : await importArchive(store, [csv], {
          onProgress: (p) => process.stderr.write(`\rimport: ${p.cables} cables, ${((100 * p.bytesDone) / Math.max(1, p.bytesTotal)).toFixed(0)}%   `),
        })
    const importSeconds = (performance.now() - t) / 1000
    const cpu = process.cpuUsage(cpu0)
    // CPU seconds of all threads (and, on PostgreSQL, of the server's backends): what the import costs
    // regardless of how busy the machine was
    const serverCpu = server ? await server.serverCpuSeconds() : 0
    const cpuSeconds = (cpu.user + cpu.system) / 1e6 + serverCpu
    if (server) console.log(`server cpu: ${serverCpu.toFixed(1)} s in PostgreSQL backends`)
    const load = (load0 + loadavg()[0]) / 2
    process.stderr.write('\n')
    let dbBytes: number
    if (server) {
      dbBytes = await server.size()
    } else {
      ;(store as unknown as { db: { pragma(s: string): unknown } }).db.pragma('wal_checkpoint(TRUNCATE)')
      dbBytes = statSync(dbPath).size
    }
    const rate = report.cables / importSeconds
    if (!reuse) console.log(`import: ${report.cables} cables in ${importSeconds.toFixed(1)} s = ${rate.toFixed(0)} cables/s, ${(textBytes / 1e6 / importSeconds).toFixed(1)} MB/s; problems ${report.problems.length}`)
    if (!reuse) console.log(`cpu: ${cpuSeconds.toFixed(1)} s (${(report.cables / cpuSeconds).toFixed(0)} cables per CPU-second); load average ${load.toFixed(1)} on ${cpus().length} cores`)
    console.log(`size: database ${(dbBytes / 1e6).toFixed(0)} MB, raw text ${(textBytes / 1e6).toFixed(0)} MB, ratio ${(dbBytes / textBytes).toFixed(2)}`)

    // one untimed pass so every query meets a warm page cache, as on a server that has been up a while
    for (const q of QUERIES) for await (const _ of (await searchArchive(store, { query: q, limit: 20, facets: true })).hits) void _
    const all: number[] = []
    const allCpu: number[] = []
    for (const q of QUERIES) {
      const times: number[] = []
      const cpuTimes: number[] = []
      let total = 0
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now()
        const c0 = process.cpuUsage()
        const result = await searchArchive(store, { query: q, limit: 20, facets: true })
        for await (const _ of result.hits) void _
        const c = process.cpuUsage(c0)
        times.push(performance.now() - t0)
        // a query runs on this thread alone: its CPU time leaves out the time other jobs held the core (not their
        // contention for caches and memory, which still inflates it on a loaded machine)
        cpuTimes.push((c.user + c.system) / 1000)
        total = result.total
      }
      all.push(...times)
      allCpu.push(...cpuTimes)
      times.sort((a, b) => a - b)
      cpuTimes.sort((a, b) => a - b)
      console.log(
        `  ${q.padEnd(34)} ${String(total).padStart(7)} hits  median ${percentile(times, 50).toFixed(1)} ms  max ${times[times.length - 1].toFixed(1)} ms  cpu median ${percentile(cpuTimes, 50).toFixed(1)} ms`,
      )
    }
    all.sort((a, b) => a - b)
    allCpu.sort((a, b) => a - b)
    const figures = {
      engine,
      cables: report.cables,
      // a kept archive imported before: no import was measured
      import_cables_per_s: reuse ? null : Math.round(rate),
      import_mb_per_s: reuse ? null : Number((textBytes / 1e6 / importSeconds).toFixed(1)),
      import_cables_per_cpu_s: reuse ? null : Math.round(report.cables / cpuSeconds),
      load_average: Number(load.toFixed(1)),
      cores: cpus().length,
      raw_text_mb: Number((textBytes / 1e6).toFixed(1)),
      db_mb: Number((dbBytes / 1e6).toFixed(1)),
      db_to_text: Number((dbBytes / textBytes).toFixed(2)),
      query_p50_ms: Number(percentile(all, 50).toFixed(1)),
      query_p95_ms: Number(percentile(all, 95).toFixed(1)),
      query_cpu_p50_ms: Number(percentile(allCpu, 50).toFixed(1)),
      query_cpu_p95_ms: Number(percentile(allCpu, 95).toFixed(1)),
    }
    console.log(
      `queries: p50 ${figures.query_p50_ms} ms, p95 ${figures.query_p95_ms} ms; CPU p50 ${figures.query_cpu_p50_ms} ms, p95 ${figures.query_cpu_p95_ms} ms (${QUERIES.length} queries x ${RUNS} runs, facets on)`,
    )
    await store.close()
    console.log(JSON.stringify(figures))
  } finally {
    await server?.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
