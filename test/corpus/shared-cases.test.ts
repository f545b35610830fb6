/**
 * The failing inputs of ../shared/cases/parser-and-import (reported by people who work with cable archives) give
 * the right values their README states. Each stands for a kind of fault that the in-repo tests cover with synthetic
 * fixtures of their own (test/format/ref-items.test.ts, ref-lists.test.ts, tags.test.ts, nara.test.ts); this file
 * checks the reported inputs themselves. Skips, saying so, where ../shared is absent; CI has it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'cases', 'parser-and-import')
const present = existsSync(dir)
if (!present) console.warn(`skipping the shared parser cases: ${dir} is absent (it sits beside the repository in CI)`)

const parsed = (file: string) => {
  const text = readFileSync(join(dir, file), 'utf8')
  const cable = parseCable(text)
  // every case reads back byte for byte
  expect(renderLossless(cable)).toBe(text)
  return cable
}
const refs = (file: string) => parsed(file).references.map((r) => [r.letter, r.id])

describe.skipIf(!present)('shared parser cases (../shared/cases/parser-and-import)', () => {
  it('F02: lower-case REF enumerators split as upper-case ones, the stated year winning', () => {
    expect(refs('F02-ref-lowercase-letters.txt')).toEqual([
      ['A', '08STATE71234'],
      ['B', null],
      ['C', '09VELLORA1830'],
      ['D', '09VELLORA1859'],
    ])
  })

  it('F03: a second REF block is read whole, with a diagnostic for the block left unplaced', () => {
    const cable = parsed('F03-second-ref-section.txt')
    expect(cable.references.map((r) => [r.letter, r.id])).toEqual([
      ['A', '08STATE71234'],
      ['B', null],
      ['C', '09VELLORA1830'],
      ['D', '09VELLORA1859'],
    ])
    expect(cable.diagnostics.map((d) => d.code)).toContain('UNPLACED_REF')
  })

  it('F05: a comma-delimited TAGS list keeps its multi-word entries', () => {
    expect(parsed('F05-composite-tags-comma.txt').tags).toEqual(['PHUM', 'XY', 'HUMAN RIGHTS', 'GAZA DISENGAGEMENT', 'CONSULAR AFFAIRS'])
  })

  it('F06: an unlettered REF naming several cables gives each, in order', () => {
    expect(refs('F06-unlettered-multi-ref.txt')).toEqual([
      [null, '75QUORIN1091'],
      [null, '75QUORIN263'],
      [null, '75VELLORA1603'],
    ])
  })

  it('F07: DEPTEL is the Department, EMBTEL the embassy itself; no id has a telegram word for its origin', () => {
    expect(refs('F07-deptel-embtel.txt')).toEqual([
      ['A', '75STATE45678'],
      ['B', '75QUORIN1234'],
    ])
  })

  it('F09: end-of-message markers end the message, never a signer; the attribute block is no paragraph text', () => {
    const cable = parsed('F09-cfpf-end-marker-nnn.txt')
    expect(cable.signers).toEqual(['DOE'])
    expect(cable.paragraphs.map((p) => p.text)).toEqual(['INVENTED TEXT ABOUT FISHERIES TALKS.', 'MORE INVENTED TEXT.'])
  })
})
