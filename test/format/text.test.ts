import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { fixture, withoutSpans } from './fixtures.js'

const text = fixture('wire-confidential.txt')
const wire = parseCable(text)
const at = (span: { start: { offset: number }; end: { offset: number } } | undefined) => (span ? text.slice(span.start.offset, span.end.offset) : undefined)

describe('classification line and captions', () => {
  it('should read the spaced class word, section and MRN', () => {
    expect(wire.mrn).toEqual({ origin: 'BERN', serial: '000417' })
    expect(wire.id).toBe('08BERN417')
    expect(wire.rawId).toBe('08BERN000417')
    expect(wire.classification).toBe('CONFIDENTIAL')
    expect(wire.sections).toBe(2)
    expect(at(wire.spans.classification)).toBe('C O N F I D E N T I A L')
  })

  it('should read captions but not attention lines', () => {
    expect(wire.captions).toEqual(['SIPDIS'])
    expect(at(wire.captionSpans[0])).toBe('SIPDIS')
  })

  it('should add //NOFORN for a NOFORN caption', () => {
    expect(parseCable(fixture('telegram-secret-noforn.txt')).classification).toBe('SECRET//NOFORN')
  })

  it('should read mixed-case spaced class words and two spaces before the origin', () => {
    const c = parseCable('O 010101Z JAN 09\nFM AMEMBASSY NAIROBI\n\nS e c r e t  NAIROBI 001938\n')
    expect(c.classification).toBe('SECRET')
    expect(c.id).toBe('09NAIROBI1938')
  })

  it('should call an UNCLAS cable with SENSITIVE what the publisher calls it', () => {
    const c = parseCable('O 010101Z JAN 09\nFM AMEMBASSY PARIS\n\nUNCLAS PARIS 000001\n\nSENSITIVE BUT UNCLASSIFIED\n')
    expect(c.classification).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
  })
})

describe('E.O., TAGS, SUBJECT, REF, Classified By', () => {
  it.each([
    // the subject holds the words; the statement stands on its own line below
    ['SUBJECT: (U) MINISTRY RELEASES FILES CLASSIFIED BY THE JUNTA\n\nClassified By: Ambassador Ona Tester for reasons 1.4 (b) and (d)', 'MINISTRY RELEASES FILES CLASSIFIED BY THE JUNTA', 'Ambassador Ona Tester'],
    // no statement at all: the words stay subject text
    ['SUBJECT: (C) CLASSIFIED BY TEST 155', 'CLASSIFIED BY TEST 155', undefined],
    // a run-together header: a labelled statement, or one followed by its reasons, still opens on the subject line
    ['SUBJECT: QUORIN HARBOUR TALKS Classified By: Pol Chief A. Tester, reasons 1.4 (b)', 'QUORIN HARBOUR TALKS', 'Pol Chief A. Tester'],
    ['SUBJECT: QUORIN HARBOUR TALKS CLASSIFIED BY POLOFF A. TESTER FOR REASONS 1.4 (D)', 'QUORIN HARBOUR TALKS', 'POLOFF A. TESTER'],
  ])('should tell a Classified-by statement from the words in a subject: %j', (lines, subject, name) => {
    const c = parseCable(`C O N F I D E N T I A L QUORIN 000160\n\nE.O. 12958: DECL: 02/15/2018\nTAGS: PREL\n${lines}\n\n1. (C) Invented text.\n`)
    expect(c.subject).toBe(subject)
    expect(c.classifiedBy?.name).toBe(name)
  })

  it('should read the E.O. line with a DECL date', () => {
    expect(withoutSpans(wire.eo)).toEqual({ order: '12958', declassify: '2018-02-21' })
    expect(at(wire.eo?.span)).toBe('E.O. 12958: DECL: 02/21/2018')
  })

  it.each([
    ['EO 12958 DECL: 09/21/10', '2010-09-21'],
    ['E.o. 12958: decl: 6/3/08', '2008-06-03'],
    ['E.O. 12958:DECL: 03/18/2018', '2018-03-18'],
    ['E.O. 12958: DECL: 2019/09/24', '2019-09-24'],
    ['E.O. 12958: DECL: X1, X5', 'X1, X5'],
    ['E.O. 12356: DECL: OADR', 'OADR'],
    ['E.O. 12958: N/A', 'N/A'],
  ])('should read %j', (line, declassify) => {
    const c = parseCable(`UNCLAS STATE 000001\n\n${line}\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text.\n`)
    expect(c.eo?.declassify).toBe(declassify)
  })

  it('should read TAGS with their spans, in every separator style', () => {
    expect(wire.tags).toEqual(['PREL', 'ETRD', 'SZ'])
    expect(wire.tagSpans.map(at)).toEqual(['PREL', 'ETRD', 'SZ'])
    const c = parseCable('UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTags: prel, pgov,\npins, tu\nSUBJECT: X\n\n1. (U) Text.\n')
    expect(c.tags).toEqual(['prel', 'pgov', 'pins', 'tu'])
  })

  it('should find E.O., TAGS and SUBJECT in a block run together on one line (spec §5.1)', () => {
    const input =
      'R 050101Z MAR 09\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n\nC O N F I D E N T I A L ROME 000123\n\nSIPDIS E.O. 12958: DECL: 03/05/2019 TAGS: PREL, IT SUBJECT: (C) TALKS WITH\nTHE MINISTER REF: ROME 100\n\n1. (C) Text.\n'
    const c = parseCable(input)
    const at = (span: { start: { offset: number }; end: { offset: number } } | undefined) => (span ? input.slice(span.start.offset, span.end.offset) : undefined)
    expect(c.captions).toEqual(['SIPDIS'])
    expect(at(c.captionSpans[0])).toBe('SIPDIS')
    expect(withoutSpans(c.eo)).toEqual({ order: '12958', declassify: '2019-03-05' })
    expect(at(c.eo?.span)).toBe('E.O. 12958: DECL: 03/05/2019')
    expect(c.tags).toEqual(['PREL', 'IT'])
    expect(c.subject).toBe('TALKS WITH THE MINISTER')
    expect(c.subjectMarking).toBe('C')
    expect(c.references.map((r) => r.id)).toEqual(['09ROME100'])
    expect(renderLossless(c)).toBe(input)
    // the run-together line stays as written in the canonical rendering, so its fields read back
    const back = parseCable(renderCanonical(c))
    expect([back.captions, back.eo?.declassify, back.tags, back.subject]).toEqual([c.captions, c.eo?.declassify, c.tags, c.subject])
  })

  it('should take a keyword inside a field of its own kind as text (REF naming a subject)', () => {
    const c = parseCable('UNCLAS ROME 000123\n\nE.O. 12958: N/A TAGS: PREL SUBJECT: TALKS\nREF: STATE 5 (SUBJECT: OLD TALKS)\n\n1. (U) Text.\n')
    expect(c.subject).toBe('TALKS')
    expect(c.references[0].text).toContain('SUBJECT: OLD TALKS')
  })

  it('should read a wrapped subject and its portion mark', () => {
    expect(wire.subject).toBe('SWISS OFFICIALS PREVIEW SPRING TRADE TALKS')
    expect(wire.subjectMarking).toBe('C')
    expect(at(wire.spans.subjectMarking)).toBe('C')
  })

  it('should resolve REF items to reference ids in the citing year', () => {
    expect(withoutSpans(wire.references)).toEqual([
      { letter: 'A', id: '08STATE12345', text: 'STATE 12345', kind: 'cable' },
      { letter: 'B', id: '08BERN388', text: 'BERN 388', kind: 'cable' },
    ])
    expect(at(wire.references[1].span)).toBe('B. BERN 388')
  })

  it('should keep non-cable references with a null id (REF block alone)', () => {
    const c = parseCable(fixture('fragment-ref.txt'))
    expect(withoutSpans(c.references)).toEqual([
      { letter: 'A', id: null, text: 'TBILISI 1605', kind: 'cable' },
      { letter: 'B', id: '06TBILISI2601', text: '06 TBILISI 2601 (NOTAL)', kind: 'cable' },
      { letter: 'C', id: null, text: 'SAMPLE-PERSON EMAIL 05/11/07', kind: 'email' },
    ])
  })

  it.each([
    ['REF: (A)STATE 071143, (B)STATE 073601', ['09STATE71143', '09STATE73601']],
    ['REF: A. A) SECSTATE 96300 B. B) 2004 MADRID 4554', ['09STATE96300', '04MADRID4554']],
    ['Refs: A) State 29549 B) Sao Paulo 276', ['09STATE29549', '09SAOPAULO276']],
    ['REF: SECDEF R162245Z OCT 08', [null]],
  ])('should read %j', (ref, ids) => {
    // numbered after every STATE serial it cites: a lower own serial would make them last year's (spec §6)
    const c = parseCable(`O 010101Z NOV 09\nFM SECSTATE WASHDC\n\nUNCLAS STATE 100001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n${ref}\n\n1. (U) Text.\n`)
    expect(c.references.map((r) => r.id)).toEqual(ids)
  })

  it('should read Classified By with name and reasons', () => {
    expect(withoutSpans(wire.classifiedBy)).toEqual({ name: 'Deputy Chief of Mission Alex Example', title: null, reasons: ['1.4(b)', '1.4(d)'] })
  })

  it.each([
    ['CLASSIFIED BY: Gene Example, Ambassador, US Embassy. REASON: 1.4 (b), (d)', 'Gene Example', 'Ambassador, US Embassy', ['1.4(b)', '1.4(d)']],
    ['Classified By: POLOFF RICHARD EXAMPLE, FOR 1.5B AND D.', 'POLOFF RICHARD EXAMPLE', null, ['1.5(b)', '1.5(d)']],
    ['(U) Classified by Polcouns Pat Example; reasons 1.5 (b,d).', 'Polcouns Pat Example', null, ['1.5(b)', '1.5(d)']],
  ])('should read %j', (line, name, title, reasons) => {
    const c = parseCable(`UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n${line}\n\n1. (C) Text.\n`)
    expect(withoutSpans(c.classifiedBy)).toEqual({ name, title, reasons })
  })
})

describe('paragraphs, summary, comment, signature', () => {
  it('should number paragraphs with their portion marks and drop page headers from their text', () => {
    expect(wire.paragraphs.map((p) => [p.number, p.marking])).toEqual([[1, 'C'], [2, 'U'], [3, 'C']])
    expect(wire.paragraphs[2].text).toBe('COMMENT: We see no obstacle to an early agreement. END COMMENT.')
    expect(at(wire.paragraphs[1].span)).toBe('2. (U) The delegation will arrive in Washington in April.')
  })

  it.each([
    ['1.(C) Glued mark.', 'C'],
    ['1. C) Missing parenthesis.', 'C'],
    ['1. Unmarked text.', null],
    ['¶1. (S//NF) Web rendering.', 'S//NF'],
  ])('should read %j', (line, marking) => {
    const c = parseCable(`UNCLAS STATE 000001\n\nSUBJECT: X\n\n${line}\n`)
    expect(c.paragraphs[0]).toMatchObject({ number: 1, marking })
  })

  it('should read SUMMARY … END SUMMARY and COMMENT … END COMMENT', () => {
    expect(wire.summary).toBe('Swiss trade officials told us on February 20 that they expect the spring talks to focus on agriculture.')
    expect(wire.comment).toBe('We see no obstacle to an early agreement.')
  })

  it('should read an inline (Comment: …) in a body without header', () => {
    const c = parseCable(fixture('fragment-body.txt'))
    expect(c.comment).toBe('an inline comment.')
    expect(c.paragraphs.map((p) => p.number)).toEqual([1, 2])
  })

  it('should find the signature, also when glued to the last paragraph, and skip the wire trailer', () => {
    expect(wire.signers).toEqual(['EXAMPLE'])
    expect(parseCable(fixture('telegram-secret-noforn.txt')).signers).toEqual(['RICE'])
  })

  it.each([
    ['a short closing sentence', '2. (U) The delegation arrives in April.\nThanks.', 'The delegation arrives in April. Thanks.'],
    ['an exclamation', '2. (U) The talks went well.\nAgreed!', 'The talks went well. Agreed!'],
    ['a wrapped last line', '2. (U) The delegation will report on the outcome of the talks in May.\nThanks.', 'The delegation will report on the outcome of the talks in May. Thanks.'],
  ])('should keep %s glued under a numbered paragraph in the paragraph, not read it as the signature', (_name, para, read) => {
    const c = parseCable(`UNCLAS STATE 000001\n\nSUBJECT: (U) X\n\n1. (U) First.\n\n${para}\n`)
    expect(c.signers).toEqual([])
    expect(c.paragraphs.map((p) => [p.number, p.text])).toEqual([[1, 'First.'], [2, read]])
  })

  it('should still read a surname glued under the last numbered paragraph as the signature', () => {
    for (const name of ['RICE', 'Leach', 'DANILOVICH.']) {
      const c = parseCable(`UNCLAS STATE 000001\n\nSUBJECT: (U) X\n\n1. (U) First.\n\n2. (U) The talks went well.\n${name}\n`)
      expect(c.signers).toEqual([name])
      expect(c.paragraphs.map((p) => p.text)).toEqual(['First.', 'The talks went well.'])
    }
  })
})

describe('records without header or date', () => {
  it('should read a partial record and say what is missing', () => {
    const c = parseCable(fixture('partial-record.txt'))
    expect(c.id).toBeNull()
    expect(c.origin).toBe('AMEMBASSY HARARE')
    expect(c.classification).toBe('CONFIDENTIAL')
    expect(c.tags).toEqual(['PGOV', 'PINS', 'ZI'])
    expect(c.sections).toBe(2)
    expect(c.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['PARTIAL_RECORD', 'NO_DTG', 'UNRESOLVED_ID', 'NO_ORIGIN']))
  })

  it('should take the year from the publisher id hint when the MRN agrees', () => {
    expect(parseCable(fixture('partial-record.txt'), { hint: { id: '00HARARE4321' } }).id).toBe('00HARARE4321')
    expect(parseCable(fixture('partial-record.txt'), { hint: { id: '00HARARE9999' } }).id).toBeNull()
  })
})

describe('containers', () => {
  it('should read a Cablegate page: metadata table, two <pre> blocks, entities and links', () => {
    const page = fixture('cablegate-page.html')
    const c = parseCable(page)
    expect(c.container?.rendering).toBe('html')
    expect(c.container?.metadata).toEqual({ 'Reference ID': '08BERN417', Created: '2008-02-21 16:04', Released: '2011-01-01 00:12', Classification: 'CONFIDENTIAL', Origin: 'Embassy Bern' })
    expect(c).toMatchObject({ id: '08BERN417', tags: ['PREL', 'ETRD'], subject: 'SWISS TRADE TALKS' })
    expect(c.paragraphs[0].text).toBe('A & B agreed.')
  })

  it('should read a cables.csv row with quoted, escaped fields', () => {
    const c = parseCable(fixture('cables-row.csv'))
    expect(c.container?.rendering).toBe('csv')
    expect(c.container?.metadata).toMatchObject({ id: '4242', refid: '08BERN417', origin: 'Embassy Bern', references: '08STATE12345' })
    expect(c.subject).toBe('A "QUOTED" SUBJECT')
  })

  it('should report a CSV row cut short, and an HTML page without text', () => {
    expect(parseCable('1,"2/21/2008 16:25","08BERN417","Embassy Bern","CONFIDENTIAL","","VZCZC').diagnostics.map((d) => d.code)).toContain('BAD_CSV_ROW')
    expect(parseCable('<html><body>nothing here</body></html>').diagnostics.map((d) => d.code)).toContain('BAD_HTML')
  })
})

describe('repairs found by the linter', () => {
  it('should not take a line after the header block for an addressee', () => {
    const c = parseCable('R 010101Z JAN 09\nFM AMEMBASSY PARIS\nINFO AMEMBASSY BERN\n\nDEPT PLEASE PASS\n\nUNCLAS PARIS 000001\n')
    expect(c.info?.map((a) => a.name)).toEqual(['AMEMBASSY BERN'])
  })

  it('should keep a REF item whose letter opens a line out of order', () => {
    const c = parseCable('UNCLAS STATE 000001\n\nSUBJECT: X\nREF: B. STATE 1111\nA. PARIS 222\n\n1. (U) Text.\n')
    expect(c.references.map((r) => [r.letter, r.text])).toEqual([['B', 'STATE 1111'], ['A', 'PARIS 222']])
  })

  it('should find Classified By glued to a REF serial', () => {
    const c = parseCable('UNCLAS STATE 000001\n\nSUBJECT: X\nREF: CAIRO 1725Classified By: Pat Example, for reasons 1.4 (d)\n\n1. (C) Text.\n')
    expect(c.references[0].text).toBe('CAIRO 1725')
    expect(c.classifiedBy?.reasons).toEqual(['1.4(d)'])
  })

  it('should open a paragraph whose number skips one at a block start', () => {
    const c = parseCable('UNCLAS STATE 000001\n\nSUBJECT: X\n\n1. (U) One.\n\n2. (U) Two.\n\n4.(C) Four.\n')
    expect(c.paragraphs.map((p) => [p.number, p.marking])).toEqual([[1, 'U'], [2, 'U'], [4, 'C']])
  })
})
