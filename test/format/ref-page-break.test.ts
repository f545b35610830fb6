import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'

/**
 * Where a REF block goes on after a blank line (src/format/text.ts, `refContinuation`; spec §5.3, §5.9): at the next
 * item always; across a page break (the page's class line, blank lines, the page header) also where the line before
 * the break left an item open (`… AND`, `… OR`, `…,`, `…;`) or the line after it continues the list (a number or a
 * lower-case word); anywhere else the block ends, and what follows is no reference. Issue 15: the mutants of
 * `refContinuation`. Invented posts (MORVALE, TESSIN, VELLORA) and synthetic telegrams only.
 */

const envelope = 'R 061419Z MAR 08\nFM AMEMBASSY MORVALE\nTO SECSTATE WASHDC PRIORITY 1234\nBT\n'
const cable = (ref: string) =>
  `${envelope}CONFIDENTIAL MORVALE 001234\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: A REF BLOCK\n\n${ref}\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n1. (C) First paragraph.\n\n2. (C) Second paragraph.\n\nDOE\n`
/** A page break as a telegram prints it: the page's class line, a blank line, the next page's header. */
const PAGE = '\nCONFIDENTIAL\n\nPAGE 02 MORVALE 01234 061419Z\n'
const read = (text: string) => parseCable(text).references.map((r) => [r.letter, r.id, r.text])

describe('a REF block after a blank line without a page break', () => {
  it('should end at the blank line even after an open item and before a number', () => {
    expect(read(cable('REF: A. STATE 1234 AND\n\n     5678\n     B. TESSIN 9'))).toEqual([['A', '08STATE1234', 'STATE 1234 AND']])
  })
})

describe('a REF block across a page break', () => {
  it('should go on at a line that opens with a number, indented or not, though the item before was closed', () => {
    for (const serial of ['     5678', '5678']) {
      expect(read(cable(`REF: A. STATE 1234${PAGE}${serial}\n     B. TESSIN 9`)), serial).toEqual([
        ['A', '08STATE1234', 'STATE 1234 5678'],
        ['B', '08TESSIN9', 'TESSIN 9'],
      ])
    }
  })

  it('should go on at a line that opens with a lower-case word', () => {
    expect(read(cable(`REF: A. STATE 1234 AND TESSIN 9 on the${PAGE}     harbour talks\n     B. VELLORA 5`))).toEqual([
      ['A', '08STATE1234', 'STATE 1234'],
      ['A', '08TESSIN9', 'TESSIN 9 on the harbour talks'],
      ['B', '08VELLORA5', 'VELLORA 5'],
    ])
  })

  it('should go on at a capitalised line where the line before the break ends open: AND, OR, a comma, a semicolon, blanks after', () => {
    const joined = [
      ['A', '08STATE1234', 'STATE 1234'],
      ['A', '08TESSIN9', 'TESSIN 9'],
      ['B', '08VELLORA5', 'VELLORA 5'],
    ]
    for (const open of ['A. STATE 1234 AND', 'A. STATE 1234 AND   ', 'A. STATE 1234,', 'A. STATE 1234;']) {
      expect(read(cable(`REF: ${open}${PAGE}     TESSIN 9\n     B. VELLORA 5`)), open).toEqual(joined)
    }
    expect(read(cable(`REF: A. STATE 1234 OR${PAGE}     TESSIN 9\n     B. VELLORA 5`))).toEqual([
      ['A', '08STATE1234', 'STATE 1234 OR TESSIN 9'],
      ['B', '08VELLORA5', 'VELLORA 5'],
    ])
  })

  it('should end where the line before the break is closed, whatever separators stand inside it or a word ends in', () => {
    for (const closed of ['A. STATE 1234, TESSIN 9', 'A. STATE 1234 AND TESSIN 9']) {
      expect(read(cable(`REF: ${closed}${PAGE}     VELLORA 5 WAS NOT SEEN`)), closed).toEqual([
        ['A', '08STATE1234', 'STATE 1234'],
        ['A', '08TESSIN9', 'TESSIN 9'],
      ])
    }
    // BRAND ends in AND, but is no AND
    expect(read(cable(`REF: A. STATE 1234 BRAND${PAGE}     VELLORA 5 WAS NOT SEEN`))).toEqual([['A', '08STATE1234', 'STATE 1234 BRAND']])
  })

  it('should end before a capitalised sentence holding lower-case words and numbers further on', () => {
    expect(read(cable(`REF: A. STATE 1234${PAGE}The embassy learned on 3 March that talks resume.`))).toEqual([['A', '08STATE1234', 'STATE 1234']])
  })

  it('should join an open item in a text whose first line is the REF block', () => {
    // a fragment: the line before the break is the text's first; no id without the cable's year
    expect(read('REF: A. STATE 1234 AND\nCONFIDENTIAL\n\nPAGE 02 MORVALE 01234 061419Z\n     TESSIN 9\n')).toEqual([
      ['A', null, 'STATE 1234'],
      ['A', null, 'TESSIN 9'],
    ])
  })

  it('should end at the text\'s end, blank lines or a page\'s class line after the block', () => {
    const head = `${envelope}CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\n`
    for (const [tail, block] of [['\n\n\n', 'REF: A. STATE 1234'], [`${PAGE}\n`, 'REF: A. STATE 1234\nCONFIDENTIAL']]) {
      const text = `${head}REF: A. STATE 1234${tail}`
      const c = parseCable(text)
      expect(c.references.map((r) => [r.letter, r.id, r.text])).toEqual([['A', '08STATE1234', 'STATE 1234']])
      expect(text.slice(c.spans.references!.start.offset, c.spans.references!.end.offset)).toBe(block)
    }
  })

  it('should never go on into a numbered paragraph after the break, an open item before it or not', () => {
    for (const last of ['A. STATE 1234', 'A. STATE 1234 AND']) {
      const text = `${envelope}CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\nREF: ${last}${PAGE}1. (C) First paragraph 12 of them.\n\n2. (C) Second.\n\nDOE\n`
      const c = parseCable(text)
      expect(c.references.map((r) => [r.letter, r.id, r.text]), last).toEqual([['A', '08STATE1234', last.slice(3)]])
      expect(c.paragraphs.map((p) => p.number), last).toEqual([1, 2])
      expect(text.slice(c.spans.references!.start.offset, c.spans.references!.end.offset), last).toBe(`REF: ${last}\nCONFIDENTIAL`)
    }
  })

  it('should keep the page header inside the block it breaks, and end before the Classified-by line after it', () => {
    const text = `${envelope}CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\nREF: A. STATE 1234,${PAGE}Classified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n1. (C) First.\n\nDOE\n`
    const c = parseCable(text)
    expect(c.references.map((r) => [r.letter, r.id, r.text])).toEqual([['A', '08STATE1234', 'STATE 1234']])
    expect(text.slice(c.spans.references!.start.offset, c.spans.references!.end.offset)).toBe('REF: A. STATE 1234,\nCONFIDENTIAL\n\nPAGE 02 MORVALE 01234 061419Z')
    expect(c.classifiedBy?.name).toBe('Ambassador J. Doe')
  })

  it('should read a REF block that ends a text of front matter alone, blank lines or a page break after it', () => {
    // no subject and no paragraph: the front matter runs to the text's end, past which nothing is read
    for (const text of ['CONFIDENTIAL MORVALE 001234\n\nREF: A. STATE 1234\n\n', 'CONFIDENTIAL MORVALE 001234\n\nREF: A. STATE 1234\n\n\n\n', 'REF: A. STATE 1234\n\n']) {
      expect(parseCable(text, { hint: { id: '08MORVALE1234' } }).references.map((r) => [r.letter, r.id, r.text]), text).toEqual([['A', '08STATE1234', 'STATE 1234']])
    }
    expect(parseCable(`REF: A. STATE 1234 AND${PAGE}\n`, { hint: { id: '08MORVALE1234' } }).references.map((r) => [r.letter, r.id, r.text])).toEqual([['A', '08STATE1234', 'STATE 1234 AND']])
  })
})


describe('a REF block across a page break with blank lines on both sides of the page header', () => {
  /** A page break as some copies print it: a blank line, the page header, a blank line. */
  const SPACED = '\n\nPAGE 02 MORVALE 01234 061419Z\n\n'

  it('should go on at the item the line before the break left open, past the blank line after the page header', () => {
    for (const open of ['A. STATE 1234,', 'A. STATE 1234 AND', 'A. STATE 1234;']) {
      expect(read(cable(`REF: ${open}${SPACED}     TESSIN 9\n     B. VELLORA 5`)), open).toEqual([
        ['A', '08STATE1234', 'STATE 1234'],
        ['A', '08TESSIN9', 'TESSIN 9'],
        ['B', '08VELLORA5', 'VELLORA 5'],
      ])
    }
    // a number or a lower-case word after the break goes on too, and so does the next item
    expect(read(cable(`REF: A. STATE 1234${SPACED}5678\n     B. TESSIN 9`))).toEqual([
      ['A', '08STATE1234', 'STATE 1234 5678'],
      ['B', '08TESSIN9', 'TESSIN 9'],
    ])
  })

  it('should keep the page header and both blank lines inside the block, and end where the item was closed', () => {
    const text = `${envelope}CONFIDENTIAL MORVALE 001234\n\nSUBJECT: A REF BLOCK\n\nREF: A. STATE 1234,${SPACED}TESSIN 9\n\n1. (C) First.\n\nDOE\n`
    const c = parseCable(text)
    expect(text.slice(c.spans.references!.start.offset, c.spans.references!.end.offset)).toBe(`REF: A. STATE 1234,${SPACED}TESSIN 9`)
    expect(c.paragraphs.map((p) => p.number)).toEqual([1])
    expect(read(cable(`REF: A. STATE 1234${SPACED}The embassy learned on 3 March that talks resume.`))).toEqual([['A', '08STATE1234', 'STATE 1234']])
  })
})
