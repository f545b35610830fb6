/**
 * `bodyPortions` (src/format/body-portions.ts), the portions of a cable's body line by line: where each starts, the
 * mark it opens with, the marks inside it and the marks of the portion it stands in. Written for the survivors of
 * issue 15's eighteenth mutation run (docs/testing.md): which lines a paragraph number frees from the portion before
 * them, list letters before a mark and as the mark, controls after a mark, the trailer words, what a non-body line
 * between two lines keeps. Each expected portion is written out from the spec's shapes (§5.10 marks and sub-items,
 * §7 rule 1: unmarked text at the overall level). Synthetic cables (invented post QUORIN).
 */
import { describe, expect, it } from 'vitest'
import { bodyPortions } from '../../src/format/body-portions.js'
import { parseCable } from '../../src/format/parse.js'

const HEAD = `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

C O N F I D E N T I A L QUORIN 000123

SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

`
/** The portions of a cable whose body is `body`: each one's first characters, number, mark, lead, lines (their first characters), inner and enclosing marks. */
const portions = (body: string, options?: { inner?: boolean }) => {
  const text = `${HEAD}${body}\nQUILL\n`
  return bodyPortions(parseCable(text, { plain: true }), text, options).map((p) => ({
    at: text.slice(p.start, p.start + 12),
    number: p.number,
    mark: p.mark,
    lead: p.lead,
    lines: p.lines.map((l) => text.slice(l, l + 6)),
    inner: p.inner,
    within: p.within,
  }))
}
const ALPHA = { at: '1. (C) Alpha', number: 1, mark: 'C', lead: '', lines: ['1. (C)'], inner: [], within: [] }
/** A portion that is no numbered paragraph. */
const line = (at: string, mark: string | null, lead: string, lines: string[], inner: string[], within: (string | null)[]) => ({ at, number: null, mark, lead, lines, inner, within })

describe('bodyPortions: a marked line right under a portion', () => {
  it('should free a line whose mark follows a paragraph number, with or without ¶ and blanks before it, from the portion before', () => {
    for (const [body, at, lead] of [
      ['1. (C) Alpha talks.\n¶6. (S) run together.\n', '¶6. (S) run ', '¶6. '],
      ['1. (C) Alpha talks.\n  ¶6. (S) run together.\n', '  ¶6. (S) ru', '  ¶6. '],
      ['1. (C) Alpha talks.\n 5. (S) run together.\n', ' 5. (S) run ', ' 5. '],
      ['1. (C) Alpha talks.\n5. (S) run together.\n', '5. (S) run t', '5. '],
      ['1. (C) Alpha talks.\n5) (S) run together.\n', '5) (S) run t', '5) '],
    ])
      expect(portions(body), body).toEqual([ALPHA, line(at, 'S', lead, [at.slice(0, 6)], [], [])])
  })

  it('should keep a line whose mark follows a sub-item number inside the portion before, never below its mark', () => {
    expect(portions('1. (C) Alpha talks.\n(1) (S) sub item.\n')).toEqual([ALPHA, line('(1) (S) sub ', 'S', '(1) ', ['(1) (S'], [], ['C'])])
  })

  it('should read a list letter in sequence at a line start as the list’s, and after an enumerator or with its own blanks as a mark', () => {
    const items = { ...ALPHA, at: '1. (C) Items', lines: ['1. (C)'] }
    // (S) after (R), both citing a cable: the next item of the list, a line of the paragraph
    expect(portions('1. (C) Items (R) STATE 10\n  (S) STATE 11\n')).toEqual([{ ...items, lines: ['1. (C)', '  (S) '] }])
    expect(portions('1. (C) Items (R) STATE 10\n( S ) STATE 11\n')).toEqual([{ ...items, lines: ['1. (C)', '( S ) '] }])
    // after a bullet the letter stands where a mark stands
    expect(portions('1. (C) Items (R) STATE 10\n- (S) STATE 11\n')).toEqual([items, line('- (S) STATE ', 'S', '- ', ['- (S) '], [], ['C'])])
  })

  it('should read a letter after a page header outside any portion by the lettered list of the text, not the list before the header', () => {
    // (R) and (S) stand on nearby lines: an item letter, unmarked, that still counts as a mark
    expect(portions('(R) STATE 10\nQUORIN 00000123  002 OF 002\n(S) STATE 11\n')).toEqual([
      line('(R) STATE 10', null, '', ['(R) ST'], [], []),
      line('(S) STATE 11', null, '(S) ', ['(S) ST'], ['S'], []),
    ])
    expect(portions('(A) one\nQUORIN 00000123  002 OF 002\n(S) two\n')).toEqual([line('(A) one\nQUOR', null, '', ['(A) on'], [], []), line('(S) two\n\nQUI', 'S', '', ['(S) tw'], [], [])])
  })

  it('should keep the context of a lower-case list across a page header that ends no portion with a blank line', () => {
    expect(portions('(a) one\n(b) two\nQUORIN 00000123  002 OF 002\nitems (c) three\n')).toEqual([
      line('(a) one\n(b) ', null, '', ['(a) on', '(b) tw'], [], []),
      line('items (c) th', null, '', ['items '], [], []),
    ])
  })
})

describe('bodyPortions: letters at a line start, as list items and as marks', () => {
  it('should take an item letter written with blanks, or indented, as the list’s next item, unmarked, still counting as a mark', () => {
    expect(portions('1. (C) Alpha talks.\n\n(A) one\n(B) two\n( C ) three\n')[2]).toEqual(line('( C ) three\n', null, '( C ) ', ['( C ) '], ['C'], [null]))
    expect(portions('1. (C) Alpha talks.\n\n(A) one\n(B) two\n  (C) three\n')[2]).toEqual(line('  (C) three\n', null, '  (C) ', ['  (C) '], ['C'], [null]))
  })

  it('should read a letter after an enumerator as a mark even inside a lettered list', () => {
    expect(portions('1. (C) Alpha talks.\n\n(B) two\nA. (C) three\n(D) four\n')[2]).toEqual(line('A. (C) three', 'C', 'A. ', ['A. (C)', '(D) fo'], [], [null]))
  })

  it('should count a letter before a mark as a mark too, unless it is a lower-case item of a lettered list', () => {
    // lower case beside no list, in any spacing: a mark
    for (const [body, at, lead] of [
      ['  (s) (U) text\n', '  (s) (U) te', '  (s) '],
      ['( s ) (U) text\n', '( s ) (U) te', '( s ) '],
      ['(s ) (U) text\n', '(s ) (U) tex', '(s ) '],
      ['(s)(U) text\n', '(s)(U) text\n', '(s)'],
    ])
      expect(portions(`1. (C) Alpha talks.\n\n${body}`)[1], body).toEqual(line(at, 'U', lead, [at.slice(0, 6)], ['S'], []))
    expect(portions('1. (C) Alpha talks.\n\n(c) (S) text\n')[1]).toEqual(line('(c) (S) text', 'S', '(c) ', ['(c) (S'], ['C'], []))
    // lower case between (b) and (d): the list's letter, no mark
    expect(portions('1. (C) Alpha talks.\n\n(b) two\n(c) (S) text\n(d) four\n')[2]).toEqual(line('(c) (S) text', 'S', '(c) ', ['(c) (S', '(d) fo'], [], [null]))
    // upper case between (B) and (D): a mark all the same (fail closed)
    expect(portions('1. (C) Alpha talks.\n\n(B) two\n(C) (S) text\n(D) four\n')[2]).toEqual(line('(C) (S) text', 'S', '(C) ', ['(C) (S', '(D) fo'], ['C'], [null]))
  })
})

describe('bodyPortions: what a portion opens with and what it holds', () => {
  it('should read a numbered paragraph without a mark as unmarked, and the controls after a paragraph’s or a line’s mark', () => {
    expect(portions('1. (C) Alpha talks.\n\n2. Plain unmarked paragraph.\n')[1]).toEqual({ at: '2. Plain unm', number: 2, mark: null, lead: '', lines: ['2. Pla'], inner: [], within: [] })
    expect(portions('1. (C) Alpha talks.\n\n2. (S)//NF The plan.\n')[1]).toEqual({ at: '2. (S)//NF T', number: 2, mark: 'S', lead: '', lines: ['2. (S)'], inner: ['SECRET//NF'], within: [] })
    expect(portions('1. (C) Alpha talks.\n\n(S)//NF The plan.\n')[1]).toEqual(line('(S)//NF The ', 'S', '', ['(S)//N'], ['SECRET//NF'], []))
  })

  it('should read the marks inside lines unless asked for the opening marks only', () => {
    const body = '1. (C) the talks (S) went (S//\nNF) on.\n'
    const whole = [{ at: '1. (C) the t', number: 1, mark: 'C', lead: '', lines: ['1. (C)', 'NF) on'], inner: ['S', 'S//NF'], within: [] }]
    expect(portions(body)).toEqual(whole)
    expect(portions(body, { inner: true })).toEqual(whole)
    expect(portions(body, { inner: false })).toEqual([{ ...whole[0], inner: [] }])
  })

  it('should give a mark broken across a line end to its own portion only, not to a block after a blank line', () => {
    expect(portions('(S//\nNF) the plan continues.\n\nUnmarked block after it.\n')).toEqual([
      line('(S//\nNF) the', null, '', ['(S//\nN', 'NF) th'], ['S//NF'], []),
      line('Unmarked blo', null, '', ['Unmark'], [], []),
    ])
  })

  it('should carry a portion on after a trailer word, with the list context of its line', () => {
    expect(portions('NNNN THE PLAN\nmore text here\n')).toEqual([line('NNNN THE PLA', null, 'NNNN ', ['NNNN T', 'more t'], [], [])])
    expect(portions('NNNN items (a) one, (b) two\nmore (c) three\n')).toEqual([line('NNNN items (', null, 'NNNN ', ['NNNN i', 'more ('], [], [])])
  })
})
