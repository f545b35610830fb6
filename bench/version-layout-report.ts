import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { redactCable } from '../src/archive/redact.js'
import { parseCable } from '../src/format/parse.js'
import { contentSha256, versionContent } from '../src/store/version-identity.js'
import { corpusDir } from './corpus/corpus-files.js'

/**
 * Version identity on the dev corpus (QA 14 F9): for every cable of ../shared/corpus and each layout variant another
 * publisher's copy of it could have (CR LF line ends, trailing blanks dropped, blank-line runs doubled, gaps between
 * words doubled, indentation dropped, numbered paragraphs rewrapped at 50 columns, blank lines between paragraphs dropped), whether the
 * older identity rule (every run of white space one blank) and the current one (`contentSha256`) take the copy for
 * the same version as the cable, and whether the copy gives an UNCLASSIFIED and a CONFIDENTIAL reader the same
 * rendering (`redactText`, white space folded): a copy kept as one version that renders otherwise is a leak of the
 * rule, a copy split that renders alike is a split portion-level access pays for (it withholds what versions do not
 * render alike). Also the version groupings of the corpus's own texts under either rule. Run:
 * `npx vite-node bench/version-layout-report.ts [shard/shards]` (reads ../shared/corpus beside the repository;
 * `0/2` and `1/2` in parallel split the work, their counts add up).
 */
const dir = corpusDir()
if (!dir) {
  console.error('version-layout-report: ../shared/corpus not found beside the repository')
  process.exit(2)
}

/** The identity rule before QA 14 F9: every run of white space one blank. */
const oldSha = (text: string) => createHash('sha256').update(versionContent(text).replace(/\s+/g, ' ').trim(), 'utf8').digest('hex')

/** Each numbered paragraph (a block of lines opening with `1.` or `¶1.`) re-flowed to `width` columns. */
function rewrap(text: string, width: number): string {
  return text
    .split(/(\n[ \t]*\n)/)
    .map((block) => {
      if (!/^\s*¶?\d{1,2}\s*\./.test(block) || !block.includes('\n')) return block
      const lines: string[] = []
      let line = ''
      for (const word of block.trim().split(/\s+/)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line)
          line = word
        } else line = line ? `${line} ${word}` : word
      }
      if (line) lines.push(line)
      return lines.join('\n')
    })
    .join('')
}

const VARIANTS: Record<string, (t: string) => string> = {
  'crlf line ends': (t) => t.replace(/\r?\n/g, '\r\n'),
  'trailing blanks dropped': (t) => t.replace(/[ \t]+$/gm, ''),
  'blank-line runs doubled': (t) => t.replace(/\n[ \t]*\n/g, '\n\n\n'),
  'gaps between words doubled': (t) => t.replace(/(\S) (\S)/g, '$1  $2'),
  'indentation dropped': (t) => t.replace(/^[ \t]+(?=\S)/gm, ''),
  'paragraphs rewrapped at 50': (t) => rewrap(t, 50),
  'blank lines between paragraphs dropped': (t) => t.replace(/\n[ \t]*\n(?=[ \t]*¶?\d{1,2}\s*\.)/g, '\n'),
}

const readers = [{ level: 0, caveats: [] }, { level: 2, caveats: [] }]
const rendered = (t: string) => {
  const cable = parseCable(t, { plain: true })
  return readers.map((r) => redactCable(cable, t, r).text.replace(/\s+/g, ' ').trim()).join('\u0000')
}

const all = [...readdirSync(join(dir, 'cables')).map((f) => join(dir, 'cables', f)), ...readdirSync(join(dir, 'seed')).map((f) => join(dir, 'seed', f))].filter((f) => f.endsWith('.txt')).sort()
// `shard/shards` (arguments, default 0/1): every shards-th file from the shard-th on, so runs in parallel add up
const [shard, shards] = (process.argv[2] ?? '0/1').split('/').map(Number)
const files = all.filter((_, i) => i % shards === shard)
const stats: Record<string, { changed: number; oldSame: number; newSame: number; keptButRendersOtherwise: number; splitAndRendersOtherwise: number; splitButRendersAlike: number }> = {}
const groupsOld = new Map<string, number>()
const groupsNew = new Map<string, number>()
for (const [n, f] of files.entries()) {
  if (n % 500 === 0) console.error(`${n} of ${files.length}`)
  const text = readFileSync(f, 'utf8')
  const id = f.replace(/^.*\//, '').replace(/\.txt$/, '')
  // the corpus's own texts: one per file name (id); a grouping is (id, identity)
  groupsOld.set(`${id} ${oldSha(text)}`, 1)
  groupsNew.set(`${id} ${contentSha256(text)}`, 1)
  const base = { old: oldSha(text), now: contentSha256(text) }
  let render: string | null = null
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const s = (stats[name] ??= { changed: 0, oldSame: 0, newSame: 0, keptButRendersOtherwise: 0, splitAndRendersOtherwise: 0, splitButRendersAlike: 0 })
    const copy = variant(text)
    if (copy === text) continue
    s.changed++
    const oldSame = oldSha(copy) === base.old
    const newSame = contentSha256(copy) === base.now
    if (oldSame) s.oldSame++
    if (newSame) s.newSame++
    render ??= rendered(text)
    const alike = rendered(copy) === render
    if (newSame && !alike) s.keptButRendersOtherwise++
    if (oldSame && !newSame) {
      if (alike) s.splitButRendersAlike++
      else s.splitAndRendersOtherwise++
    }
  }
}
console.log(`texts: ${files.length} (shard ${shard}/${shards} of ${all.length}); version groupings of the corpus's own texts: older rule ${groupsOld.size}, current rule ${groupsNew.size}`)
console.log('variant\tcables changed\tsame version (older rule)\tsame version (current)\tkept one version, renders otherwise\tsplit, renders otherwise\tsplit, renders alike')
for (const [name, s] of Object.entries(stats)) console.log(`${name}\t${s.changed}\t${s.oldSame}\t${s.newSame}\t${s.keptButRendersOtherwise}\t${s.splitAndRendersOtherwise}\t${s.splitButRendersAlike}`)
