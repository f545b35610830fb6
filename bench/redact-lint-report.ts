import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cableAccess } from '../src/archive/cable-access.js'
import { redactText } from '../src/archive/redact.js'
import { idFromFileName } from '../src/format/file-id.js'
import { parseCable } from '../src/format/parse.js'
import { lintText } from '../src/lint/index.js'
import { corpusDir, readManifest } from './corpus/corpus-files.js'

/**
 * How far releasable renderings of the dev corpus lint as their cables do (issue 14: "the result lints clean in
 * archive mode"). Each cable of ../shared/corpus/cables is filed as `cable import` files it (`cableAccess` of its
 * parse) and rendered as `cable redact` renders it (`redactText` with that filing, what `redactStoredCable`
 * does) for an UNCLASSIFIED and a CONFIDENTIAL reader. Of the renderings that withhold something, the archive-mode
 * lint errors the rendering has beyond its cable's own (per rule id, by count) are counted, with example ids.
 *
 * `npm run build && node dist/bench/redact-lint-report.js [--rule TXT-001] [--examples N] [--json out.json]`
 */
const args = process.argv.slice(2)
const opt = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const onlyRule = opt('--rule')
const exampleCount = Number(opt('--examples') ?? 3)
const jsonOut = opt('--json')
// `import`: filed as `cable import` files a .txt; `manifest`: with the publisher's classification as the metadata
// a CSV or HTML page gives it; `text`: no filing (`redactText` on the text alone)
const filing = opt('--filing') ?? 'import'

const dir = corpusDir()
if (!dir) {
  console.error('redact-lint-report: ../shared/corpus not found beside the repository')
  process.exit(2)
}
const cablesDir = join(dir, 'cables')
const manifest = new Map(readManifest(dir).map((m) => [m.id, m.classification]))
const files = readdirSync(cablesDir).filter((f) => f.endsWith('.txt')).sort()

// `rule` (default): errors counted per rule id; `message`: per rule id and message, as
// test/research/redact-lint-corpus.test.ts compares them (a message naming a line or a value the rendering
// changed counts as added even when the rule fires as often)
const byMessage = opt('--by') === 'message'

/** Archive-mode lint errors of a text, counted per rule id (and message, with `--by message`). */
function errorCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of lintText(text, { mode: 'archive' })) {
    if (m.severity !== 'error') continue
    const key = byMessage ? `${m.ruleId}\u0000${m.message}` : m.ruleId
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

const READERS = [
  { name: 'UNCLASSIFIED', access: { level: 0, caveats: [] as string[] } },
  { name: 'CONFIDENTIAL', access: { level: 2, caveats: [] as string[] } },
]
let renderings = 0
let withholding = 0
let adding = 0
let cleanOwn = 0
let cleanOwnAdding = 0
const byRule = new Map<string, { renderings: number; examples: string[] }>()
const details: { id: string; reader: string; added: Record<string, number> }[] = []
for (const f of files) {
  const text = readFileSync(join(cablesDir, f), 'utf8')
  const id = idFromFileName(f) ?? f
  const stated = filing === 'manifest' ? (manifest.get(id) ?? null) : null
  const access = cableAccess(parseCable(text, { hint: { id } }), stated)
  const filed = filing === 'text' ? undefined : { level: access.level, caveats: access.caveats }
  const own = errorCounts(text)
  for (const reader of READERS) {
    renderings++
    const r = redactText(text, reader.access, filed)
    if (r.withheld.length === 0) continue
    withholding++
    if (own.size === 0) cleanOwn++
    const added: Record<string, number> = {}
    for (const [rule, n] of errorCounts(r.text)) {
      const extra = n - (own.get(rule) ?? 0)
      if (extra > 0) added[rule.split('\u0000')[0]] = (added[rule.split('\u0000')[0]] ?? 0) + extra
    }
    const rules = Object.keys(added)
    if (rules.length === 0) continue
    adding++
    if (own.size === 0) cleanOwnAdding++
    details.push({ id, reader: reader.name, added })
    for (const rule of rules) {
      const entry = byRule.get(rule) ?? { renderings: 0, examples: [] }
      entry.renderings++
      if (entry.examples.length < exampleCount && !entry.examples.some((e) => e.startsWith(id + ' '))) entry.examples.push(`${id} ${reader.name[0]}`)
      byRule.set(rule, entry)
    }
  }
}
console.log(`cables ${files.length}, renderings ${renderings}, withholding something ${withholding}, adding an error ${adding}`)
console.log(`renderings of cables linting clean themselves: ${cleanOwnAdding} of ${cleanOwn} add an error`)
for (const [rule, e] of [...byRule].sort((a, b) => b[1].renderings - a[1].renderings)) {
  if (onlyRule && rule !== onlyRule) continue
  console.log(`${rule.padEnd(8)} ${String(e.renderings).padStart(5)}  ${e.examples.join(', ')}`)
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(details, null, 1))
