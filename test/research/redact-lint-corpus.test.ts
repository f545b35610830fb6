/**
 * Releasable renderings of the real dev corpus (../shared/corpus or $CABLEGRAM_SHARED; skipped with a message when
 * absent), for UNCLASSIFIED and CONFIDENTIAL readers, linted in archive mode (QA 14 finding 08; issue 14: "the result
 * lints clean in archive mode"). Findings the cable's own text has are the source's; the test checks what the
 * rendering adds: no archive-mode error of a rule more often than the cable's own text has it (a rendering filed as
 * `cable import` files the cable, as `cable redact` renders it), and none about a withheld addressee (ENV-014). The
 * figures per rule are `bench/redact-lint-report.ts`'s (docs/research.md).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { redactText } from '../../src/archive/redact.js'
import { idFromFileName } from '../../src/format/file-id.js'
import { parseCable } from '../../src/format/parse.js'
import { lintText } from '../../src/lint/index.js'
import { CORPUS_CABLES, HAS_CORPUS } from './shared-corpus.js'

const errors = (text: string) => lintText(text, { mode: 'archive' }).filter((m) => m.severity === 'error')

describe.skipIf(!HAS_CORPUS)('releasable renderings of the dev corpus in archive-mode lint (../shared/corpus or $CABLEGRAM_SHARED; skipped when absent)', () => {
  it('should add no archive-mode error to the cable\'s own (rule id and count), and no ENV-014 finding for a withheld addressee', async () => {
    const files = readdirSync(CORPUS_CABLES).filter((f) => f.endsWith('.txt'))
    expect(files.length).toBeGreaterThan(1000)
    const added: string[] = []
    const addedRules: string[] = []
    for (const [i, f] of files.entries()) {
      // yield to the event loop now and then: vitest's worker answers its runner's RPC within 60 s
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
      const text = readFileSync(join(CORPUS_CABLES, f), 'utf8')
      const ownErrors = errors(text)
      const own = new Map<string, number>()
      for (const m of ownErrors) own.set(m.ruleId + m.message, (own.get(m.ruleId + m.message) ?? 0) + 1)
      const ownRules = new Map<string, number>()
      for (const m of ownErrors) ownRules.set(m.ruleId, (ownRules.get(m.ruleId) ?? 0) + 1)
      const filed = cableAccess(parseCable(text, { hint: { id: idFromFileName(f) } }))
      for (const level of [0, 2]) {
        const r = redactText(text, { level, caveats: [] }, { level: filed.level, caveats: filed.caveats })
        const rendered = errors(r.text)
        const rules = new Map<string, number>()
        for (const m of rendered) rules.set(m.ruleId, (rules.get(m.ruleId) ?? 0) + 1)
        for (const [rule, n] of rules) if (n > (ownRules.get(rule) ?? 0)) addedRules.push(`${f} reader ${level}: ${rule} ${n} (own ${ownRules.get(rule) ?? 0})`)
        const left = new Map(own)
        for (const m of rendered) {
          const k = m.ruleId + m.message
          if ((left.get(k) ?? 0) > 0) left.set(k, left.get(k)! - 1)
          else if (m.ruleId === 'ENV-014') added.push(`${f} reader ${level}: ${m.message}`)
        }
      }
    }
    expect(added.slice(0, 20), `${added.length} findings`).toEqual([])
    expect(addedRules.slice(0, 20), `${addedRules.length} renderings adding an error`).toEqual([])
  }, 600_000)
})
