/**
 * A portion mark inside a line shown as header or signature text: a NARA stamp line (spec §5.11) with `(S)` in its
 * middle, a name, class-word, caption, E.O., TAGS or addressee line with a mark after its first word. The line-start
 * reading (`marksIn`) misses such a mark; the body's inner-mark reading (`innerMarks`) finds it, and the line is then
 * portion text judged by its marks (fail closed): the mark and the text after it are withheld from a lower reader.
 * Synthetic cables only (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { isRoutingLine, isSignatureLine, headerPieces } from '../../src/archive/header-portions.js'
import { redactText } from '../../src/archive/redact.js'
import { quorinSecretCable } from './secret-cable.js'

const C = { level: 2, caveats: [] }
const closing = (serial: number, lines: string) => quorinSecretCable(serial, 'STAMPED CLOSING', `1. (C) Opencanary confidential paragraph.

QUILL

${lines}
`)

describe('a NARA stamp or signature line holding a portion mark inside it', () => {
  it.each([
    'Declassified/Released US Department of State (S) OTTOM MOLE EO Systematic Review 30 JUN 2005',
    'Declassified/Released (S//NF) OTTOM MOLE',
    'EO Systematic Review 30 JUN 2005 (TS) OTTOM MOLE',
    'Declassified/Released US Department of State EO Systematic Review (SECRET) OTTOM',
  ])('should withhold %j from a CONFIDENTIAL reader', (line) => {
    expect(isSignatureLine(line)).toBe(false)
    const text = closing(731, line)
    const shown = redactText(text, C).text
    expect(shown).not.toMatch(/OTTOM/)
    expect(shown).toContain('\nQUILL\n')
    expect(redactText(text, { level: 4, caveats: ['NOFORN'] }).text).toContain(line)
  })

  it('should still take a NARA stamp without a mark, and a name, as signature lines', () => {
    expect(isSignatureLine('Declassified/Released US Department of State EO Systematic Review 30 JUN 2005')).toBe(true)
    expect(isSignatureLine('QUILL')).toBe(true)
  })

  it('should refuse a name or class-word line with a mark after its first word', () => {
    for (const line of ['QUILL (S)', 'QUILL (S//NF) MOLE', 'SECRET (TS)']) expect([line, isSignatureLine(line)]).toEqual([line, false])
  })

  it('should make a signature segment holding a marked NARA stamp portion text after the signer', () => {
    const raw = 'QUILL\nDeclassified/Released US Department of State (S) OTTOM EO Systematic Review\n'
    const pieces = headerPieces('signature', raw)
    expect(pieces.filter((p) => p.header).map((p) => p.text).join('')).toBe('QUILL\n')
    expect(pieces.filter((p) => !p.header).map((p) => p.text).join('')).toMatch(/OTTOM/)
  })
})

describe('other header lines holding a portion mark inside them', () => {
  it.each(['TAGS: PREL (SECRET) OTTOM PGOV', 'TAGS: PREL, PGOV, (SECRET) OTTOM', 'TAGS: PREL PGOV (S) OTTOM'])('should withhold the TAGS line %j from a CONFIDENTIAL reader', (tags) => {
    const text = quorinSecretCable(734, 'TAGGED', '1. (C) Opencanary confidential paragraph.\n\nQUILL\n').replace('TAGS: PREL PGOV', tags)
    const shown = redactText(text, C).text
    expect(shown).not.toMatch(/OTTOM/)
    expect(shown).toContain('\nQUILL\n')
    expect(redactText(text, { level: 3, caveats: [] }).text).toContain(tags)
  })

  it('should show no page header of an addressee list with a mark inside it as addressing', () => {
    expect(isRoutingLine('INFO PAGE 02        STATE   037566 161435Z')).toBe(true)
    for (const [kind, line] of [['info', 'INFO PAGE 02        STATE   037566 (S) OTTOM  161435Z\n'], ['headerOther', 'TO PAGE 02        STATE   015113  (C) OTTOM 182333Z\n']] as const) {
      expect([line, isRoutingLine(line)]).toEqual([line, false])
      expect(headerPieces(kind, line).filter((p) => p.header).map((p) => p.text).join('')).not.toMatch(/OTTOM/)
    }
  })


  it('should refuse an addressee line with a mark inside it', () => {
    expect(isRoutingLine('RUEHFR/AMEMBASSY PARIS IMMEDIATE 0042')).toBe(true)
    for (const line of ['RUEHFR/AMEMBASSY PARIS (S) IMMEDIATE', 'INFO AMEMBASSY PARIS (S//NF)']) expect([line, isRoutingLine(line)]).toEqual([line, false])
  })

  it('should show no piece with a mark inside it as header of captions, E.O., TAGS or class line', () => {
    const cases: [Parameters<typeof headerPieces>[0], string][] = [
      ['captions', 'SIPDIS (S) OTTOM\n'],
      ['eo', 'E.O. 12958: DECL: 02/15/2018 (S) OTTOM\n'],
      ['tags', 'TAGS: PREL PGOV (S) OTTOM\n'],
      ['tags', 'TAGS: PREL PGOV\nPINR (S) OTTOM\n'],
      ['classLine', 'S E C R E T QUORIN 000733 (S) OTTOM\n'],
    ]
    for (const [kind, raw] of cases) {
      const shown = headerPieces(kind, raw).filter((p) => p.header).map((p) => p.text).join('')
      expect([kind, raw, shown]).not.toEqual([kind, raw, expect.stringMatching(/\(S\)|OTTOM/)])
    }
  })
})
