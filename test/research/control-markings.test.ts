/**
 * Portion marks naming a control marking the archive does not read as a caveat, written with a single slash
 * (`(TS/SCI)`, `(S/SI)`, `(S/TK)`, `(TS/HCS)`, `(S/SAR)`, `(S/DSEN)`, `(C/LES)`), are marks nobody here can read:
 * wherever they stand in a readable portion (inside a sentence, after a sub-item letter or a bullet, on a line
 * of their own, on a continuation line) the cable is filed TOP SECRET, marking not understood, and a lower
 * reader's rendering withholds the text they mark (QA 14 round 5, finding 01). Offices written the same way
 * (`(S/CT)`, `(S/WCI)`) and UN document symbols (`(S/2008/250)`) stay prose. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { cableAccess, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { redactText, storedPortions } from '../../src/archive/redact.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'

/** A SECRET cable of the invented post QUORIN with a (C) subject and the given body. */
const cable = (body: string) => `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

S E C R E T QUORIN 000900

SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED PROBE

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

${body}

QUILL
`

const C: Access = { level: 2, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))

const MARKS = ['TS/SCI', 'S/SI', 'S/TK', 'TS/HCS', 'S/SAR', 'S/DSEN', 'C/LES', 'U/LES', 'SECRET/ORANGE', 'T/S', 'S(NF)', 'CONF//S']
const PLACES: [string, (mark: string) => string][] = [
  ['inside a sentence', (m) => `1. (C) Readable opening. (${m}) Zebracanary inner.`],
  ['after a sub-item letter', (m) => `1. (C) Readable opening.\nA. (${m}) Zebracanary subitem.`],
  ['after a bullet', (m) => `1. (C) Readable opening.\n- (${m}) Zebracanary bullet.`],
  ['on a line of its own after a (C) line', (m) => `1. (C) Readable opening.\n(C) still open\n(${m}) Zebracanary line.`],
  ['on a continuation line', (m) => `1. (C) Readable opening.\n(${m}) Zebracanary continuation.`],
]

describe('single-slash control markings in a readable portion', () => {
  for (const [place, body] of PLACES) {
    it.each(MARKS)(`%s ${place}: filed unreadable, its text withheld from a CONFIDENTIAL reader and never indexed for him`, (mark) => {
      const text = cable(body(mark))
      const f = filed(text)
      expect(f).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
      const shown = redactText(text, C, f)
      // a mark inside a sentence withholds its whole paragraph; elsewhere the (C) line above it stays
      if (place === 'inside a sentence') expect(shown.text).toMatch(/^1\. \[Paragraph 1 withheld: a portion mark inside it not understood/m)
      // elsewhere the (C) line above it stays, or (a mark of a shape the line reader cannot place) the paragraph goes
      // whole, and so it does when the mark names a caveat of the whole cable (`S(NF)`: NOFORN, QA 10 F1)
      else expect(shown.text).toMatch(/^1\. (?:\(C\) Readable opening\.|(?:\(C\) )?\[Paragraph 1 withheld)/m)
      expect(shown.text).not.toMatch(/zebracanary/i)
      // what a portion-level search may match for him
      const readable = storedPortions({ key: '08QUORIN900', text, level: f.level, caveats: f.caveats }).filter((p) => p.level <= C.level && p.caveats.length === 0)
      expect(readable.map((p) => p.text).join('\n')).not.toMatch(/zebracanary/i)
    })
  }

  it('reads a subject holding such a mark as withheld from a CONFIDENTIAL reader', () => {
    const text = cable('1. (C) Readable opening.').replace('SUBJECT: (C) INVENTED PROBE', 'SUBJECT: (C) INVENTED PROBE (TS/SCI) SUBJECTCANARY')
    const f = filed(text)
    expect(f).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
    expect(redactText(text, C, f).text).not.toMatch(/subjectcanary/i)
  })

  it.each(['S/CT', 'S/WCI', 'S/2008/250', 'S/P', 'see http://example.org', 'T/A'])('keeps (%s) inside a (C) sentence as prose: an office or a UN symbol', (office) => {
    const text = cable(`1. (C) The envoy met (${office}) officials today.`)
    const f = filed(text)
    expect(f).toMatchObject({ level: 3, caveats: [] })
    expect(redactText(text, C, f).text).toContain(`The envoy met (${office}) officials today.`)
  })
})
