/**
 * The restricting caveats a reader recognises in a mark nobody can read (`legibleCaveats`, QA 10 F1, QA 11 F2), the
 * controls after a mark's bracket (`markTail`, QA 14r9 F5, QA 10 F8, QA 11 F3) and the level such a control is
 * demanded at (the lead mark's, 48c72bc), one mark or line at a time, pure (issue 15, nineteenth mutation run). The
 * cables these decide, filed, rendered and searched, are in test/research/redact-legible-caveats,
 * redact-mark-tail-blanks and redact-mark-tails; these write each reading out whole.
 */
import { describe, expect, it } from 'vitest'
import { innerMarks, markTail, raisedBy, splitMarks, UNCLOSED_MARK, UNREAD_CONTROL, type BodyPortion } from '../../src/format/body-portions.js'
import { isRestrictingCaveatWord, legibleCaveats } from '../../src/format/marking.js'

describe('legibleCaveats', () => {
  it.each([
    // a readable marking gives its own restricting caveats, none when it names none
    ['S//NF', ['NOFORN']],
    ['C/REL TO USA, GBR', []],
    // read whole by the parser, a country code is no caveat, though a word of three holding NF would be one in a
    // marking nobody reads (`XNF` below)
    ['C//REL TO USA, NFK', []],
    // a release to the United States alone is NOFORN (QA 14 round 11, F1), readable or not
    ['C/REL TO USA', ['NOFORN']],
    ['S//ZZ//REL TO USA', ['NOFORN']],
    ['ORCON', ['ORCON']],
    ['S//LIMDIS', ['LIMDIS']],
    // a control nobody here reads beside a caveat: the caveat, in RESTRICTIVE_CAVEATS' order
    ['TS//SI//NF', ['NOFORN']],
    ['S//ZZ//OC/EXDIS', ['EXDIS', 'ORCON']],
    ['S//ZZ/NOFORN/ORCON', ['NOFORN', 'ORCON']],
    ['S//ZZ//NF OC', ['NOFORN', 'ORCON']],
    ['S//ZZ/nf', ['NOFORN']],
    // captions and caption phrases, with the caveats they stand for
    ['S//ZZ//EYES ONLY', ['NODIS']],
    ['S//ZZ//NODIF', ['NODIS']],
    ['S//ZZ//STADIS', ['STADIS']],
    ['S//ZZ//CHEROKEE', ['NODIS', 'CHEROKEE']],
    // spelt across separators or letter-spaced
    ['S//N/F', ['NOFORN']],
    ['S//NO FORN', ['NOFORN']],
    // the same in a marking nobody reads: the single letters after a longer word make one word of their own
    // (`ZZ`, `NF`, never `ZZNF`), and the words of a phrase or a caveat read with a word after them
    ['S//ZZ//N/F', ['NOFORN']],
    ['S//ZZ//NO FORN XX', ['NOFORN']],
    ['S//ZZ//EYES ONLY X', ['NODIS']],
    ['N O F O R N', ['NOFORN']],
    ['S//NF.', ['NOFORN']],
    // glued inside a longer word
    ['S//NOFORNSI', ['NOFORN']],
    ['S//ORCON-USGOV', ['ORCON']],
    ['S//ZZ//ONOFORN', ['NOFORN']],
    ['S//ZZ//XEXDIS', ['EXDIS']],
    // one typing error off a caveat of five letters or more
    ['S//NOFRON', ['NOFORN']],
    ['S//NOFORM', ['NOFORN']],
    ['S//NOFRN', ['NOFORN']],
    ['S//EXDIX', ['EXDIS']],
    ['S//ZZ//EXDS', ['EXDIS']],
    ['S//ZZ//EXDISX', ['EXDIS']],
    ['S//ORCN', ['ORCON']],
    ['S//NODS', ['NODIS']],
    ['S//NODI', ['NODIS']],
    // a two-letter short form with one letter more
    ['S//XNF', ['NOFORN']],
    ['S//NFX', ['NOFORN']],
    ['S//NFF', ['NOFORN']],
    ['S//NFS', ['NOFORN']],
    ['S//XOC', ['ORCON']],
    ['S//OCX', ['ORCON']],
    // glued to a classified level
    ['SNF', ['NOFORN']],
    ['S//CNF', ['NOFORN']],
    ['S//TSNF', ['NOFORN']],
    ['TSNFNODIS', ['NOFORN', 'NODIS']],
  ])('reads %j as %j', (text, caveats) => {
    expect(legibleCaveats(text)).toEqual(caveats)
  })

  it.each([
    // controls nobody here reads, and words no caveat is
    'S//SI',
    'S//ZZ',
    'S//ZZ//A B',
    'S//ZZ//REL TO USA, GBR',
    // a level's initial glued to OC is an acronym as often (SOC)
    'SOC',
    'S//SOC',
    // three letters off ORCON; a word of four holding no caveat
    'S//ORC',
    'S//SONF',
    // the letters of a letter-spaced class word are one word, never an N F
    'C O N F I D E N T I A L',
  ])('reads no caveat in %j', (text) => {
    expect(legibleCaveats(text)).toEqual([])
  })
})

describe('isRestrictingCaveatWord', () => {
  it.each([
    ['NF', true],
    ['NOFORN', true],
    ['ORCON', true],
    ['NODIS', true],
    ['EXDIS', true],
    // organised crime as often; lower case; a control nobody reads
    ['OC', false],
    ['nf', false],
    ['SI', false],
  ])('%s: %s', (word, is) => {
    expect(isRestrictingCaveatWord(word)).toBe(is)
  })
})

describe('markTail', () => {
  it.each([
    ['//NF', ['NF']],
    ['/NF', ['NF']],
    ['// NF/ORCON', ['NF', 'ORCON']],
    ['//NOFORN//ORCON', ['NOFORN', 'ORCON']],
    ['//NF, OC', ['NF', 'OC']],
    ['//nf', ['NF']],
    ['/ /NF', ['NF']],
    [' / NF', ['NF']],
    // blanks alone: a restricting caveat no acronym shares, a caveat written in full in any case
    [' NF', ['NF']],
    ['  NODIS x', ['NODIS']],
    [' NOFORN', ['NOFORN']],
    [' noforn', ['NOFORN']],
    [' Noforn rules', ['NOFORN']],
    [' noforn/nf', ['NOFORN', 'NF']],
    // a control nobody reads beside caveats: the caveats and the unread control
    ['//ZZ/NF', ['NF', UNREAD_CONTROL]],
    ['/NF/CT', ['NF', UNREAD_CONTROL]],
    [' NF/SI', ['NF', UNREAD_CONTROL]],
    ['//NF/ZZ/OC', ['NF', 'OC', UNREAD_CONTROL]],
    // after two slashes nothing or no caveat word: a control nobody reads
    ['//', [UNREAD_CONTROL]],
    ['//SI', [UNREAD_CONTROL]],
    ['/ /', [UNREAD_CONTROL]],
  ])('reads %j as %j', (after, tail) => {
    expect(markTail(after)).toEqual(tail)
  })

  it.each([
    // a single slash before no caveat word: an office (`(S)/CT`)
    '/CT',
    '/ZZ',
    // blanks alone before prose: a short form not in capitals, OC, a word no caveat is, a caveat cut short
    ' Nf officials',
    ' nf',
    ' OC groups',
    ' NOTE: x',
    ' NOFOR',
    // no blank or slash after the bracket
    'NF',
    '',
  ])('reads no control in %j', (after) => {
    expect(markTail(after)).toEqual([])
  })
})

describe('the controls after a mark, at that mark\'s level', () => {
  it.each([
    // the mark the line was cut after (`afterMark`)
    [' NODIS GOSSIP', 'C', ['CONFIDENTIAL//NODIS']],
    ['//NF the plan', 'S', ['SECRET//NF']],
    [' NF x', 'TS', ['TOP SECRET//NF']],
    [' NF x', 'TOP SECRET', ['TOP SECRET//NF']],
    ['//NF', 'S//NF', ['SECRET//NF']],
    ['//NF', 'S ', ['SECRET//NF']],
    // a lead naming no level, and a control nobody reads, stay as they are
    ['//NF x', 'NF', ['NF']],
    ['//ZZ the plan', 'S', [UNREAD_CONTROL]],
    ['//ZZ/NF the plan', 'C', ['CONFIDENTIAL//NF', UNREAD_CONTROL]],
  ])('reads %j after (%s) as %j', (line, mark, found) => {
    expect(innerMarks(line, '', mark)).toEqual(found)
  })

  it('reads no tail without a mark before the line', () => {
    expect(innerMarks('//NF the plan', '')).toEqual([])
    expect(innerMarks(' NODIS GOSSIP', '', null)).toEqual([])
  })

  it.each([
    ['talks (C)//NF today', ['C', 'CONFIDENTIAL//NF']],
    ['talks (C) NODIS today', ['C', 'CONFIDENTIAL//NODIS']],
    ['talks (S) noforn x', ['S', 'SECRET//NOFORN']],
    ['talks (NF)//OC x', ['NF', 'OC']],
  ])('reads the mark inside %j and its tail as %j', (line, found) => {
    expect(innerMarks(line)).toEqual(found)
  })
})

describe('a mark nobody can read still raises the cable by its legible caveats', () => {
  const portion = (mark: string | null, inner: string[]): BodyPortion => ({ start: 0, number: null, mark, lead: '', lines: [0], inner, within: [] })

  it.each([
    [[portion('TS//SI//NF', [])], { level: 2, caveats: ['NOFORN'] }],
    [[portion('S', ['S//ZZ//NF'])], { level: 3, caveats: ['NOFORN'] }],
    [[portion(null, ['S//ZZ//OC'])], { level: 2, caveats: ['ORCON'] }],
    [[portion('S//ZZ', ['C'])], { level: 2, caveats: [] }],
  ])('raises a CONFIDENTIAL cable of %j to %j', (portions, overall) => {
    expect(raisedBy({ level: 2, caveats: [] }, portions)).toEqual(overall)
  })

  it.each([
    ['2. (S//ZZ//NF the plan\nx\n', [{ mark: UNCLOSED_MARK, at: 3 }, { mark: 'NOFORN', at: 3 }]],
    ['2. (S//ZZ//NF/OC the plan\n', [{ mark: UNCLOSED_MARK, at: 3 }, { mark: 'NOFORN/ORCON', at: 3 }]],
    ['2. (S//SI//NOFORN talks\n', [{ mark: UNCLOSED_MARK, at: 3 }, { mark: 'NOFORN', at: 3 }]],
    ['2. (S//ZZ the plan\n', [{ mark: UNCLOSED_MARK, at: 3 }]],
  ])('reads the unclosed mark of %j and its legible caveats', (text, found) => {
    expect(splitMarks(text)).toEqual(found)
  })
})
