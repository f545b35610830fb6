import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPortionMark, redactText } from '../../src/archive/redact.js'
import { CORPUS_CABLES, HAS_CORPUS } from './shared-corpus.js'

// a portion mark at a line start, or after a paragraph or sub-item enumerator (`1.(S)`, `¶2 (C)`, `A. (S//NF)`,
// `-- (C)`, also mid-line after a paragraph number when paragraphs run together); written here independently of
// the redaction's own scanner
const MARK_TOKEN = /(?:^[ \t]*(?:(?:¶\s*)?(?:\d{1,3}|[A-Za-z])\s*[.)]\s*|-{1,2}\s*|\(\d{1,2}\)\s*)?|(?<=\s)\d{1,3}\s*[.)]\s*)\(([A-Z]{1,3}(?:\/{1,2}[A-Z][A-Z ,]*)?)\)/g
// a placeholder line names the mark of what it stands for; it is not text of the cable
const PLACEHOLDER = /\[(?:Paragraph \d+|Subject|Text|Reference|Page header) withheld: /
// lines whose parenthesised letters are no marks: the reason letters of a wrapped Classified-by line
// (`(C), (D)`, spec §5.6) and REF item letters before an origin and serial (`(C) THE HAGUE 2308`, spec §5.9)
const REASON_LETTERS = /^\s*(?:\([a-h]\)\s*(?:,|and|&|\/|or)?\s*)+\.?\s*$/i
const REF_ITEM = /^\s*(?:¶?[A-Z][.):]\s+)?\([A-H]\)\s*(?:\d{2,4}\s+)?[A-Z][A-Z .'-]*\s\d{1,7}\b[^a-z]*$/

/** Lines of a rendering that show a portion mark above `level`, with the mark. */
function leaks(text: string, level: number): { mark: string; line: string }[] {
  const found: { mark: string; line: string }[] = []
  for (const line of text.split('\n')) {
    if (PLACEHOLDER.test(line) || REASON_LETTERS.test(line) || REF_ITEM.test(line)) continue
    for (const m of line.matchAll(MARK_TOKEN)) {
      const d = readPortionMark(m[1])
      if (d && d.level > level) found.push({ mark: m[1], line })
    }
  }
  return found
}

describe.skipIf(!HAS_CORPUS)('releasable rendering of the real dev corpus (../shared/corpus or $CABLEGRAM_SHARED; skipped when absent)', () => {
  it('should show no line holding a portion mark above the reader, for UNCLASSIFIED and CONFIDENTIAL readers', async () => {
    const files = readdirSync(CORPUS_CABLES).filter((f) => f.endsWith('.txt'))
    expect(files.length).toBeGreaterThan(1000)
    const failures: string[] = []
    for (const [i, f] of files.entries()) {
      // a minute or more of rendering on a busy machine: let the worker answer the runner between cables, or its
      // task updates time out (vitest's 60 s RPC limit) and the run fails though every assertion held
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
      const text = readFileSync(join(CORPUS_CABLES, f), 'utf8')
      for (const level of [0, 2]) {
        for (const leak of leaks(redactText(text, { level, caveats: [] }).text, level)) {
          failures.push(`${f} reader ${level}: (${leak.mark}) in ${JSON.stringify(leak.line.slice(0, 100))}`)
        }
      }
    }
    expect(failures.slice(0, 30), `${failures.length} leaking lines`).toEqual([])
  }, 300_000)
})
