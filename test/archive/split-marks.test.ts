/**
 * `splitMarks` (src/format/body-portions.ts): a portion mark whose bracket opens at a mark's place and closes on a
 * later line, on the next line or past a page break (spec §5.3), and one never closed. Each case is written out with
 * the mark it reads as and the offset of its opening bracket; a mark missed here is text shown to a reader below it.
 * The eighteenth mutation run of issue 15 (docs/testing.md) wrote these for the survivors of the page-break pass, and
 * found that an opening part longer than 16 characters (`2. (CONFIDENTIAL//NOFORN/` then `ORCON) …`, and inside a
 * line `talks (CONFIDENTIAL//NOFORN/`) lost the caveats of the next line: the line's own reader read
 * `CONFIDENTIAL//NOFORN` alone. Synthetic text (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { redactText } from '../../src/archive/redact.js'
import { splitMarks } from '../../src/format/body-portions.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'

/** What splitMarks gives for a mark nobody can read (a word the marking parser refuses), written out. */
const UNREADABLE = '(unclosed mark)'

const split = (cases: [string, { mark: string; at: number }[]][]) => {
  for (const [text, marks] of cases) expect([text, splitMarks(text)]).toEqual([text, marks])
}

describe('splitMarks: a long mark broken at the line end (fail open before)', () => {
  it('should read every caveat of a mark whose opening part is longer than 16 characters', () => {
    split([
      ['2. (CONFIDENTIAL//NOFORN/\nORCON) The mole.\n', [{ mark: 'CONFIDENTIAL//NOFORN/ORCON', at: 3 }]],
      ['2. (CONFIDENTIAL//NOFORN\n/ORCON) The mole.\n', [{ mark: 'CONFIDENTIAL//NOFORN/ORCON', at: 3 }]],
      ['2. (C//NOFORN/ORCON/EXDIS/\nNODIS) The mole.\n', [{ mark: 'C//NOFORN/ORCON/EXDIS/NODIS', at: 3 }]],
      ['(SECRET//NOFORN/ORCON/EXDIS/\nNODIS) The mole.\n', [{ mark: 'SECRET//NOFORN/ORCON/EXDIS/NODIS', at: 0 }]],
      // and across a page break
      ['2. (CONFIDENTIAL//NOFORN/\nQUORIN 00000701  002 OF 002\n\nORCON) The mole.\n', [{ mark: 'CONFIDENTIAL//NOFORN/ORCON', at: 3 }]],
    ])
  })

  it('should read a long mark broken inside a line whole, each part up to 41 characters, and no prose', () => {
    split([
      ['talks (CONFIDENTIAL//NOFORN/\nORCON) went\n', [{ mark: 'CONFIDENTIAL//NOFORN/ORCON', at: 6 }]],
      ['talks (C//NOFORN\n/ORCON/EXDIS/NODIS/LIMDIS) went\n', [{ mark: 'C//NOFORN/ORCON/EXDIS/NODIS/LIMDIS', at: 6 }]],
      ['the envoy (who spoke for the U.S. side\nof the talks) left\n', []],
    ])
  })

  const cable = (serial: number, second: string) => `R 031200Z SEP 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC ${serial}

C O N F I D E N T I A L QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 09/03/2018
TAGS: PREL QU
SUBJECT: (U) HARBOR PROBE

Classified By: Ambassador Ada Nobody, reasons 1.4 (b)

1. (C) Plain harbour paragraph.

${second}

NOBODY
`
  const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
  const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

  it.each([
    ['after a slash', '2. (CONFIDENTIAL//NOFORN/\nORCON) The mole leakword reported.'],
    ['before a slash', '2. (CONFIDENTIAL//NOFORN\n/ORCON) The mole leakword reported.'],
  ])('should file and withhold a paragraph whose ORCON stands on the next line, %s', (_where, second) => {
    const text = cable(731, second)
    expect(filed(text)).toMatchObject({ level: 2, caveats: ['NOFORN', 'ORCON'] })
    expect(shownTo(text, { level: 2, caveats: ['NOFORN'] })).not.toContain('leakword')
    expect(shownTo(text, { level: 2, caveats: ['NOFORN', 'ORCON'] })).toBe(text)
  })

  it('should file and withhold a paragraph holding a long mark broken inside a line by every caveat of it', () => {
    const text = cable(733, '2. (C) The talks (CONFIDENTIAL//NOFORN/\nORCON) went on; leakword here.')
    expect(filed(text)).toMatchObject({ level: 2, caveats: ['NOFORN', 'ORCON'] })
    expect(shownTo(text, { level: 2, caveats: ['NOFORN'] })).not.toContain('leakword')
    expect(shownTo(text, { level: 2, caveats: ['NOFORN', 'ORCON'] })).toBe(text)
  })

  it('should withhold a paragraph whose NODIS stands on the next line from a reader holding every other caveat', () => {
    const text = cable(732, '2. (C//NOFORN/ORCON/EXDIS/\nNODIS) The mole leakword reported.')
    expect(filed(text)).toMatchObject({ level: 2, caveats: ['NOFORN', 'NODIS', 'EXDIS', 'ORCON'] })
    expect(shownTo(text, { level: 4, caveats: ['NOFORN', 'ORCON', 'EXDIS'] })).not.toContain('leakword')
    expect(shownTo(text, { level: 2, caveats: ['NOFORN', 'ORCON', 'EXDIS', 'NODIS'] })).toBe(text)
  })
})

describe('splitMarks: what stands between the parts of a mark a page break split', () => {
  it('should join parts six lines apart, and read a subject line as the page break’s only after a page header', () => {
    split([
      [`2. (S//\n${'\n'.repeat(6)}NF) x\n`, [{ mark: 'S//NF', at: 3 }]],
      // no page header before it: the subject line is text, and the mark is never closed
      ['2. (S//\nSUBJECT: (U) PROBE\nNF) x\n', [{ mark: UNREADABLE, at: 3 }]],
      // a legacy page header (its line end is no part of it), then the repeated subject
      ['2. (S//\nPAGE 02        QUORIN  00704  02 OF 02  031200Z\nSUBJECT: (U) HARBOR PROBE\nNF) x\n', [{ mark: 'S//NF', at: 3 }]],
    ])
  })

  it('should read the opening part without the blanks after it, and refuse one holding a character no mark has', () => {
    split([
      [`2. (S//${' '.repeat(15)}\n\nNF) x\n`, [{ mark: 'S//NF', at: 3 }]],
      [`2. (TOP SECRET${'\t'.repeat(3)}\n\n) x\n`, [{ mark: 'TOP SECRET', at: 3 }]],
      // unreadable, and the caveat a reader recognises in it demanded all the same (QA 10 F1)
      ['2. (S//;NF\n\nOC) x\n', [{ mark: UNREADABLE, at: 3 }, { mark: 'NOFORN', at: 3 }]],
      // nothing after it: the text ends
      ['2. (S//\n', [{ mark: UNREADABLE, at: 3 }]],
      ['2. (S//', [{ mark: UNREADABLE, at: 3 }]],
    ])
  })
})

describe('splitMarks: an unclosed mark the readers of its line read', () => {
  it('should leave a garbled mark at a line start, the portion’s own, to the line’s reader, and refuse it after an enumerator', () => {
    split([
      ['(S//ZZ the plan\n', []],
      ['  (S//ZZ the plan\n', []],
      ['A. (S//ZZ the plan\n', [{ mark: UNREADABLE, at: 3 }]],
      ['- (S//ZZ the plan\n', [{ mark: UNREADABLE, at: 2 }]],
    ])
  })

  it('should read a mark across a line end and an unclosed one on a later line both', () => {
    split([['talks (C\nNF) went\n2. (S//\nThe mole.\n', [{ mark: 'C NF', at: 6 }, { mark: UNREADABLE, at: 21 }]]])
  })
})
