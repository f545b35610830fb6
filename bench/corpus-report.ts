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
for (const f of FIELDS) {
  console.log(`${f.padEnd(15)} ${result.agree[f]}/${result.cables} = ${((100 * result.agree[f]) / result.cables).toFixed(2)} %`)
}
console.log(`round trip failures: ${result.roundTripFailures.length}; internal errors: ${result.internalErrors.length}`)
console.log(`wrote ${target}`)
