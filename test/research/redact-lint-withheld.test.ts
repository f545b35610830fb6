/**
 * Archive-mode lint reads a releasable rendering's placeholders as withheld text (issue 14: "the result lints clean
 * in archive mode"). A rule that asks for an element the rendering lacks (a Classified-by statement or its reasons,
 * a TAGS line, a caption, a block opener or closer, a page header, the class line first, a paragraph's mark) cannot
 * tell it is missing where the rendering withheld text in its place: it may be in what was withheld
 * (`src/lint/withheld.ts`). So a rendering adds no such finding to its cable's, and nothing withheld is shown for it.
 * In compose mode a placeholder is text like any other. Synthetic cables only; the dev-corpus figures come from
 * `bench/redact-lint-report.ts`.
 */
import { describe, expect, it } from 'vitest'
import { redactText } from '../../src/archive/redact.js'
import { lintText } from '../../src/lint/index.js'

const findings = (text: string, mode: 'archive' | 'compose' = 'archive') =>
  lintText(text, { mode }).filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.message}`)
const of = (rule: string, text: string, mode: 'archive' | 'compose' = 'archive') => findings(text, mode).filter((f) => f.startsWith(rule))

const CONFIDENTIAL = { level: 2, caveats: [] as string[] }
const UNCLASSIFIED = { level: 0, caveats: [] as string[] }

/** A cable of the invented post QUORIN: `top` between the class line and the subject, `after` between subject and body. */
const cable = (body: string, { klass = 'S E C R E T QUORIN 000101', top = 'SIPDIS\n\nE.O. 12958: DECL: 04/10/2018\nTAGS: PREL XX\n', after = '\nClassified By: Ambassador Ada Nobody, reasons 1.4 (b) and (d).\n', subject = 'SUBJECT: (C) INVENTED HARBOUR TALKS\n', head = '' } = {}) => `${head}P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

${klass}

${top}${subject}${after}
${body}
NOBODY
`

describe('archive-mode lint of a releasable rendering reads its placeholders as withheld text', () => {
  it('should not miss a Classified-by statement the rendering withholds (a marked statement after the REF block)', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n', { after: '\nREF: A. QUORIN 55\n\n (U) Classified by Ambassador Ada Nobody; reasons: 1.4 (b,d).\n' })
    expect(of('TXT-013', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    expect(r.text).not.toMatch(/Ada Nobody|Alphacanary/)
    expect(of('TXT-013', r.text)).toEqual([])
    expect(of('TXT-013', r.text, 'compose')).toEqual(['TXT-013 SECRET cable without a Classified-by line'])
  })

  it('should not ask for the reasons of a Classified-by statement whose reasons the rendering withholds', () => {
    // a statement of no name's shape (`AMB:ANOBODY`): its label is shown, the rest judged as portion text
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n', { after: '\nClassified By: AMB:ANOBODY for Reasons 1.4 (b)+(e)\n' })
    expect(of('TXT-013', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    expect(r.text).toContain('\nClassified By: \n[Text withheld: unmarked: treated as the overall SECRET, above UNCLASSIFIED]\n')
    expect(r.text).not.toContain('ANOBODY')
    expect(of('TXT-013', r.text)).toEqual([])
    expect(of('TXT-013', r.text, 'compose')).toContain('TXT-013 Classified-by line gives no reason 1.4(x)')
  })

  it('should not miss a TAGS line withheld with the attention text it stands under', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n', { top: 'SIPDIS\n\nSTATE PLEASE PASS TO USTR\nE.O. 12958: DECL: 04/10/2018 TAGS: PREL XX\n' })
    expect(of('TXT-009', text)).toEqual([])
    const r = redactText(text, CONFIDENTIAL)
    expect(r.text).not.toMatch(/USTR|PREL/)
    expect(of('TXT-009', r.text)).toEqual([])
    expect(of('TXT-009', r.text, 'compose')).toEqual(['TXT-009 No TAGS line'])
  })

  it('should not ask for the class line first where a placeholder stands before it', () => {
    // a partial record (no envelope): the publisher's notice and a dateline before the class line, which the parser
    // places in no header field, are unmarked text at the overall level
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n').replace(/^[^]*?\n\n/, 'This record is a partial extract of the original cable. The full text of the original cable is not available.\n\nThursday, 07 March 2008, 10:13\n')
    expect(of('TXT-001', text)).toEqual([])
    const r = redactText(text, CONFIDENTIAL)
    expect(r.text.split('\n')[0]).toMatch(/^(\(S\) )?\[Text withheld: /)
    expect(r.text).not.toContain('Thursday')
    expect(of('TXT-001', r.text)).toEqual([])
    expect(of('TXT-001', r.text, 'compose')).toHaveLength(1)
  })

  it('should not miss a SUMMARY opener or an END SUMMARY closer the rendering withholds', () => {
    const closerShown = cable('¶1. (S) SUMMARY: Betacanary the minister said the budget would fail.\n\n¶2. (C) Alphacanary the harbour talks resumed. END SUMMARY.\n')
    const openerShown = cable('¶1. (C) SUMMARY: Alphacanary the harbour talks resumed.\n\n¶2. (S) Betacanary the minister said the budget would fail. END SUMMARY.\n')
    for (const text of [closerShown, openerShown]) {
      expect(of('TXT-021', text)).toEqual([])
      const r = redactText(text, CONFIDENTIAL)
      expect(r.text).not.toMatch(/Betacanary|budget/)
      expect(of('TXT-021', r.text)).toEqual([])
      expect(of('TXT-021', r.text, 'compose')).toHaveLength(1)
    }
  })

  it('should not miss a NOFORN or SENSITIVE caption withheld with the text it stands under', () => {
    const noforn = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (S//NF) Betacanary the minister said the budget would fail.\n', { top: 'SIPDIS\nSTATE PLEASE PASS TO USTR\nNOFORN\n\nE.O. 12958: DECL: 04/10/2018\nTAGS: PREL XX\n' })
    expect(of('TXT-018', noforn)).toEqual([])
    const r = redactText(noforn, { level: 2, caveats: ['NOFORN'] })
    expect(r.text).not.toMatch(/USTR|Betacanary/)
    expect(r.text).toContain('¶2. (S//NF) [Paragraph 2 withheld')
    expect(of('TXT-018', r.text)).toEqual([])
    expect(of('TXT-018', r.text, 'compose')).toHaveLength(1)
    const sbu = cable('¶1. (U) Alphacanary the harbour talks resumed.\n\n¶2. (SBU) Betacanary the minister said the budget would fail.\n', {
      klass: 'UNCLAS QUORIN 000101',
      top: 'SIPDIS\nSTATE PLEASE PASS TO USTR\nSENSITIVE\n\nE.O. 12958: N/A\nTAGS: PREL XX\n',
      after: '\n',
      subject: 'SUBJECT: (U) INVENTED HARBOUR TALKS\n',
    })
    expect(of('TXT-019', sbu)).toEqual([])
    const u = redactText(sbu, UNCLASSIFIED)
    expect(u.text).not.toMatch(/USTR|Betacanary/)
    expect(of('TXT-019', u.text)).toEqual([])
    expect(of('TXT-019', u.text, 'compose')).toHaveLength(1)
  })

  it('should not ask for the mark of a withheld paragraph whose placeholder carries none (a higher mark inside it)', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (C) Gammacanary the talks go on, (S) Betacanary the budget would fail.\n')
    expect(of('TXT-016', text)).toEqual([])
    const r = redactText(text, CONFIDENTIAL)
    expect(r.text).toContain('¶2. [Paragraph 2 withheld: holds a portion marked (S), above CONFIDENTIAL]')
    expect(r.text).not.toMatch(/Betacanary|Gammacanary/)
    expect(of('TXT-016', r.text)).toEqual([])
    expect(of('TXT-016', r.text, 'compose')).toEqual(['TXT-016 Paragraph 2 of a SECRET cable has no portion mark'])
  })

  it('should keep a withheld REF block\'s label, so the rendering\'s parse reads the Classified-by statement after it', () => {
    const text = cable('(S) Betacanary poloff delivered reftel points on the budget.\n', {
      after: '\nREF: STATE 272165\n\nClassified By: Acting Political Counselor Ada Nobody,\nreasons 1.4(b), (d) and (h).\n',
    })
    expect(of('TXT-013', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    expect(r.text).toContain('\nREF: [Reference withheld: unmarked: treated as the overall SECRET, above UNCLASSIFIED]\n')
    expect(r.text).not.toMatch(/272165|Betacanary/)
    expect(of('TXT-013', r.text)).toEqual([])
    // a block the parser continued (no label of its own) gets no label
    const continued = cable('¶1. (C) Alphacanary the harbour talks resumed.\n', { after: '\nREF: A. QUORIN 55\n\n (U) Classified by Ambassador Ada Nobody; reasons: 1.4 (b,d).\n' })
    expect(redactText(continued, UNCLASSIFIED).text).toMatch(/\nREF: \[Reference withheld: [^\n]*\n\n\[Reference withheld: /)
  })

  it('should not miss a page header a withheld paragraph holds in a shape the rendering cannot show (its origin wrapped away)', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\nQUORIN 00000101  002 OF 003\n\n¶2. (S) Betacanary the minister said the budget QUORIN\n00000101 003 OF 003\nwould fail.\n', { klass: 'S E C R E T SECTION 01 OF 03 QUORIN 000101' })
    expect(of('TXT-003', text)).toEqual([])
    const r = redactText(text, CONFIDENTIAL)
    expect(r.text).toContain('QUORIN 00000101  002 OF 003\n')
    expect(r.text).not.toMatch(/Betacanary|003 OF 003/)
    expect(of('TXT-003', r.text)).toEqual([])
    expect(of('TXT-003', r.text, 'compose')).toEqual(['TXT-003 Section 3 of 3 has no page header'])
  })

  it('should not miss an FM line the rendering withholds (no routing indicator, a station the directory does not know)', () => {
    const text = cable('¶1. (C) Alphacanary the harbour talks resumed.\n').replace('FM AMEMBASSY QUORIN', 'FM IRAN RPO QUORIN')
    expect(of('ENV-012', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    expect(r.text).not.toContain('IRAN RPO')
    expect(of('ENV-012', r.text)).toEqual([])
    expect(of('ENV-012', r.text, 'compose')).toEqual(['ENV-012 No FM line: the originator is missing'])
  })

  it('should not check an E.O. value the rendering withholds', () => {
    const text = cable('¶1. (SBU) Alphacanary the harbour talks resumed.\n', {
      klass: 'UNCLAS SENSITIVE QUORIN 000101',
      top: 'SIPDIS\n\nE.O.: 12958: N/A\nTAGS: PREL XX\n',
      after: '\n',
      subject: 'SUBJECT: (SBU) INVENTED HARBOUR TALKS\n',
    })
    expect(of('TXT-007', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    expect(r.text).toMatch(/\nE\.O\.: \n\[Text withheld: /)
    expect(of('TXT-007', r.text)).toEqual([])
    expect(of('TXT-007', r.text, 'compose')).toHaveLength(1)
  })

  it('should not check a withheld portion\'s mark on its placeholder against the class line (a list letter read as a mark in an UNCLAS cable)', () => {
    const text = cable('¶1. The post offers three seminars:\n(a) one on ports;\n(b) one on customs;\n(C) Seminar for harbour officers on the Quorin tax system;\n\n¶2. Alphacanary the harbour talks resumed.\n', {
      klass: 'UNCLAS QUORIN 000101',
      top: 'SIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL XX\n',
      after: '\n',
      subject: 'SUBJECT: INVENTED HARBOUR SEMINARS\n',
    })
    expect(of('TXT-017', text)).toEqual([])
    const r = redactText(text, UNCLASSIFIED)
    // the mark is kept as written (a placeholder never drops below what it stands for)
    expect(r.text).toContain('\n(C) [Text withheld: marked CONFIDENTIAL, above UNCLASSIFIED]\n')
    expect(r.text).not.toMatch(/Seminar for/)
    expect(of('TXT-017', r.text)).toEqual([])
    expect(of('TXT-017', r.text, 'compose')).toEqual(['TXT-017 Portion mark (C) is above the cable’s overall UNCLASSIFIED'])
    // a mark the cable's own text has above its class line is still the cable's finding where it is shown
    const shown = cable('¶1. (C) Alphacanary the harbour talks resumed.\n\n¶2. (S) Betacanary the minister said the budget would fail.\n', { klass: 'C O N F I D E N T I A L QUORIN 000101' })
    expect(of('TXT-017', shown)).toEqual(['TXT-017 Portion mark (S) is above the cable’s overall CONFIDENTIAL'])
    expect(of('TXT-017', redactText(shown, { level: 3, caveats: [] }).text)).toEqual(['TXT-017 Portion mark (S) is above the cable’s overall CONFIDENTIAL'])
  })
})
