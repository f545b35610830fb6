/**
 * bench:http — `cable serve --public` on loopback against the synthetic 250,000-cable archive (BENCH_COUNT
 * overrides; BENCH_DB reuses a database built before), driven by autocannon: the 20 queries of bench:archive
 * with facets, one-cable fetches and a whole-archive export. The same queries run in process in the same run,
 * so the server's own cost is their difference. Then req/s with one process and with one per core
 * (`--workers`, node:cluster over the same database). Ends with one JSON line of the figures.
 * Targets (issue 9): the server adds ≤ 2 ms at p50; one process per core ≥ 1.6× the one-process req/s.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { importArchive } from '../src/archive/import/import-archive.js'
import { writeSearch } from '../src/archive/output/write-search.js'
import { searchArchive } from '../src/archive/search-archive.js'
import { showCable } from '../src/archive/show-cable.js'
import { lintText } from '../src/lint/index.js'
import { writeSynth } from '../src/archive/synth/write-synth.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { QUERIES } from './archive-queries.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin', 'cable.js')
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10)
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8)
const CABLES_FETCHED = 200

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const round = (n: number, digits = 1) => Number(n.toFixed(digits))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** Starts `cable serve --public` and resolves once it prints its URL. */
async function serve(db: string, workers: number): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort()
  const child = spawn(process.execPath, [BIN, 'serve', '--public', '--db', db, '--port', String(port), '--workers', String(workers)], { stdio: ['ignore', 'pipe', 'ignore'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = out.match(/at (http:\/\/[^/\s]+)\//)
      if (m) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`cable serve exited ${code}`)))
  })
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

interface Load {
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

async function load(url: string, paths: string[], connections: number, seconds: number): Promise<Load> {
  // a loaded machine answers a faceted search over 250,000 cables in seconds: a generous timeout counts them
  const r = await autocannon({ url, connections, duration: seconds, timeout: 60, requests: paths.map((path) => ({ method: 'GET', path })) })
  return { rps: round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors }
}

/** One request per path in turn, one at a time: latency as one client sees it, comparable to the in-process runs. */
async function sequential(url: string, paths: string[], runs: number): Promise<number[]> {
  const times: number[] = []
  for (let r = 0; r < runs; r++)
    for (const path of paths) {
      const t = performance.now()
      const res = await fetch(url + path)
      await res.arrayBuffer()
      times.push(performance.now() - t)
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
    }
  return times.sort((a, b) => a - b)
}

async function main() {
  const count = Number(process.env['BENCH_COUNT'] ?? 250_000)
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-http-bench-'))
  let db = process.env['BENCH_DB'] ?? ''
  const servers: { stop: () => Promise<void> }[] = []
  try {
    if (!db) {
      db = join(dir, 'bench.db')
      const csv = join(dir, 'cables.csv')
      await writeSynth(csv, count, 42, 'csv')
      const store = openSqliteStore(db)
      const t = performance.now()
      const report = await importArchive(store, [csv], {})
      store.db.pragma('wal_checkpoint(TRUNCATE)')
      await store.close()
      console.log(`archive: ${report.cables} synthetic cables imported in ${((performance.now() - t) / 1000).toFixed(0)} s`)
    }
    const load0 = loadavg()[0]
    const store = openSqliteStore(db, { readonly: true })
    const cables = await store.count(null)
    const ids: string[] = []
    for await (const h of store.search(null, { sort: 'date', limit: CABLES_FETCHED, offset: Math.floor(cables / 3) })) ids.push(h.id ?? h.key)
    const searchPaths = QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20&facets=1`)
    const cablePaths = ids.map((id) => `/api/cables/${encodeURIComponent(id)}`)

    // in process: the same queries through the same service functions, no HTTP
    const inSearch: number[] = []
    for (let r = 0; r < 4; r++)
      for (const q of QUERIES) {
        const t = performance.now()
        const result = await searchArchive(store, { query: q, limit: 20, facets: true })
        for await (const _ of result.hits) void _
        if (r > 0) inSearch.push(performance.now() - t)
      }
    inSearch.sort((a, b) => a - b)
    const inCable: number[] = []
    for (let r = 0; r < 3; r++)
      for (const id of ids) {
        const t = performance.now()
        // what the route does: the cable with references and citers, and its lint findings
        const view = await showCable(store, id)
        if (view) lintText(view.cable.text, { mode: 'archive' })
        if (r > 0) inCable.push(performance.now() - t)
      }
    inCable.sort((a, b) => a - b)
    let t = performance.now()
    let rowsIn = 0
    await writeSearch(await searchArchive(store, { query: '*', sort: 'date', snippets: false }), (s) => void (rowsIn += s.split('\n').length - 1), { format: 'jsonl', offset: 0 })
    const exportInRate = rowsIn / ((performance.now() - t) / 1000)
    await store.close()

    // one process
    const one = await serve(db, 1)
    servers.push(one)
    await sequential(one.url, searchPaths, 1) // warm-up
    const httpSearch = await sequential(one.url, searchPaths, 3)
    await sequential(one.url, cablePaths, 1)
    const httpCable = await sequential(one.url, cablePaths, 2)
    t = performance.now()
    const exported = await (await fetch(`${one.url}/api/export?q=*&format=jsonl`)).text()
    const rowsHttp = exported.length ? exported.split('\n').length - 1 : 0
    const exportHttpRate = rowsHttp / ((performance.now() - t) / 1000)
    // one-cable fetches first: requests a client gave up on (timed out) still run on the server and would
    // queue ahead of the next scenario's
    const cableOne = await load(one.url, cablePaths, CONNECTIONS, SECONDS)
    const searchOne = await load(one.url, searchPaths, CONNECTIONS, SECONDS)
    await one.stop()
    servers.pop()

    // one process per core, same database
    const workers = cpus().length
    const many = await serve(db, workers)
    servers.push(many)
    // warm every worker's page cache without time pressure: as many sequential passes as workers, with the
    // connections the kernel spreads over them
    await Promise.all(Array.from({ length: workers }, () => sequential(many.url, searchPaths, 1)))
    await Promise.all(Array.from({ length: workers }, () => sequential(many.url, cablePaths, 1)))
    const cableMany = await load(many.url, cablePaths, CONNECTIONS, SECONDS)
    const searchMany = await load(many.url, searchPaths, CONNECTIONS, SECONDS)
    await many.stop()
    servers.pop()

    const load1 = loadavg()[0]
    const p = (a: number[], q: number) => round(percentile(a, q), 2)
    const figures = {
      cables,
      search_in_process_p50_ms: p(inSearch, 50),
      search_http_p50_ms: p(httpSearch, 50),
      search_http_p99_ms: p(httpSearch, 99),
      search_overhead_p50_ms: round(percentile(httpSearch, 50) - percentile(inSearch, 50), 2),
      cable_in_process_p50_ms: p(inCable, 50),
      cable_http_p50_ms: p(httpCable, 50),
      cable_http_p99_ms: p(httpCable, 99),
      cable_overhead_p50_ms: round(percentile(httpCable, 50) - percentile(inCable, 50), 2),
      search_rps_1: searchOne.rps,
      search_rps_cluster: searchMany.rps,
      search_cluster_ratio: round(searchMany.rps / Math.max(1, searchOne.rps), 2),
      search_load_p50_ms: searchOne.p50,
      search_load_p99_ms: searchOne.p99,
      cable_rps_1: cableOne.rps,
      cable_rps_cluster: cableMany.rps,
      cable_cluster_ratio: round(cableMany.rps / Math.max(1, cableOne.rps), 2),
      cable_load_p50_ms: cableOne.p50,
      cable_load_p99_ms: cableOne.p99,
      export_rows: rowsHttp,
      export_rows_per_s_http: Math.round(exportHttpRate),
      export_rows_per_s_in_process: Math.round(exportInRate),
      errors: searchOne.errors + searchMany.errors + cableOne.errors + cableMany.errors + searchOne.non2xx + searchMany.non2xx + cableOne.non2xx + cableMany.non2xx,
      workers,
      connections: CONNECTIONS,
      seconds: SECONDS,
      load_average: round((load0 + load1) / 2),
      cores: cpus().length,
    }
    console.log(`search (20 queries, facets): in process p50 ${figures.search_in_process_p50_ms} ms, over HTTP p50 ${figures.search_http_p50_ms} ms (p99 ${figures.search_http_p99_ms}): server adds ${figures.search_overhead_p50_ms} ms`)
    console.log(`one cable: in process p50 ${figures.cable_in_process_p50_ms} ms, over HTTP p50 ${figures.cable_http_p50_ms} ms (p99 ${figures.cable_http_p99_ms}): server adds ${figures.cable_overhead_p50_ms} ms`)
    console.log(`search under load (${CONNECTIONS} connections): ${figures.search_rps_1} req/s one process, ${figures.search_rps_cluster} req/s with ${workers} (${figures.search_cluster_ratio}x); p50 ${searchOne.p50} ms, p99 ${searchOne.p99} ms`)
    console.log(`one cable under load: ${figures.cable_rps_1} req/s one process, ${figures.cable_rps_cluster} req/s with ${workers} (${figures.cable_cluster_ratio}x); p50 ${cableOne.p50} ms, p99 ${cableOne.p99} ms`)
    console.log(`export: ${rowsHttp} rows at ${figures.export_rows_per_s_http} rows/s over HTTP, ${figures.export_rows_per_s_in_process} rows/s in process`)
    console.log(`load average ${figures.load_average} on ${figures.cores} cores`)
    console.log(JSON.stringify(figures))
  } finally {
    for (const s of servers) await s.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
