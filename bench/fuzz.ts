import fc from 'fast-check'
import { parseArgs } from 'node:util'
import { fuzzTargets, seedTexts, type FuzzTarget } from './fuzz/fuzz-targets.js'

/**
 * `npm run fuzz [-- options]`: property-based fuzzing (fast-check) of the parser, the linter, the query
 * language, draft input and import, on real cables (../shared/corpus) and mutations of them.
 *
 *   --runs N         inputs per target (default 10,000)
 *   --seconds S      or: a time budget per target (inputs run until it is spent)
 *   --targets a,b    which targets (parser, lint, query, draft, import; default all)
 *   --seed N         fast-check seed, to replay a run (default: random, printed)
 *
 * Prints, per target, inputs run, inputs per second and failures (with the shrunk counterexample and the
 * seed and path to replay it), then one JSON line of the figures. Exit 1 when any target failed.
 */
export interface FuzzResult {
  target: string
  inputs: number
  seconds: number
  perSecond: number
  failures: number
  counterexample?: string
  error?: string
  replay?: string
}

/** Runs one target within the budget. */
export async function runTarget(target: FuzzTarget, budget: { runs?: number; seconds?: number }, seed: number): Promise<FuzzResult> {
  const started = performance.now()
  const params: fc.Parameters<[unknown]> = {
    seed,
    numRuns: budget.seconds !== undefined ? Number.MAX_SAFE_INTEGER : (budget.runs ?? 10_000),
    interruptAfterTimeLimit: budget.seconds !== undefined ? budget.seconds * 1000 : undefined,
    markInterruptAsFailure: false,
    endOnFailure: true,
  }
  try {
    const property = target.property()
    const details = await fc.check(property as fc.IAsyncProperty<[unknown]>, params)
    const seconds = (performance.now() - started) / 1000
    const inputs = details.numRuns
    const result: FuzzResult = { target: target.name, inputs, seconds, perSecond: Math.round(inputs / Math.max(seconds, 1e-9)), failures: details.failed ? 1 : 0 }
    if (details.failed) {
      result.counterexample = JSON.stringify(details.counterexample)?.slice(0, 2000)
      result.error = String((details.errorInstance as Error | undefined)?.message ?? details.error).split('\n')[0]
      result.replay = `--targets ${target.name} --seed ${details.seed} (path ${details.counterexamplePath})`
    }
    return result
  } finally {
    target.close?.()
  }
}

async function cli(): Promise<void> {
  // the YAML parser warns on odd anchors in mutated drafts through process warnings: noise here, not findings
  process.removeAllListeners('warning')
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, seconds: { type: 'string' }, targets: { type: 'string' }, seed: { type: 'string' } },
  })
  const number = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined
    const n = Number(v.replace(/_/g, ''))
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number, got ${v}`)
    return n
  }
  const budget = { runs: number('runs', values.runs), seconds: number('seconds', values.seconds) }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31)
  const { texts, source } = seedTexts()
  const all = fuzzTargets(texts)
  const wanted = values.targets ? values.targets.split(',').map((s) => s.trim()) : all.map((t) => t.name)
  const unknown = wanted.filter((w) => !all.some((t) => t.name === w))
  if (unknown.length) throw new Error(`unknown target ${unknown.join(', ')}: targets are ${all.map((t) => t.name).join(', ')}`)
  console.log(`fuzz: seed ${seed}; inputs from ${source}; budget ${budget.seconds !== undefined ? `${budget.seconds} s` : `${budget.runs ?? 10_000} inputs`} per target`)
  const results: FuzzResult[] = []
  for (const target of all.filter((t) => wanted.includes(t.name))) {
    const r = await runTarget(target, budget, seed)
    results.push(r)
    console.log(`  ${r.target.padEnd(7)} ${r.inputs.toLocaleString('en-US').padStart(12)} inputs  ${r.perSecond.toLocaleString('en-US').padStart(9)}/s  ${r.seconds.toFixed(1).padStart(7)} s  failures ${r.failures}   (${target.checks})`)
    if (r.failures) console.log(`    FAILED: ${r.error}\n    input: ${r.counterexample}\n    replay: npm run fuzz -- ${r.replay}`)
  }
  console.log(JSON.stringify({ seed, source, results }))
  if (results.some((r) => r.failures)) process.exitCode = 1
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-2).join('/'))) {
  cli().catch((error: unknown) => {
    console.error(`fuzz: ${(error as Error).message}`)
    process.exitCode = 2
  })
}
