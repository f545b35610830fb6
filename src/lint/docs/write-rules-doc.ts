import { existsSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderRulesDoc } from './rules-doc.js'

/** `npm run docs:rules`: regenerates docs/rules.md at the repository root (found from this module upwards). */
let dir = dirname(fileURLToPath(import.meta.url))
while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
const target = join(dir, 'docs', 'rules.md')
writeFileSync(target, renderRulesDoc(), 'utf8')
process.stdout.write(`wrote ${target}\n`)
