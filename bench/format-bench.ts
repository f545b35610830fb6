import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { corpusDir } from './corpus/corpus-files.js'
import { parseCable } from '../src/format/parse.js'
import { renderLossless } from '../src/format/render-lossless.js'
import { renderCanonical } from '../src/format/render-canonical.js'

/**
 * `npm run bench`: parse throughput on the real corpus (../shared/corpus, or the synthetic fixtures when it
 * is absent), beside a bare line scan of the same text in the same run, and render and lint throughput.
 * Ends with one JSON line of the figures.
 */
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4)

function loadTexts(): { texts: string[]; source: string } {
  const dir = corpusDir()
  if (dir) {
    const cables = join(dir, 'cables')
    const texts = readdirSync(cables).map((f) => readFileSync(join(cables, f), 'utf8'))
    texts.push(readFileSync(join(dir, 'seed/09STATE99704.txt'), 'utf8'))
    return { texts, source: '../shared/corpus' }
  }
  const fixtures = new URL('../../test/fixtures/', import.meta.url)
  const names = readdirSync(fixtures).filter((f) => f.endsWith('.txt'))
  return { texts: names.map((f) => readFileSync(new URL(f, fixtures), 'utf8')), source: 'test/fixtures (../shared absent)' }
}

/**
 * Runs `fn` over every text until MIN_SECONDS have passed and reports the mean throughput of those rounds.
 * Before that, a warm-up of at least WARMUP_SECONDS (4 s by default, and two passes): V8 compiles functions and regular
 * expressions in tiers, and the first passes over 40 MB run 3-5x slower than the steady state an import
 * of hundreds of thousands of cables runs at. The first pass is reported too, as the cold figure.
 */
function measure(name: string, texts: string[], fn: (t: string) => unknown): { mbPerS: number; perS: number; coldMbPerS: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)
  let sink = 0
  const pass = () => {
    for (const t of texts) sink ^= fn(t) ? 1 : 0
  }
  const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9
  const warmStart = process.hrtime.bigint()
  pass()
  const coldMbPerS = bytes / 1e6 / seconds(warmStart)
  for (let passes = 1; passes < 2 || seconds(warmStart) < WARMUP_SECONDS; passes++) pass()
  let rounds = 0
  const start = process.hrtime.bigint()
  let elapsed = 0
  while (elapsed < MIN_SECONDS) {
    pass()
    rounds++
    elapsed = seconds(start)
  }
  const mbPerS = (bytes * rounds) / 1e6 / elapsed
  const perS = (texts.length * rounds) / elapsed
  console.log(
    `${name.padEnd(18)} ${mbPerS.toFixed(1).padStart(8)} MB/s  ${perS.toFixed(0).padStart(8)} cables/s  (${rounds} rounds, ${elapsed.toFixed(1)} s; cold first pass ${coldMbPerS.toFixed(1)} MB/s${sink < 0 ? '' : ''})`,
  )
  return { mbPerS, perS, coldMbPerS }
}

/** A bare line scan: finds every line and looks at its first character, nothing more. */
function lineScan(text: string): number {
  let lines = 0
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(start) === 32) lines++
    lines++
    start = i + 1
  }
  return lines
}

async function main() {
  const { texts, source } = loadTexts()
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6
  console.log(`corpus: ${texts.length} cables, ${mb.toFixed(1)} MB from ${source}; node ${process.version}; per scenario >= ${WARMUP_SECONDS} s warm-up, then >= ${MIN_SECONDS} s measured`)
  const scan = measure('line scan', texts, lineScan)
  const parse = measure('parse', texts, (t) => parseCable(t))
  const parsed = texts.map((t) => parseCable(t))
  let i = 0
  const lossless = measure('render lossless', texts, () => renderLossless(parsed[i++ % parsed.length]))
  i = 0
  const canonical = measure('render canonical', texts, () => renderCanonical(parsed[i++ % parsed.length]))
  const lint = await measureLint(texts, parsed)
  console.log(`lint cost / parse cost: ${(parse.mbPerS / lint.rules.mbPerS).toFixed(2)}  (1.00 = linting costs what parsing does)`)
  console.log(`parse / line scan: ${(parse.mbPerS / scan.mbPerS).toFixed(3)}  (the scan is ${(scan.mbPerS / parse.mbPerS).toFixed(1)}x faster)`)
  console.log(
    JSON.stringify({
      cables: texts.length,
      megabytes: Number(mb.toFixed(2)),
      parse_mb_per_s: round(parse.mbPerS),
      parse_cold_mb_per_s: round(parse.coldMbPerS),
      scan_mb_per_s: round(scan.mbPerS),
      parse_to_scan_ratio: Number((parse.mbPerS / scan.mbPerS).toFixed(4)),
      cables_per_s: Math.round(parse.perS),
      render_lossless_mb_per_s: round(lossless.mbPerS),
      render_canonical_mb_per_s: round(canonical.mbPerS),
      lint_mb_per_s: round(lint.rules.mbPerS),
      lint_cables_per_s: Math.round(lint.rules.perS),
      parse_and_lint_mb_per_s: round(lint.both.mbPerS),
      lint_to_parse_cost: Number((parse.mbPerS / lint.rules.mbPerS).toFixed(3)),
      lint_hostile_mb_per_s: round(lint.hostile.mbPerS),
    }),
  )
}

/** Lint alone (the rules over already parsed cables) and parse + lint as `cable lint` runs them. */
async function measureLint(texts: string[], parsed: ReturnType<typeof parseCable>[]) {
  const { lintCable, lintText } = await import('../src/lint/index.js')
  let i = 0
  const rules = measure('lint (rules only)', texts, () => lintCable(parsed[i++ % parsed.length], { mode: 'archive' }))
  const both = measure('parse + lint', texts, (t) => lintText(t, { mode: 'archive' }))
  // one hostile text (3,000 REF items, a 2 MB line): a rule that turned quadratic shows here as a collapse
  const { hostileCable } = await import('../src/lint/examples/base-cable.js')
  const hostile = measure('lint hostile', [hostileCable()], (t) => lintText(t, { mode: 'compose' }))
  return { rules, both, hostile }
}

const round = (n: number) => Number(n.toFixed(1))
await main()
