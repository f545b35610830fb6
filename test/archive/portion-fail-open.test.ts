/**
 * Fail-open bugs a reviewer planted in the portion-level access and redaction code (src/archive/body-portions.ts,
 * header-portions.ts, redact.ts's walk) that the suites let through (docs/testing.md, "Fresh check"): each test
 * writes out what a reader must be refused, so that a mark read lower, a caveat dropped or a withheld portion shown
 * fails it. In process, no store: test/research checks the rendering through search and show on both engines.
 * Synthetic cables of the invented post QUORIN; every value expected is written here, never read from the code.
 */
import { describe, expect, it } from 'vitest'
import { bodyPortions, definesAcronym, innerMarks, raisedBy, readPortionMark } from '../../src/archive/body-portions.js'
import { cableAccess } from '../../src/archive/cable-access.js'
import { headerPieces, isRoutingLine, isSignatureLine, marksOfText } from '../../src/archive/header-portions.js'
import { redactText } from '../../src/archive/redact.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'

/** A cable of the invented post QUORIN: class line `cls`, INFO lines `info`, optional captions, subject, Classified-by line, `body` and signature `sig`. */
const cable = (serial: number, o: { cls?: string; info?: string; captions?: string; subject?: string; by?: string; body: string; sig?: string }) => `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001
${o.info ?? ''}
${o.cls ?? 'C O N F I D E N T I A L'} QUORIN 000${serial}

${o.captions ?? ''}SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: ${o.subject ?? '(C) INVENTED TALKS'}

${o.by ?? 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).'}

${o.body}
${o.sig ?? 'QUILL'}
`

const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const CONFIDENTIAL = { level: 2, caveats: [] as string[] }

describe('a mark inside a portion raises the overall level unmarked text counts at', () => {
  // 1. (C) holds an (S) mark inside its text; the unmarked block after it counts at the overall level, which that
  // (S) raises to SECRET (a cable is never under its portions) even where the archive files it CONFIDENTIAL
  const text = cable(401, { body: '1. (C) The talks went on; the envoy said (S) the Innercanary plan is off.\n\nUnmarkedcanary block under no mark of its own.\n' })

  it('should count every mark inside a portion, not only the one it opens with', () => {
    const portions = bodyPortions(parseCable(text, { plain: true }), text)
    expect(raisedBy(CONFIDENTIAL, portions)).toEqual({ level: 3, caveats: [] })
    expect(raisedBy({ level: 0, caveats: [] }, [{ start: 0, number: 1, mark: 'C', lead: '', lines: [0], inner: ['S//NF'], within: [] }])).toEqual({ level: 3, caveats: ['NOFORN'] })
  })

  it('should withhold the unmarked block from a CONFIDENTIAL reader even when filed CONFIDENTIAL', () => {
    const r = redactText(text, C, CONFIDENTIAL)
    expect(r.text).not.toContain('Unmarkedcanary')
    expect(r.withheld.map((w) => w.reason)).toContain('unmarked: treated as the overall SECRET, above CONFIDENTIAL')
    expect(redactText(text, S, CONFIDENTIAL).text).toContain('Unmarkedcanary')
  })
})

describe('an acronym is defined only by words of prose', () => {
  // in a text written in capitals `THE SOURCE (TS)` spells the initials of the words before it, yet nothing says it
  // is an acronym rather than a TOP SECRET mark: read as a mark (fail closed)
  it('should read (TS) after words in capitals as a mark', () => {
    expect(definesAcronym('TS', 'THE TALKS WITH THE SOURCE ')).toBe(false)
    expect(innerMarks('THE TALKS WITH THE SOURCE (TS) ENDED ABRUPTLY.\n')).toEqual(['TS'])
    // prose before it defines one
    expect(definesAcronym('TS', 'a report of the Technical Secretariat ')).toBe(true)
    expect(innerMarks('a report of the Technical Secretariat (TS) came today\n')).toEqual([])
  })

  it('should withhold the paragraph from a SECRET reader', () => {
    const text = cable(402, { body: '1. (C) THE TALKS WITH THE SOURCE (TS) CAPSCANARY ENDED ABRUPTLY.\n' })
    const r = redactText(text, S)
    expect(r.text).not.toContain('CAPSCANARY')
    expect(r.withheld.map((w) => w.portion)).toContain('paragraph 1')
    expect(redactText(text, { level: 4, caveats: [] }).text).toContain('CAPSCANARY')
  })
})

/** The level and caveats the archive files `text` under (`cableAccess` of its plain parse). */
const filed = (text: string) => {
  const a = cableAccess(parseCable(text, { plain: true }))
  return { level: a.level, caveats: a.caveats }
}

describe('a portion mark broken across a line end in header text', () => {
  // text run on under the Classified-by statement is portion text; its mark split by the margin demands SECRET//NOFORN
  const text = cable(405, {
    cls: 'S E C R E T',
    by: 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\nHer deputy said the Splitcanary ledger (S//\nNF) is missing.',
    body: '1. (C) Open text.\n',
  })

  it('should read the mark it spells', () => {
    expect(marksOfText('Her deputy said the ledger (S//\nNF) is missing.\n')).toEqual(['S//NF'])
  })

  it('should file the cable NOFORN and withhold the text from a SECRET reader without NOFORN', () => {
    expect(filed(text)).toEqual({ level: 3, caveats: ['NOFORN'] })
    const r = redactText(text, S)
    expect(r.text).not.toContain('Splitcanary')
    expect(r.text).toContain('[Text withheld: marked SECRET//NOFORN, needs NOFORN]')
    expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text).toContain('Splitcanary')
  })
})

describe('a portion mark inside the Classified-by statement', () => {
  // the statement reads as a name and a title up to the word `reasons`; what follows it before the reason letters
  // is text of the cable when a portion mark stands there
  it('should end the statement before a mark opening a line after the word reasons', () => {
    expect(headerPieces('classifiedBy', 'Classified By: Ambassador Ona Quill for reasons\n(S) Bycanary plans are set under 1.4 (b).\n')).toEqual([
      { text: 'Classified By: Ambassador Ona Quill for reasons\n', header: true },
      { text: '(S) Bycanary plans are set under 1.4 (b).\n', header: false },
    ])
  })

  it('should show no more than the label when a mark stands inside a line of it', () => {
    for (const by of ['Classified By: Ambassador Ona Quill, reason (S) Bycanary plans 1.4 (b).\n', 'Classified By: Ambassador Ona Quill for reasons (S//NF) Bycanary 1.4 (b) and (d).\n']) {
      const pieces = headerPieces('classifiedBy', by)
      expect(pieces[0]).toEqual({ text: 'Classified By: ', header: true })
      expect(pieces.filter((p) => p.header).map((p) => p.text).join('')).not.toContain('Bycanary')
    }
  })

  it('should file the cable by that mark and withhold it from a lower reader', () => {
    const text = cable(403, { by: 'Classified By: Ambassador Ona Quill for reasons (S//NF) Bycanary 1.4 (b) and (d).', body: '1. (C) Open text.\n' })
    expect(filed(text)).toEqual({ level: 3, caveats: ['NOFORN'] })
    for (const reader of [{ level: 0, caveats: [] }, C, S]) expect(redactText(text, reader).text).not.toContain('Bycanary')
    expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text).toContain('Bycanary')
  })
})

describe('a signature line is a name, never a sentence', () => {
  it('should not take words no name is made of for a signer', () => {
    expect(isSignatureLine('Ona Quill')).toBe(true)
    expect(isSignatureLine('Talks Failed Again')).toBe(false)
    expect(isSignatureLine('ATTACK PLANS TODAY')).toBe(false)
    // the words are read in capitals whatever case the line is written in
    expect(isSignatureLine('Talks failed again')).toBe(false)
    // a name is one to three words of a name, no more than 40 characters
    expect(isSignatureLine('nuclear cache located near Quorin')).toBe(false)
    expect(isSignatureLine('Adalbertina Maximiliana Quillingsworthss')).toBe(true)
    expect(isSignatureLine('Adalbertina Maximiliana Quillingsworthsss')).toBe(false)
    // a trailer word with text after it is no name, however the text is spaced; a name holding BT is one
    for (const line of ['BT KHAN DEFECTS', '  BT KHAN DEFECTS', 'BT  KHAN DEFECTS', 'NNNNKHAN DEFECTS']) expect(isSignatureLine(line)).toBe(false)
    expect(isSignatureLine('JOHN DEBTFORD')).toBe(true)
    expect(headerPieces('signature', 'QUILL\n\nTalks Failed Again\n')).toEqual([
      { text: 'QUILL\n\n', header: true },
      { text: 'Talks Failed Again\n', header: false },
    ])
  })

  it('should withhold a line under the signer from a reader below the cable', () => {
    const text = cable(404, { cls: 'S E C R E T', body: '1. (C) Open text.\n', sig: 'QUILL\n\nTalks Failed Again' })
    expect(redactText(text, C).text).not.toContain('Talks Failed Again')
    expect(redactText(text, S).text).toContain('Talks Failed Again')
  })
})

describe('a portion mark on a service line of the captions block', () => {
  // `CORRECTED COPY` and a note of correction words is shown as it stands; a mark after a paragraph number there
  // (a caveat alone demands its caveat) is portion text, judged by its mark, not part of the service line
  it('should not show a service line holding a mark as the service line', () => {
    for (const line of ['CORRECTED COPY 1. (NOFORN)\n', 'C O R R E C T E D COPY 2. (TEXT)\n']) expect(headerPieces('captions', line)).toEqual([{ text: line, header: false }])
    expect(headerPieces('captions', 'CORRECTED COPY (TEXT)\n2. (NOFORN) ADDED\n')).toEqual([
      { text: 'CORRECTED COPY (TEXT)\n', header: true },
      { text: '2. (NOFORN) ADDED\n', header: false },
    ])
  })
})

describe('an addressee line is addressing, never a sentence', () => {
  // `… COLLECTIVE` reads as a collective PLAD whatever words stand before it; a sentence word there makes it text
  it('should not take a sentence ending in COLLECTIVE for an addressee', () => {
    expect(isRoutingLine('INFO ALL AFRICAN DIPLOMATIC POSTS COLLECTIVE')).toBe(true)
    for (const line of ['INFO KHAN WAS SHOT COLLECTIVE', 'INFO THEY WERE ARRESTED COLLECTIVE']) expect(isRoutingLine(line)).toBe(false)
  })

  it('should withhold it from a reader below the cable', () => {
    const text = cable(406, { cls: 'S E C R E T', info: 'INFO KHAN WAS SHOT COLLECTIVE\n', body: '1. (C) Open text.\n' })
    expect(redactText(text, C).text).not.toContain('SHOT')
    expect(redactText(text, S).text).toContain('INFO KHAN WAS SHOT COLLECTIVE')
  })
})

describe('a mark inside the subject that adds a caveat', () => {
  // the subject is no body portion: only its own decision, raised by the marks inside it, says it needs NOFORN, and
  // the cable is filed by what that decision demands (the rendering then demands NOFORN of every portion)
  const text = cable(407, { subject: '(C) TALKS ON (C//NF) SUBJCANARY MATTERS', body: '1. (C) Open text.\n' })

  it('should file the cable NOFORN', () => {
    expect(filed(text)).toEqual({ level: 2, caveats: ['NOFORN'] })
  })

  it('should withhold the subject from a CONFIDENTIAL reader without NOFORN', () => {
    const r = redactText(text, C)
    expect(r.text).not.toContain('SUBJCANARY')
    expect(r.withheld).toContainEqual({ portion: 'subject', mark: 'C', reason: 'marked CONFIDENTIAL, needs NOFORN (a caveat of the whole cable)' })
    expect(redactText(text, { level: 2, caveats: ['NOFORN'] }).text).toContain('SUBJCANARY')
  })
})

describe('text outside the body demands every caveat of the cable', () => {
  // a SECRET cable captioned NOFORN: text run on under the Classified-by statement, marked (S), is SECRET//NOFORN
  // to read like every portion of the cable, not SECRET alone
  const text = cable(408, {
    cls: 'S E C R E T',
    captions: 'NOFORN\n',
    by: 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\nHer deputy said (S) the Tailcanary file is closed.',
    body: '1. (S) Open text.\n',
  })

  it('should withhold it from a SECRET reader without NOFORN', () => {
    const r = redactText(text, S)
    expect(r.text).not.toContain('Tailcanary')
    expect(r.withheld).toContainEqual({ portion: 'text', mark: 'S', reason: 'marked SECRET, needs NOFORN (a caveat of the whole cable)' })
    expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text).toContain('Tailcanary')
  })
})

describe('readPortionMark: what a portion mark demands', () => {
  it('should read the level and every restrictive caveat of a mark', () => {
    expect(readPortionMark('S//NF')).toEqual({ level: 3, caveats: ['NOFORN'] })
    expect(readPortionMark('S//NF//ORCON')).toEqual({ level: 3, caveats: ['NOFORN', 'ORCON'] })
    expect(readPortionMark('C//LIMDIS', 0)).toEqual({ level: 2, caveats: ['LIMDIS'] })
  })

  it('should read a caveat alone at the level given, and as nothing without one', () => {
    expect(readPortionMark('NF')).toBeNull()
    expect(readPortionMark('NF', 2)).toEqual({ level: 2, caveats: ['NOFORN'] })
  })

  it('should demand no caveat a reader is never read into (FGI, EFTO), and refuse a mark it cannot read', () => {
    expect(readPortionMark('C//NF//FGI')).toEqual({ level: 2, caveats: ['NOFORN'] })
    expect(readPortionMark('S//EFTO')).toEqual({ level: 3, caveats: [] })
    expect(readPortionMark('S//SIPDIS', 2)).toBeNull()
  })
})

/**
 * The decisions of redact.ts's walk (portionDecision, textDecision) written out for text under the Classified-by
 * statement (header text that is not the statement: judged by its own marks, none at the overall level) and for
 * paragraphs: which mark a placeholder names, and which caveats a reason says he lacks (issue 15's mutation run).
 */
describe('the reasons and marks of what is withheld', () => {
  const under = (serial: number, run: string, o: { cls?: string; captions?: string } = {}) =>
    cable(serial, { cls: o.cls ?? 'S E C R E T', captions: o.captions, by: `Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).\n${run}`, body: '1. (C) Open text.\n' })

  it('should name only the caveats a reader lacks, those of the whole cable said so', () => {
    const text = cable(410, { cls: 'S E C R E T', captions: 'NOFORN\n', body: '1. (S//ORCON) Orcanary the plan.\n' })
    expect(redactText(text, { level: 3, caveats: ['ORCON'] }).withheld).toContainEqual({ portion: 'paragraph 1', mark: 'S//ORCON', reason: 'marked SECRET//ORCON, needs NOFORN (a caveat of the whole cable)' })
    const r = redactText(under(411, 'Her deputy said (S//ORCON) the Undercanary ledger is missing.', { captions: 'NOFORN\n' }), { level: 3, caveats: ['ORCON'] })
    expect(r.text).not.toContain('Undercanary')
    expect(r.withheld).toContainEqual({ portion: 'text', mark: 'S//ORCON', reason: 'marked SECRET//ORCON, needs NOFORN (a caveat of the whole cable)' })
    const none = redactText(under(411, 'Her deputy said (S//ORCON) the Undercanary ledger is missing.', { captions: 'NOFORN\n' }), { level: 3, caveats: [] })
    expect(none.withheld).toContainEqual({ portion: 'text', mark: 'S//ORCON', reason: 'marked SECRET//ORCON, needs NOFORN (a caveat of the whole cable), ORCON' })
  })

  it('should show text under the statement marked (U) to a reader of UNCLASSIFIED in a SECRET cable', () => {
    const text = under(412, '(U) Lowcanary the weather was fine.')
    expect(redactText(text, { level: 0, caveats: [] }).text).toContain('(U) Lowcanary the weather was fine.')
    expect(redactText(text, C).text).toContain('(U) Lowcanary the weather was fine.')
  })

  it('should name the first of its highest marks, and the highest demand', () => {
    const r = redactText(under(413, 'Her deputy said (S) the Twocanary ledger (S//NF) is missing.'), C)
    expect(r.text).not.toContain('Twocanary')
    expect(r.withheld).toContainEqual({ portion: 'text', mark: 'S', reason: 'marked SECRET//NOFORN, above CONFIDENTIAL' })
    const lower = redactText(under(414, 'Her deputy said (S) the Downcanary ledger (C) is missing.'), C)
    expect(lower.text).not.toContain('Downcanary')
    expect(lower.withheld).toContainEqual({ portion: 'text', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' })
  })

  it('should withhold text holding a mark nobody can read from every reader, saying so', () => {
    const text = under(415, 'Her deputy said (S//ZZ) the Oddcanary ledger is missing.')
    for (const reader of [C, { level: 4, caveats: ['NOFORN'] }]) {
      const r = redactText(text, reader)
      expect(r.text).not.toContain('Oddcanary')
      expect(r.withheld).toContainEqual({ portion: 'text', mark: null, reason: 'portion mark not understood, treated as TOP SECRET' })
    }
  })

  // a REF block is judged at the overall level at least: a mark below it changes nothing, one at it or above is named
  const ref = (serial: number, item: string, captions?: string) =>
    cable(serial, { cls: 'S E C R E T', captions, by: `REF: A. STATE 12345 ${item} Refcanary\n\nClassified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).`, body: '1. (C) Open text.\n' })

  it('should judge a reference holding a mark below the overall level as unmarked text at that level', () => {
    const r = redactText(ref(416, '(C)'), C)
    expect(r.text).not.toContain('Refcanary')
    expect(r.withheld).toEqual([{ portion: 'reference', mark: null, reason: 'unmarked: treated as the overall SECRET, above CONFIDENTIAL' }])
  })

  it('should name a mark at the overall level or above, with the caveats of the whole cable', () => {
    expect(redactText(ref(417, '(S)'), C).withheld).toEqual([{ portion: 'reference', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' }])
    expect(redactText(ref(418, '(TS)', 'NOFORN\n'), C).withheld).toContainEqual({ portion: 'reference', mark: 'TS', reason: 'marked TOP SECRET//NOFORN, above CONFIDENTIAL' })
    expect(redactText(ref(418, '(TS)', 'NOFORN\n'), { level: 4, caveats: [] }).withheld).toContainEqual({ portion: 'reference', mark: 'TS', reason: 'marked TOP SECRET//NOFORN, needs NOFORN' })
  })
})
