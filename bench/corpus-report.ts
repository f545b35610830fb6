import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FIELDS, formatDisagreements, measureAgreement } from './corpus/agreement.js'
import { corpusDir, readManifest } from './corpus/corpus-files.js'

/**
 * Rewrites test/corpus/disagreements.tsv from a fresh parse of ../shared/corpus and prints the agreement
 * rates. Run after a parser change: `npm run corpus:report`; the corpus test fails while the file is stale.
 */
const dir = corpusDir()
if (!dir) {
  console.error('corpus:report: ../shared/corpus not found beside the repository')
  process.exit(2)
}
const manifest = readManifest(dir)
const result = measureAgreement(dir, manifest)
const root = resolve(fileURLToPath(import.meta.url), '../../..')
const target = resolve(root.endsWith('dist') ? resolve(root, '..') : root, 'test/corpus/disagreements.tsv')
writeFileSync(target, formatDisagreements(result.disagreements))
const pct = (a: number, b: number) => `${a}/${b} = ${b ? ((100 * a) / b).toFixed(2) : '-'} %`
const label: Record<string, string> = {
  id: 'id',
  origin: 'origin',
  date: 'date (read + inferred)',
  level: 'classification level',
  classification: 'classification (full)',
}
for (const f of FIELDS) console.log(`${label[f].padEnd(26)} ${pct(result.agree[f], result.cables)}`)
const d = result.dates
console.log(`${'  date read'.padEnd(26)} ${pct(d.readAgree, d.read)} agree to the day`)
console.log(`${'  date inferred'.padEnd(26)} ${pct(d.inferredAgree, d.inferred)} agree at their stated precision`)
console.log(`${'  inferred, to the day'.padEnd(26)} ${pct(d.inferredDay, d.inferred)} of all inferred; ${pct(d.inferredClaimDayAgree, d.inferredClaimDay)} of those that claim a day`)
console.log(`${'  no date'.padEnd(26)} ${d.none}`)
console.log(`round trip failures: ${result.roundTripFailures.length}; internal errors: ${result.internalErrors.length}`)
console.log(`wrote ${target}`)
