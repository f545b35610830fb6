/**
 * Releasable renderings of the real dev corpus (../shared/corpus or $CABLEGRAM_SHARED; skipped with a message when
 * absent), for UNCLASSIFIED and CONFIDENTIAL readers, linted in archive mode (QA 14 finding 08). Findings the cable's
 * own text has are the source's; the test checks the findings the rendering adds: none may be about a withheld
 * addressee (ENV-014). The other kinds a rendering still adds are counted in docs/research.md.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { redactText } from '../../src/archive/redact.js'
import { lintText } from '../../src/lint/index.js'
import { CORPUS_CABLES, HAS_CORPUS } from './shared-corpus.js'

const errors = (text: string) => lintText(text, { mode: 'archive' }).filter((m) => m.severity === 'error')

describe.skipIf(!HAS_CORPUS)('releasable renderings of the dev corpus in archive-mode lint (../shared/corpus or $CABLEGRAM_SHARED; skipped when absent)', () => {
  it('should add no ENV-014 finding for a withheld addressee', async () => {
    const files = readdirSync(CORPUS_CABLES).filter((f) => f.endsWith('.txt'))
    expect(files.length).toBeGreaterThan(1000)
    const added: string[] = []
    for (const [i, f] of files.entries()) {
      // yield to the event loop now and then: vitest's worker answers its runner's RPC within 60 s
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
      const text = readFileSync(join(CORPUS_CABLES, f), 'utf8')
      const own = new Map<string, number>()
      for (const m of errors(text)) own.set(m.ruleId + m.message, (own.get(m.ruleId + m.message) ?? 0) + 1)
      for (const level of [0, 2]) {
        const r = redactText(text, { level, caveats: [] })
        const left = new Map(own)
        for (const m of errors(r.text)) {
          const k = m.ruleId + m.message
          if ((left.get(k) ?? 0) > 0) left.set(k, left.get(k)! - 1)
          else if (m.ruleId === 'ENV-014') added.push(`${f} reader ${level}: ${m.message}`)
        }
      }
    }
    expect(added.slice(0, 20), `${added.length} findings`).toEqual([])
  }, 600_000)
})
