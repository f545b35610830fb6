/**
 * A releasable rendering lints clean in archive mode when its cable does (issue 14; QA 14 finding 08): page headers
 * of the cable kept where a withheld portion holds them (on their own line or run into a flattened line), paragraph
 * numbers as written (`¶2.`), a Classified-by statement a flattened layout ran onto the SUBJECT or REF line shown as
 * a statement, and a withheld addressee no malformed addressee for lint. Nothing withheld is shown for it: a line of
 * page-header shape that is not this cable's own page header stays withheld. Synthetic cables only; the dev-corpus
 * check is in `redact-lint-corpus.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { redactText } from '../../src/archive/redact.js'
import { isWithheldLine } from '../../src/format/withheld.js'
import { lintText } from '../../src/lint/index.js'

const errors = (text: string) => lintText(text, { mode: 'archive' }).filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.message}`)

/** A SECRET cable of the invented post QUORIN in two sections; `body` after the Classified-by line, `subject` and `ref` as given. */
const cable = (body: string, { subject = 'SUBJECT: (C) INVENTED HARBOUR TALKS\n\nClassified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).\n', ref = '', info = 'INFO AMEMBASSY VELLORA PRIORITY 0002\n' } = {}) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001
${info}
S E C R E T SECTION 01 OF 02 QUORIN 000101

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
${subject}${ref}
${body}
NOBODY
`

describe('a releasable rendering that lints clean in archive mode', () => {
  it('should keep the cable\'s own page header standing inside a withheld paragraph, and nothing else of it', () => {
    const text = cable(`¶1. (C) Alphacanary the harbour talks resumed.

¶2. (S) Betacanary the minister said the budget
QUORIN 00000101  002 OF 002
would fail, and the army chief would resign.

¶3. (C) Gammacanary the talks will go on.
`)
    expect(errors(text)).toEqual([])
    const r = redactText(text, { level: 2, caveats: [] })
    expect(r.text).toContain('¶2. (S) [Paragraph 2 withheld: marked SECRET, above CONFIDENTIAL]\nQUORIN 00000101  002 OF 002\n')
    expect(r.text).not.toMatch(/Betacanary|budget|army chief/)
    expect(errors(r.text)).toEqual([])
  })

  it('should keep a page header run into a withheld flattened line on a line of its own', () => {
    const text = cable(`¶1. (C) Alphacanary the harbour talks resumed.

¶2. (S) Betacanary the minister said the budget  QUORIN 00000101 002 OF 002   would fail, and the army chief would resign.

¶3. (C) Gammacanary the talks will go on.
`)
    expect(errors(text)).toEqual([])
    const r = redactText(text, { level: 2, caveats: [] })
    expect(r.text).toContain('¶2. (S) [Paragraph 2 withheld: marked SECRET, above CONFIDENTIAL]\nQUORIN 00000101 002 OF 002\n')
    expect(r.text).not.toMatch(/Betacanary|budget|army chief/)
    expect(errors(r.text)).toEqual([])
  })

  it('should withhold a line of page-header shape that is not this cable\'s own page header', () => {
    for (const fake of ['VELLORA 00000101  002 OF 002', 'QUORIN 00000777  002 OF 002', 'ARMY CHIEF RESIGNS 00000101 002 OF 002']) {
      const text = cable(`¶1. (C) Alphacanary the harbour talks resumed.

¶2. (S) Betacanary the minister said the budget
${fake}
would fail.
`)
      const r = redactText(text, { level: 2, caveats: [] })
      expect([fake, r.text.includes(fake)]).toEqual([fake, false])
    }
  })

  it('should show a Classified-by statement run onto the SUBJECT or REF line, the subject or reference withheld', () => {
    const glued = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks will go on.\n', { subject: 'SUBJECT: INVENTED SECRET HARBOUR PLAN Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).\n' })
    expect(errors(glued)).toEqual([])
    const r = redactText(glued, { level: 2, caveats: [] })
    expect(r.text).toContain('SUBJECT: (S) [Subject withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL] Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).')
    expect(r.text).not.toContain('HARBOUR PLAN')
    expect(errors(r.text)).toEqual([])
    const ref = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks will go on.\n', { subject: 'SUBJECT: (C) INVENTED HARBOUR TALKS\n', ref: 'REF: A. QUORIN 77 B. STATE 12345 Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).\n' })
    const s = redactText(ref, { level: 2, caveats: [] })
    expect(s.text).toContain('[Reference withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL] Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).')
    expect(s.text).not.toContain('12345')
    expect(errors(s.text).filter((e) => e.startsWith('TXT-013'))).toEqual([])
    // text after the statement stays with the line it was run into: nothing after the reasons is shown
    const tail = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks will go on.\n', { subject: 'SUBJECT: INVENTED HARBOUR PLAN Classified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d). The army chief resigns.\n' })
    expect(redactText(tail, { level: 2, caveats: [] }).text).not.toMatch(/army chief|Ada Nobody/)
  })

  it('should keep paragraph numbers as written (¶2.), so the rendering numbers its paragraphs as the cable does', () => {
    const text = cable(`¶1. (S) Betacanary the minister said the budget would fail.
¶2. (C) Alphacanary the harbour talks resumed.
`)
    const r = redactText(text, { level: 2, caveats: [] })
    expect(r.text).toContain('¶1. (S) [Paragraph 1 withheld: marked SECRET, above CONFIDENTIAL]\n¶2. (C) Alphacanary')
    expect(errors(r.text).filter((e) => e.startsWith('TXT-015'))).toEqual([])
  })

  it('should lint a withheld addressee as withheld, not as a malformed addressee, in archive mode only', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks will go on.\n', { info: 'INFO AMEMBASSY VELLORA PRIORITY 0002\nNUCLEAR TALKS PLAN B\n' })
    const r = redactText(text, { level: 2, caveats: [] })
    const placeholder = '[Text withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL]'
    expect(r.text).toContain(`INFO AMEMBASSY VELLORA PRIORITY 0002\n${placeholder}\n`)
    expect(r.text).not.toContain('PLAN B')
    expect(isWithheldLine(placeholder)).toBe(true)
    expect(errors(r.text).filter((e) => e.startsWith('ENV-014'))).toEqual([])
    // a draft is no release: in compose mode the line is an addressee that does not parse
    expect(lintText(r.text, { mode: 'compose' }).some((m) => m.ruleId === 'ENV-014' && m.message.includes('Text withheld'))).toBe(true)
  })

  it('should put on a placeholder no caveat that only the archive\'s filing names (publisher metadata), never a lower mark', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks will go on.\n', { subject: 'SUBJECT: INVENTED HARBOUR PLAN\n\nClassified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).\n' })
    const r = redactText(text, { level: 2, caveats: ['NOFORN'] }, { level: 3, caveats: ['NOFORN'] })
    expect(r.text).toContain('SUBJECT: [Subject withheld: unmarked: treated as the overall SECRET//NOFORN, above CONFIDENTIAL]')
    expect(r.text).not.toContain('HARBOUR PLAN')
    expect(errors(r.text).filter((e) => e.startsWith('TXT-018'))).toEqual([])
    // stated by the text, the overall mark is kept
    const stated = redactText(text.replace('SIPDIS', 'NOFORN'), { level: 2, caveats: ['NOFORN'] }, { level: 3, caveats: ['NOFORN'] })
    expect(stated.text).toContain('SUBJECT: (S//NF) [Subject withheld: unmarked: treated as the overall SECRET//NOFORN, above CONFIDENTIAL]')
  })
})
