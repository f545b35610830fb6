import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic texts (invented posts MORVALE and TESSIN, invented text) that lost the empty line between the front
// matter and paragraph 1, as texts of the 1970s, OCR copies and some exports write them: paragraph 1 opens the
// body all the same (spec §5.8: a subject ends at paragraph 1), marked or not, and the body is read from there.
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}

describe('paragraph 1 glued under the front matter', () => {
  it('should end an unmarked SUBJECT at paragraph 1 and read the paragraphs and signer below it', () => {
    const c = parse('UNCLAS MORVALE 1241\nE.O. 11652: N/A\nTAGS: EAGR, XY\nSUBJECT: INVENTED JUTE TALKS\n1. INVENTED TEXT.\n2. MORE TEXT.\nGOHEEN\n')
    expect(c.subject).toBe('INVENTED JUTE TALKS')
    expect(c.tags).toEqual(['EAGR', 'XY'])
    expect(c.paragraphs.map((p) => [p.number, p.text])).toEqual([[1, 'INVENTED TEXT.'], [2, 'MORE TEXT.']])
    expect(c.signers).toEqual(['GOHEEN'])
  })

  it('should open a marked paragraph 1 glued under the SUBJECT or the Classified By line', () => {
    const subject = parse('C O N F I D E N T I A L MORVALE 000412\n\nSUBJECT: INVENTED TALKS\n1. (C) The minister spoke.\n\n2. (C) The envoy answered.\n\nSMITH\n')
    expect(subject.paragraphs.map((p) => [p.number, p.marking])).toEqual([[1, 'C'], [2, 'C']])
    expect(subject.signers).toEqual(['SMITH'])
    const classifiedBy = parse('C O N F I D E N T I A L MORVALE 000413\n\nSUBJECT: INVENTED TALKS\n\nClassified By: Ambassador A. Nobody for reasons 1.4 (b) and (d).\n1.(C) Summary: the talks failed. End summary.\n\n2. (C) Text.\n\nSMITH\n')
    expect(classifiedBy.classifiedBy?.reasons).toEqual(['1.4(b)', '1.4(d)'])
    expect(classifiedBy.paragraphs.map((p) => p.number)).toEqual([1, 2])
    expect(classifiedBy.summary).toBe('the talks failed.')
  })

  it('should open paragraph 1 glued under a REF block or the class line', () => {
    const ref = parse('UNCLAS MORVALE 001242\n\nSUBJECT: INVENTED\n\nREF: A. TESSIN 12 B. STATE 3456\n1. TEXT ONE.\n\n2. TEXT TWO.\n')
    expect(ref.references.map((r) => r.text)).toEqual(['TESSIN 12', 'STATE 3456'])
    expect(ref.paragraphs.map((p) => p.number)).toEqual([1, 2])
    const classLine = parse('UNCLAS MORVALE 001243\n1. TEXT ONE.\n\n2. TEXT TWO.\n')
    expect(classLine.paragraphs.map((p) => p.number)).toEqual([1, 2])
  })

  it('should keep a subject wrapped onto a line that opens with another number, and a numbered REF list', () => {
    const wrapped = parse('UNCLAS MORVALE 001244\n\nSUBJECT: INVENTED TALKS ON THE\n1979 HARVEST\n\n1. TEXT.\n')
    expect(wrapped.subject).toBe('INVENTED TALKS ON THE 1979 HARVEST')
    expect(wrapped.paragraphs.map((p) => p.number)).toEqual([1])
    const list = parse('UNCLAS MORVALE 001245\n\nSUBJECT: INVENTED\n\nREFS:\n1. TESSIN 12\n2. STATE 3456\n\n1. TEXT.\n')
    expect(list.paragraphs.map((p) => [p.number, p.text])).toEqual([[1, 'TEXT.']])
  })
})

describe('class line glued under the address lines', () => {
  it('should read the class line right under the TO or INFO list, ending the list there', () => {
    const c = parse('R 201030Z JAN 79\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 4455\nUNCLAS MORVALE 1241\nSUBJECT: INVENTED JUTE TALKS\n1. INVENTED TEXT.\n\n2. MORE TEXT.\n')
    expect(c.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect([c.id, c.classification, c.subject]).toEqual(['79MORVALE1241', 'UNCLASSIFIED', 'INVENTED JUTE TALKS'])
    expect(c.paragraphs.map((p) => p.number)).toEqual([1, 2])
    const info = parse('o 091553z mar 74\nfm amembassy morvale\nto secstate washdc niact immediate 0455\ninfo amembassy tessin\nusmission usnato\nC O N F I D E N T I A L MORVALE 0455\n\n1. (C) Text.\n')
    expect(info.info?.map((a) => a.name)).toEqual(['AMEMBASSY TESSIN', 'USMISSION USNATO'])
    expect([info.id, info.classification]).toEqual(['74MORVALE455', 'CONFIDENTIAL'])
  })

  it('should not take a class line glued under other lines, or under an INFO distribution list alone, for the header’s end', () => {
    // a later section's class line under its page header's distribution list is no class line of the header
    const c = parse('C O N F I D E N T I A L SECTION 01 OF 02 MORVALE 001196\n\nSUBJECT: INVENTED\n\n1. (C) Text.\n\nPAGE 01 MORVALE 01196 02 OF 02 082031Z\nINFO LOG-00 COR-01 NP-00\nC O N F I D E N T I A L SECTION 02 OF 02 MORVALE 001196\n\n2. (C) More.\n')
    expect([c.id, c.subject]).toEqual([null, 'INVENTED'])
    expect(c.mrn).toEqual({ origin: 'MORVALE', serial: '001196' })
    expect(c.paragraphs.map((p) => p.number)).toEqual([1, 2])
    // a TAGS or SUBJECT line glued under the addresses ends the list: never an addressee
    const tags = parse('FM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 0001\nTAGS: ECON XY\nSUBJECT: INVENTED\n\n1. Text.\n')
    expect(tags.to?.map((a) => a.name)).toEqual(['SECSTATE WASHDC'])
    expect([tags.tags, tags.subject]).toEqual([['ECON', 'XY'], 'INVENTED'])
    const subject = parse('FM AMEMBASSY MORVALE\nTO SECSTATE WASHDC 0001\nINFO AMEMBASSY TESSIN\nSUBJECT: INVENTED\nE.O. 12958: N/A\n\n1. Text.\n')
    expect(subject.info?.map((a) => a.name)).toEqual(['AMEMBASSY TESSIN'])
    expect([subject.subject, subject.eo?.order]).toEqual(['INVENTED', '12958'])
  })
})
