import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/lint/index.js'
import { formatSpan } from '../../src/lint/format-span.js'
import { BASE_CABLE as BASE, mutate } from '../../src/lint/examples/base-cable.js'

const txt021 = (paragraph: string) =>
  lintText(mutate([['¶2. (U) Background.', `¶2. (U) ${paragraph}`]]), { mode: 'archive' })
    .filter((m) => m.ruleId === 'TXT-021')
    .map((m) => `${formatSpan(m.span)} ${m.message}`)

describe('TXT-021 summary/comment/note brackets', () => {
  it('should accept a parenthesised comment closed by its parenthesis, with or without End comment', () => {
    expect(txt021('Text. (Comment: an aside. End comment.) More.')).toEqual([])
    expect(txt021('Text. (Note: an aside.) More.')).toEqual([])
  })

  it('should accept SUMMARY AND COMMENT closed by END SUMMARY AND COMMENT', () => {
    expect(txt021('SUMMARY AND COMMENT: Points. END SUMMARY AND COMMENT.')).toEqual([])
  })

  it('should accept an END marker wrapped over a line break', () => {
    expect(txt021('Summary: Points. End\nsummary. Then more.')).toEqual([])
  })

  it('should accept an underlined heading as opener', () => {
    expect(txt021('Text.\n\n------- Summary -------\n\nPoints. END SUMMARY.')).toEqual([])
  })

  it('should not take the word in running text for an opener', () => {
    expect(txt021('We note the summary. Nothing else.')).toEqual([])
  })

  it('should report a closer without opener at the END marker', () => {
    expect(txt021('Text. End comment.')).toEqual(['27:15-27:26 END COMMENT without a COMMENT opener before it'])
  })

  it('should report an unclosed opener, the parenthesised one included', () => {
    expect(txt021('Text. (Comment: never closed')).toEqual(['27:16-27:24 COMMENT opened here is never closed (END COMMENT)'])
  })
})

describe('TXT-013 classified-by line run into another field', () => {
  it('should find `Classified By` glued to the REF line and read its reasons', () => {
    const text = mutate([['REF: A. STATE 1111 B. PARIS 222\n\nClassified By: DCM Ann Lee for reasons 1.4 (b) and (d)', 'REF: STATE 1111Classified By: DCM Ann Lee for reasons 1.4 (b) and (d)']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-013')).toEqual([])
    const old = text.replace('1.4 (b) and (d)', '1.5 (b) and (d)')
    const found = lintText(old, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-013')
    expect(found.map((m) => formatSpan(m.span))).toEqual(['21:16-21:70'])
  })

  it('should accept an opener after a portion mark missing its parenthesis (`1. C) Summary:`)', () => {
    const text = mutate([['¶2. (U) Background.', '¶2. C) Summary: points. End Summary']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-021')).toEqual([])
  })
})

describe('fields run into other lines', () => {
  it('should read TAGS run into the E.O. line for TXT-009', () => {
    const text = mutate([['E.O. 12958: DECL: 02/13/2019\nTAGS: [PREL](#) [ECON](#) [FR](#) [UK](#)', 'E.O. 12958: DECL: 02/13/2019 TAGS: PREL ECON FR UK']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-009')).toEqual([])
    const geoOnly = text.replace('TAGS: PREL ECON FR UK', 'TAGS: FR UK')
    expect(lintText(geoOnly, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-009').map((m) => formatSpan(m.span))).toEqual(['17:1-17:41'])
  })

  it('should look past an archive trailer for the signature (TXT-025)', () => {
    const text = `${mutate([])}\n\n=======================CABLE ENDS============================`
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-025')).toEqual([])
  })
})

describe('TXT-014 reason letters', () => {
  it('should not read the portion mark of run-on text as a reason letter', () => {
    const text = mutate([['reasons 1.4 (b) and (d)', 'reasons 1.4 (b) and (d) (S) Embassy delivered']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-014')).toEqual([])
  })

  it('should read glued letters (`(b)(k)`)', () => {
    const text = mutate([['reasons 1.4 (b) and (d)', 'reasons 1.4 (b)(k)']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-014').map((m) => formatSpan(m.span))).toEqual(['23:47-23:50'])
  })
})

describe('TXT-025 signature glued to the last sentence', () => {
  it('should accept a capitalised surname after the final full stop, not a lower-case ending', () => {
    const glued = mutate([['¶3. (C) Please deliver the points below.\n\nCLINTON', '¶3. (C) Please deliver the points below. CLINTON']])
    expect(lintText(glued, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-025')).toEqual([])
    const none = mutate([['¶3. (C) Please deliver the points below.\n\nCLINTON', '¶3. (C) Please deliver the points below.']])
    expect(lintText(none, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-025').map((m) => formatSpan(m.span))).toEqual(['31:1-31:41'])
  })
})

describe('TXT-023 REF letters in run-on lines', () => {
  it('should stop at a Classified-by run into the REF line and skip initials', () => {
    const text = mutate([['REF: A. STATE 1111 B. PARIS 222\n\nClassified By: DCM Ann Lee', 'REF: A. STATE 1111 B. PARIS 222 Classified By: DCM Ann R. Lee']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-023')).toEqual([])
  })
})

describe('ENV-014 DoD office symbols', () => {
  it('should accept `//OFFICE:SYMBOL//` after a PLAD and still reject a lower-case e-mail line', () => {
    const dod = mutate([['RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY', 'RUEKJCS/SECDEF WASHINGTON DC//USD:SOLIC// PRIORITY']])
    expect(lintText(dod, { mode: 'archive' }).filter((m) => m.ruleId === 'ENV-014')).toEqual([])
    const mail = mutate([['RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY', 'RUEHZL/date: 4/8/2008 19:23']])
    expect(lintText(mail, { mode: 'archive' }).filter((m) => m.ruleId === 'ENV-014').map((m) => formatSpan(m.span))).toEqual(['11:1-11:28'])
  })
})

describe('TXT-021 section headings and combined closers', () => {
  it('should let an underlined Comment heading run to the end without END COMMENT', () => {
    expect(txt021('Text.\n\nComment\n-------\n\nOur view follows.')).toEqual([])
    expect(txt021('Text.\n\nCOMMENT -------\n\nOur view follows.')).toEqual([])
  })

  it('should close a summary with `End summary and comment` and report a combined closer with nothing open', () => {
    expect(txt021('Summary: Points. End summary and\ncomment.')).toEqual([])
    expect(txt021('Points. End summary and comment.')).toEqual(['27:17-27:40 END SUMMARY AND COMMENT without a SUMMARY or COMMENT opener before it'])
  })
})

describe('TXT-010 run-together tags', () => {
  const tag = (t: string) =>
    lintText(mutate([['[ECON](#)', `[${t}](#)`]]), { mode: 'archive' })
      .filter((m) => m.ruleId === 'TXT-010')
      .map((m) => m.message)

  it('should read ECONEFIN as two tags and a plain word as an unknown tag', () => {
    expect(tag('ECONEFINCS')).toEqual(['TAG `ECONEFINCS` looks like run-together tags ECON EFIN CS'])
    expect(tag('POLITICS')).toEqual(['Unknown TAG `POLITICS`'])
  })
})

describe('TXT-015 the place of a paragraph number', () => {
  // the finding sits on the digits of the number as written, whatever stands before them on the line
  const at015 = (paragraph3: string) =>
    lintText(mutate([['¶3. (C) Please', paragraph3]]), { mode: 'archive' })
      .filter((m) => m.ruleId === 'TXT-015')
      .map((m) => formatSpan(m.span))

  it.each([
    ['¶5. (C) Please', '31:2-31:3'],
    ['5. (C) Please', '31:1-31:2'],
    ['  ¶ 5. (C) Please', '31:5-31:6'],
    ['\t5. (C) Please', '31:2-31:3'],
    ['¶\t 5. (C) Please', '31:4-31:5'],
    ['¶13. (C) Please', '31:2-31:4'],
  ])('should place the finding for %j on the number (%s)', (paragraph3, span) => {
    expect(at015(paragraph3)).toEqual([span])
  })
})

describe('TXT-015 paragraphs the parser left as literal lines', () => {
  it('should report only the repeated number, not every paragraph after it', () => {
    // ¶1, ¶1, ¶2: the parser opens paragraphs 1 and 2 and leaves the second `1.` as literal lines
    const text = mutate([['¶2. (U)', '¶1. (U)'], ['¶3. (C) Please', '¶2. (C) Please']])
    expect(lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-015').map((m) => `${formatSpan(m.span)} ${m.message}`)).toEqual([
      '27:2-27:3 Unexpected paragraph number 1, expected 2',
    ])
  })
})

describe('ID-001 claimed ids', () => {
  it('should ignore a claim that is no reference id and compare canonical forms of one that is', () => {
    const ids = (claimedId: string) => lintText(BASE, { mode: 'archive', claimedId }).filter((m) => m.ruleId === 'ID-001').length
    expect(ids('Created')).toBe(0)
    expect(ids('09 STATE 012345')).toBe(0)
    expect(ids('09SECTION01OF02STATE12345')).toBe(0)
    expect(ids('09STATE12346')).toBe(1)
  })
})
