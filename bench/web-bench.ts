/**
 * bench:web — the browser app's two budgets (issue 12):
 *  - initial JS: the gzipped bytes of the scripts index.html loads before anything is drawn (entry module and
 *    its modulepreload imports; chunks loaded on demand, Chart.js and Cytoscape, are reported apart);
 *  - Enter to results painted: in Chromium against `cable serve --public` on the 250,000-cable synthetic
 *    archive (BENCH_COUNT overrides), for the 20 benchmark queries, from the Enter keydown in the search box
 *    to the first frame after the result list shows that query (two animation frames later). p50 and p95.
 * Targets: ≤ 250 KB gzipped initial JS; p95 ≤ 200 ms. The archive is built once and kept in BENCH_WEB_DB
 * (default: the system temp folder) for later runs. Ends with one JSON line of the figures.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { importArchive } from '../src/archive/import/import-archive.js'
import { writeSynth } from '../src/archive/synth/write-synth.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { QUERIES as BENCHMARK_QUERIES } from './archive-queries.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const WEB = join(ROOT, 'dist', 'web')
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5)
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const kb = (n: number) => Math.round(n / 102.4) / 10

/** Gzipped size of the scripts and styles index.html loads up front, and of every other chunk. */
function bundleSizes(): { initialJs: number; css: number; lazyJs: number; files: string[] } {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8')
  const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1])
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"/g)].map((m) => m[1])
  const gz = (f: string) => gzipSync(readFileSync(join(WEB, f)), { level: 9 }).length
  const all = readdirSync(join(WEB, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)
  return {
    initialJs: initial.reduce((n, f) => n + gz(f), 0),
    css: css.reduce((n, f) => n + gz(f), 0),
    lazyJs: all.filter((f) => !initial.includes(f)).reduce((n, f) => n + gz(f), 0),
    files: initial,
  }
}

async function archive(count: number): Promise<string> {
  const db = process.env['BENCH_WEB_DB'] ?? join(tmpdir(), `cablegram-web-bench-${count}.db`)
  if (existsSync(db)) return db
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-web-bench-'))
  try {
    const csv = join(dir, 'cables.csv')
    await writeSynth(csv, count, 42, 'csv')
    const store = openSqliteStore(db)
    const t = performance.now()
    const report = await importArchive(store, [csv], { onProgress: (p) => process.stderr.write(`\rimport: ${p.cables} cables   `) })
    process.stderr.write('\n')
    await store.close()
    console.log(`archive: ${report.cables} cables imported into ${db} in ${((performance.now() - t) / 1000).toFixed(0)} s`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return db
}

async function main() {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error('dist/web is not built: npm run build')
  const sizes = bundleSizes()
  console.log(`initial JS ${kb(sizes.initialJs)} KB gzipped (${sizes.files.join(', ')}); CSS ${kb(sizes.css)} KB; on-demand chunks ${kb(sizes.lazyJs)} KB`)

  const count = Number(process.env['BENCH_COUNT'] ?? 250_000)
  const db = await archive(count)
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'cable.js'), 'serve', '--db', db, '--public', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /(http:\/\/[\d.]+:\d+)\//.exec(out)
      if (m) resolve(m[1])
    })
    server.on('exit', (code) => reject(new Error(`cable serve exited with ${code}`)))
  })
  const browser = await chromium.launch({ executablePath: process.env['CABLEGRAM_CHROMIUM'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  const load0 = loadavg()[0]
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
    page.on('crash', () => console.error('page crashed'))
    page.on('pageerror', (e) => console.error('page error', e.message))
    await page.goto(`${url}/#/search`)
    await page.waitForSelector('ol.results[data-query="*"]', { timeout: 120_000 })
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      for (const q of BENCHMARK_QUERIES) {
        await page.fill('#search-input', q)
        await page.evaluate((query) => {
          const w = window as unknown as { benchDone: Promise<number> }
          w.benchDone = new Promise((resolve) => {
            let t0 = 0
            window.addEventListener('keydown', (e) => e.key === 'Enter' && (t0 = performance.now()), { capture: true, once: true })
            const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)))
            const check = () => (document.querySelector('ol.results')?.getAttribute('data-query') === query && t0 > 0 ? painted() : requestAnimationFrame(check))
            check()
          })
        }, q)
        await page.keyboard.press('Enter')
        times.push(await page.evaluate(() => (window as unknown as { benchDone: Promise<number> }).benchDone))
        if (process.env['BENCH_VERBOSE']) console.error(q, times[times.length - 1])
      }
    }
    const sorted = [...times].sort((a, b) => a - b)
    const figures = {
      bench: 'web',
      cables: count,
      initial_js_gzip_kb: kb(sizes.initialJs),
      css_gzip_kb: kb(sizes.css),
      lazy_js_gzip_kb: kb(sizes.lazyJs),
      enter_to_paint_p50_ms: Math.round(percentile(sorted, 50)),
      enter_to_paint_p95_ms: Math.round(percentile(sorted, 95)),
      enter_to_paint_max_ms: Math.round(sorted[sorted.length - 1]),
      samples: times.length,
      load: Math.round(((load0 + loadavg()[0]) / 2) * 10) / 10,
      cores: cpus().length,
    }
    console.log(`Enter → results painted: p50 ${figures.enter_to_paint_p50_ms} ms, p95 ${figures.enter_to_paint_p95_ms} ms, max ${figures.enter_to_paint_max_ms} ms (${BENCHMARK_QUERIES.length} queries × ${RUNS} runs, facets and histogram on; load ${figures.load} on ${figures.cores} cores)`)
    console.log(`targets: initial JS ≤ 250 KB ${figures.initial_js_gzip_kb <= 250 ? 'met' : 'NOT met'}; p95 ≤ 200 ms ${figures.enter_to_paint_p95_ms <= 200 ? 'met' : 'NOT met'}`)
    console.log(JSON.stringify(figures))
  } finally {
    await browser.close()
    server.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
