import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderRulesDoc } from '../../src/lint/docs/rules-doc.js'
import { rules } from '../../src/lint/index.js'

describe('docs/rules.md', () => {
  const doc = renderRulesDoc()

  it('should be up to date with the rule definitions (run `npm run docs:rules` when this fails)', () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8')
    expect(onDisk).toBe(doc)
  })

  it('should document every rule with statement, source and both examples', () => {
    for (const r of rules) {
      const section = doc.slice(doc.indexOf(`## ${r.id}\n`), doc.indexOf('\n## ', doc.indexOf(`## ${r.id}\n`) + 1) >>> 0)
      expect(section).toContain(r.summary)
      expect(section).toContain(r.source)
      expect(section).toContain('Fails (')
      expect(section).toContain('Passes (')
      expect(section).toContain(`${r.examples.fail.span}: `)
    }
  })
})
