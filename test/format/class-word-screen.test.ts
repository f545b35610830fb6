import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLASS_LINE, mayOpenClassWord } from '../../src/format/classification.js'

// mayOpenClassWord screens lines before CLASS_LINE: it may let through lines the pattern refuses, never the reverse
const spellings = ['UNCLAS', 'Unclassified', 'unclas efto', 'UNCLAS E F T O', 'LIMITED OFFICIAL USE', 'Limited Official Use', 'TOP SECRET', 'T O P S E C R E T', 'top secret', 'T OP SECRET', 'CONFIDENTIAL', 'C O N F I D E N T I A L', 'Confidential', 'SECRET', 'S E C R E T', 'secret', 'S ECRET']

function fixtureLines(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...fixtureLines(path))
    else out.push(...readFileSync(path, 'utf8').split(/\r?\n/))
  }
  return out
}

describe('mayOpenClassWord', () => {
  it('should pass every spelling of every class word that opens a class line, after spaces and tabs', () => {
    for (const word of spellings) {
      for (const indent of ['', '  ', '\t', ' \t ']) {
        const line = `${indent}${word} STATE 000123`
        expect(CLASS_LINE.test(line), line).toBe(true)
        expect(mayOpenClassWord(line), line).toBe(true)
      }
    }
  })

  it('should pass every class line of the fixtures', () => {
    const classLines = fixtureLines(join(import.meta.dirname, '../fixtures')).filter((l) => /^[ \t]*\S/.test(l) && CLASS_LINE.test(l))
    expect(classLines.length).toBeGreaterThanOrEqual(5)
    for (const line of classLines) expect(mayOpenClassWord(line), line).toBe(true)
  })

  it('should skip a blank after T, C or S only (T O P, C O N, S E C), never after U or L', () => {
    for (const line of ['U NCLASSIFIED 000123', 'U N C L A S', 'L IMITED OFFICIAL USE', 'X OP', 'U  N', 'T  OP SECRET', 'S E  C R E T']) expect(mayOpenClassWord(line), line).toBe(false)
    for (const line of ['T O P SECRET', 'C O N F I D E N T I A L', 'S E C R E T', 't o p secret']) expect(mayOpenClassWord(line), line).toBe(true)
  })

  it('should refuse running text whose first three letters open no class word', () => {
    for (const line of ['The talks resume.', 'State 000123 reports', 'Counselor 1234', 'Secretary', 'SUBJECT: TALKS', 'Tuesday 0900', 'LATER 000123', 'U.S. 000123', 'to the minister', 'TO RUEHC/SECSTATE WASHDC 4587', 'Concerns', 'Undersecretary', 'Lisbon 000123', '', '   ']) {
      expect(mayOpenClassWord(line), line).toBe(line.startsWith('Secretary') || line.startsWith('Concerns'))
    }
  })
})
