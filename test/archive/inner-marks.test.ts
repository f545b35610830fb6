/**
 * The portion marks standing inside a line (`innerMarks`) and broken across a line end (`splitMarks`),
 * src/format/body-portions.ts: each raises the portion it stands in and the level a cable is filed at, so a mark
 * missed here is text shown to a reader below it. Each shape the docstrings and the spec name (spec §5.10 marks and
 * caveats, §5.2 the spaced class word, §7 the lattice) is written out with what it reads as; acronyms, lettered lists
 * and prose are no marks. Pure, synthetic lines (invented post QUORIN). Issue 15's mutation run (docs/testing.md).
 */
import { describe, expect, it } from 'vitest'
import { bodyPortions, innerMarks, markTail, splitMarks } from '../../src/format/body-portions.js'
import { parseCable } from '../../src/format/parse.js'
import { redactText } from '../../src/archive/redact.js'

const inner = (cases: [string, string[]][], before = '') => {
  for (const [line, marks] of cases) expect([line, innerMarks(line, before)]).toEqual([line, marks])
}

describe('innerMarks: a bracketed word inside a line', () => {
  it('should read a mark in either letter case, with blanks inside, between any brackets', () => {
    inner([
      ['the talks (S) went on', ['S']],
      ['the talks ( s ) went on', ['S']],
      ['the talks [S] went on', ['S']],
      ['the talks {S} went on', ['S']],
      ['the talks (SECRET) went on', ['SECRET']],
      ['the talks (TOP  SECRET) went on', ['TOP SECRET']],
      ['THE TALKS (top secret) WENT ON', ['TOP SECRET']],
      ['the (NF) paragraph', ['NF']],
      ['the (NOFORN) paragraph', ['NOFORN']],
      // a word that looks like a mark the parser cannot read is one nobody can read
      ['the (SNF) paragraph', ['SNF']],
    ])
  })

  it('should read no acronym, no lower-case class word in a sentence and no word that is no mark', () => {
    inner([
      ['the Technical Secretariat (TS) met', []],
      ['the Sub-Committee (S/C) met', []],
      ['the (S/P) staff', []],
      ['the (UN) met', []],
      ['holding non-public (confidential) discussions', []],
      ['the (snf) paragraph', []],
      // a lower-case abbreviation is prose even where it reads as a mark cut short (`conf`: CONFIDENTIAL)
      ['(conf) room booked', []],
      // a // between words no mark holds
      ['the (see//note) here', []],
    ])
    // in capitals, or with the // of a marking, a class word inside a sentence is a mark
    inner([
      ['holding non-public (Confidential) discussions', ['CONFIDENTIAL']],
      ['the talks (secret//NF) went', ['SECRET//NF', 'secret//NF']],
    ])
    // a lower-case class word opening the line is no sentence's
    inner([['(confidential) discussions', ['CONFIDENTIAL']]])
  })

  it('should read a lower-case letter as a list item only beside its neighbour on the line', () => {
    inner([
      ['(b) one (c) two', []],
      ['(c) one (d) two', []],
      ['(r) one (s) two', []],
      ['(s) one (t) two', []],
      ['(t) one (u) two', []],
      ['(u) one (v) two', []],
      ['one (c) two', ['C']],
      ['(a) one (c) two', ['C']],
      ['(b) one (s) two', ['S']],
      // the neighbour may stand after it
      ['(c) one (b) two', []],
      // a neighbour elsewhere on the line does not make a class word a list item
      ['(confidential) talks (d) item', ['CONFIDENTIAL']],
    ])
  })

  it('should read an upper-case letter continuing a list only as an item citing a cable', () => {
    inner([['the (C) item', ['C']], ['(C) STATE 12', []], ['(C) STATE 12 the plan', ['C']]], '(A) one (B) two ')
    // the letter before it and a REF label standing after it on the line continue no list
    inner([['the (C) STATE 12 REF: (B) x', ['C']]])
    // an item letter standing with a citation alone on the line before, whose item runs on into this line: a mark
    inner([['LKW3 the plan', ['C']]], 'x\n(C) STATE 3\n')
    // after a REF label the items run on
    inner([['REF: (C) STATE 12 the plan', []]], '(A) one (B) two ')
  })
})

describe('innerMarks: a class word opening the line', () => {
  it('should read the spaced class word of the class line and a class word as a marking', () => {
    inner([
      ['S E C R E T talks', ['SECRET']],
      ['T O P S E C R E T talks', ['TOP SECRET']],
      ['C O N F I D E N T I A L talks', ['CONFIDENTIAL']],
      ['TOP  SECRET talks', ['TOP SECRET']],
      // a marking before a colon or dash, its words as written (blanks between them kept single)
      ['SECRET//REL TO USA, GBR: the plan', ['SECRET//REL TO USA, GBR', 'SECRET//REL TO USA, GBR']],
      ['SECRET // NOFORN - the plan', ['SECRET // NOFORN', 'SECRET//NOFORN']],
      ['2. SECRET -- talks', ['SECRET']],
      ['S/NF talks', ['SECRET//NF']],
    ])
  })
})

describe('innerMarks: a marking with the // of a marking and one bracket or none', () => {
  it('should read it with one bracket anywhere, and without brackets where a mark stands', () => {
    inner([
      ['talks S//NF) went', ['S//NF']],
      ['talks (S//NF went', ['S//NF']],
      ['talks S//REL  TO USA) went', ['S//REL TO USA']],
      ['S//NF talks', ['S//NF', 'SECRET//NF', 'S//NF']],
      // a marking in running text, a mention as likely as a mark, demands its restricting caveats, not its level
      // (QA 14 round 9, F5); one naming none restricts nobody
      ['the plan S//NF talks', ['NOFORN']],
      ['classified as SECRET//REL TO USA talks', []],
    ])
  })

  it('should read a marking whose opening bracket only a later word closes (fail closed)', () => {
    // `(S//NF` never closed: the `)` further on closes `(on)`; the marking was skipped as if it closed it, and the
    // SECRET NOFORN text after it was shown to a CONFIDENTIAL reader
    inner([
      ['talks (S//NF went (on)', ['S//NF']],
      ['talks (S//NF went [on]', ['S//NF']],
      ['talks [S//NF went (on)', ['S//NF']],
      // a REL TO list too long for a bracketed word (over 40 characters) closed by its own bracket: the marking is read
      // up to the list's end (the dev corpus had one, an (SBU) paragraph shown to SBU and CONFIDENTIAL readers)
      ['4.(SBU) TALKING POINTS: a. (S//REL GBR, CAN, AUS, NZL, FRA, DEU, ITA, JPN, and ESP) FOR ALL:', ['SBU', 'S//REL GBR, CAN, AUS, NZL, FRA, DEU, ITA, JPN']],
    ])
  })
})

describe('innerMarks: marks in a shape no marking takes, stray punctuation, lookalike letters and brackets', () => {
  it('should read a level with stray punctuation as a mark nobody can read', () => {
    inner([
      ['talks (S.) went', ['S.']],
      ['talks (C;NF) went', ['C;NF']],
      // a section number is no level with stray punctuation
      ['see annex (C.2) below', []],
    ])
  })

  it('should read a mark spelt with lookalike or invisible characters, or between brackets of another shape', () => {
    inner([
      ['talks (\u0405) went', ['\u0405']],
      ['talks \uFF08S\uFF09 went', ['S']],
      ['talks \uFF08s\uFF09 went', ['s']],
      ['talks \uFE59S\uFE5A went', ['S']],
      ['talks \uFF08S//ZZ\uFF09 went', ['S//ZZ']],
      ['talks (S\u200b) went', ['S\u200b', 'S\u200b']],
      // a terminal sequence shows as nothing: an invisible character
      ['talks (S\u001b[0m) went', ['S\u200b']],
      // a line with other characters outside ASCII: ASCII brackets are read once, by the bracketed-word reading
      ['caf\u00e9 (S) talks', ['S']],
      ['caf\u00e9 (UN) talks', []],
      ['talks \uFF08UN\uFF09 went', []],
    ])
  })
})

describe('a marking whose bracket a later word closes, in the rendering', () => {
  const text = `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

C O N F I D E N T I A L QUORIN 000611

SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) Talks went on.

The envoy said (S//NF the Bracketcanary plan is off (per the minister).

QUILL
`
  it('should withhold the block from a CONFIDENTIAL reader and show it to a SECRET reader holding NOFORN', () => {
    expect(redactText(text, { level: 2, caveats: [] }).text).not.toContain('Bracketcanary')
    expect(redactText(text, { level: 3, caveats: [] }).text).not.toContain('Bracketcanary')
    expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text).toContain('Bracketcanary')
  })
})

describe('splitMarks: a mark broken across a line end', () => {
  it('should read the two parts joined as written, or with a blank, once, at the opening bracket', () => {
    const cases: [string, { mark: string; at: number }[]][] = [
      ['(S\n) the plan', [{ mark: 'S', at: 0 }]],
      ['(\nS) the plan', [{ mark: 'S', at: 0 }]],
      ['(S//\nNF) the plan', [{ mark: 'S//NF', at: 0 }]],
      ['(S\n//NF) the plan', [{ mark: 'S//NF', at: 0 }]],
      ['(SEC\nRET) the plan', [{ mark: 'SECRET', at: 0 }]],
      ['(TOP\nSECRET) the plan', [{ mark: 'TOP SECRET', at: 0 }]],
      ['(TOP  SECRET\n) the plan', [{ mark: 'TOP SECRET', at: 0 }]],
      ['(s//\nnf) the plan', [{ mark: 'S//NF', at: 0 }]],
      ['[S//\nNF] the plan', [{ mark: 'S//NF', at: 0 }]],
      ['talks (C\nNF) went', [{ mark: 'C NF', at: 6 }]],
      ['(S//\nNF)(C\n)', [{ mark: 'S//NF', at: 0 }, { mark: 'C', at: 8 }]],
      ['(\n) the plan', []],
      ['the (UN\nGA) met', []],
    ]
    for (const [text, marks] of cases) expect([text, splitMarks(text)]).toEqual([text, marks])
  })
})

describe('bodyPortions: where each portion of the body starts and the marks it carries', () => {
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
  /** The portions of a cable whose body is `body`: each one's first characters, number, mark, lead, lines (their first characters), inner marks and enclosing marks. */
  const portions = (body: string, inner?: boolean) => {
    const text = `${HEAD}${body}\nQUILL\n`
    return bodyPortions(parseCable(text, { plain: true }), text, inner === undefined ? {} : { inner }).map((p) => ({
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

  it('should start a portion at each numbered paragraph, with the mark after its number', () => {
    expect(portions('1. (C) Alpha talks.\n\n2. (S//NF) Bravo talks.\n')).toEqual([ALPHA, { at: '2. (S//NF) B', number: 2, mark: 'S//NF', lead: '', lines: ['2. (S/'], inner: [], within: [] }])
    // a word after the number that reads as a mark nobody can read is one; prose there is none
    expect(portions('1. (C) Alpha talks.\n\n2. (SNF) text here.\n')[1]).toEqual({ at: '2. (SNF) tex', number: 2, mark: 'SNF', lead: '', lines: ['2. (SN'], inner: [], within: [] })
    expect(portions('1. (C) Alpha talks.\n\n2. (Japan) text here.\n')[1]).toEqual({ at: '2. (Japan) t', number: 2, mark: null, lead: '', lines: ['2. (Ja'], inner: [], within: [] })
  })

  it('should keep a marked line with no blank line before it inside the portion before it, never below its mark', () => {
    expect(portions('1. (C) Items:\nA. (S) secret item\nstill the item\n')).toEqual([ALPHA_ITEMS(), { at: 'A. (S) secre', number: null, mark: 'S', lead: 'A. ', lines: ['A. (S)', 'still '], inner: [], within: ['C'] }])
    expect(portions('1. (C) Alpha talks.\n(S) wrapped mark line.\n')[1]).toEqual({ at: '(S) wrapped ', number: null, mark: 'S', lead: '', lines: ['(S) wr'], inner: [], within: ['C'] })
    // a paragraph number before the mark (paragraphs run together) starts a portion free of it
    expect(portions('1. (C) Alpha talks.\n15. (S) run together.\n')[1]).toEqual({ at: '15. (S) run ', number: null, mark: 'S', lead: '15. ', lines: ['15. (S'], inner: [], within: [] })
  })

  it('should make an unmarked block after a blank line a portion of its own, at the overall level', () => {
    expect(portions('1. (C) Alpha talks.\n\nUnmarked block of text.\n')[1]).toEqual({ at: 'Unmarked blo', number: null, mark: null, lead: '', lines: ['Unmark'], inner: [], within: [] })
  })

  it('should end a portion at a trailer line, and judge text after a trailer word by its own mark', () => {
    expect(portions('1. (C) Alpha talks.\nBT\nNNNN THE PLAN\n')).toEqual([ALPHA, { at: 'NNNN THE PLA', number: null, mark: null, lead: 'NNNN ', lines: ['NNNN T'], inner: [], within: [] }])
    expect(portions('1. (C) Alpha talks.\nNNNN (S) THE PLAN\n')[1]).toEqual({ at: 'NNNN (S) THE', number: null, mark: 'S', lead: 'NNNN ', lines: ['NNNN ('], inner: [], within: [] })
  })

  it('should list the marks inside a portion and across its line ends, unless asked for the opening marks only', () => {
    expect(portions('1. (C) the (S) talks (S//\nNF) went on.\n')).toEqual([{ at: '1. (C) the (', number: 1, mark: 'C', lead: '', lines: ['1. (C)', 'NF) we'], inner: ['S', 'S//NF'], within: [] }])
    expect(portions('1. (C) the (S) talks (S//\nNF) went on.\n', false)[0].inner).toEqual([])
  })

  it('should read two marks in a row, a doubled level, a half-written mark and a list letter as marks', () => {
    expect(portions('1. (C) Alpha talks.\n\n(S) (U) text of both.\n')[1]).toEqual({ at: '(S) (U) text', number: null, mark: 'U', lead: '(S) ', lines: ['(S) (U'], inner: ['S'], within: [] })
    expect(portions('1. (C) Alpha talks.\n\n(SS) doubled.\n')[1]).toEqual({ at: '(SS) doubled', number: null, mark: 'SS', lead: '', lines: ['(SS) d'], inner: [], within: [] })
    expect(portions('1. (C) Alpha talks.\n\nS) half marked text.\n')[1]).toEqual({ at: 'S) half mark', number: null, mark: 'S', lead: '', lines: ['S) hal'], inner: [], within: [] })
    expect(portions('1. (C) Alpha talks.\n\n(S the plan unclosed.\n')[1]).toEqual({ at: '(S the plan ', number: null, mark: 'S', lead: '', lines: ['(S the'], inner: [], within: [] })
    // the third letter of a lettered list: an unmarked item whose letter still counts as a mark
    expect(portions('1. (C) Alpha talks.\n\n(A) one item\n(B) two item\n(C) three item\n').slice(1)).toEqual([
      { at: '(A) one item', number: null, mark: null, lead: '', lines: ['(A) on', '(B) tw'], inner: [], within: [] },
      { at: '(C) three it', number: null, mark: null, lead: '(C) ', lines: ['(C) th'], inner: ['C'], within: [null] },
    ])
  })
})

describe('bodyPortions: marks across a line end and the lettered lists of a portion', () => {
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
  const portions = (body: string) => {
    const text = `${HEAD}${body}\nQUILL\n`
    return bodyPortions(parseCable(text, { plain: true }), text).map((p) => ({ at: text.slice(p.start, p.start + 12), mark: p.mark, lines: p.lines.length, inner: p.inner, within: p.within }))
  }

  it("should give a mark broken across a line end to the portion of the line it opens on, and to no other", () => {
    expect(portions('1. (C) Alpha talks.\n\n(S//\nNF) the plan continues.\n')).toEqual([
      { at: '1. (C) Alpha', mark: 'C', lines: 1, inner: [], within: [] },
      { at: '(S//\nNF) the', mark: null, lines: 2, inner: ['S//NF'], within: [] },
    ])
  })

  it('should read the letters of a list in the lines of its block only, never across a blank line', () => {
    // (C) after (B) in the block before a blank line continues no list: a mark
    expect(portions('1. (C) Alpha talks.\n\nItems (A) STATE 10 and (B) STATE 11.\n\nThe plan: (C) STATE 12\n')[2]).toEqual({ at: 'The plan: (C', mark: null, lines: 1, inner: ['C'], within: [] })
    // (C) after (B) on the line before, both citing a cable: the next item of the list
    expect(portions('1. (C) Alpha talks.\n\n(A) STATE 10\n(B) STATE 11\n(C) STATE 12\n')[1]).toEqual({ at: '(A) STATE 10', mark: null, lines: 3, inner: [], within: [] })
  })

  it('should judge a marked line inside a sub-item by every mark around it', () => {
    expect(portions('1. (C) Alpha talks.\nA. (S) item\n(C) STATE 12\n').slice(1)).toEqual([
      { at: 'A. (S) item\n', mark: 'S', lines: 1, inner: [], within: ['C'] },
      { at: '(C) STATE 12', mark: 'C', lines: 1, inner: [], within: ['S', 'C'] },
    ])
  })
})

function ALPHA_ITEMS() {
  return { at: '1. (C) Items', number: 1, mark: 'C', lead: '', lines: ['1. (C)'], inner: [], within: [] }
}

// issue 15, eighteenth mutation run: the controls after a mark's bracket (markTail, QA 14r9 F5) and a marking in
// running text, each way the words are joined
describe('markTail and a marking in running text', () => {
  it.each([
    ['//NF//OC the plan', ['NF', 'OC']],
    ['/NF, OC the plan', ['NF', 'OC']],
    ['//S the plan', ['(control not read)']],
    ['//NF/SI the plan', ['NF', '(control not read)']],
    ['/C office', []],
    ['/NF/CT office', ['NF', '(control not read)']],
    ['/ the plan', []],
  ])('reads the tail %j as %j', (after, tail) => {
    expect(markTail(after)).toEqual(tail)
  })

  it('demands only the restricting caveats of a marking in running text, joined as one mark', () => {
    expect(innerMarks('The harbor is open. SECRET//NOFORN/ORCON the source.')).toEqual(['NOFORN/ORCON'])
    expect(innerMarks('The harbor is open. SECRET//FGI the source.')).toEqual([])
  })
})

