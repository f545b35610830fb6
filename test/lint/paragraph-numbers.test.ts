import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { lintCable, lintText } from '../../src/lint/index.js'
import { mayOpenNumber, numberAt } from '../../src/lint/rules/txt-portions.js'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'

/** The base cable with its third paragraph spelled `paragraph3` (the text from `¶3.` up to `Please`). */
const withThird = (paragraph3: string) => mutate([['¶3. (C) Please', paragraph3]])

/** The base cable with paragraphs 4 to `last` after its third, each `¶n. (U) Item n.`. */
const withParagraphsUpTo = (last: number) => {
  const more = Array.from({ length: last - 3 }, (_, k) => `\n¶${k + 4}. (U) Item ${k + 4}.\n`).join('')
  return mutate([['¶3. (C) Please deliver the points below.\n', `¶3. (C) Please deliver the points below.\n${more}`]])
}

const paragraph = (text: string, n: number) => {
  const p = parseCable(text).paragraphs.find((x) => x.number === n)
  if (!p) throw new Error(`the test text has no paragraph ${n}`)
  return p
}

describe('numberAt: the digits of a paragraph number as written', () => {
  it.each([
    // [third paragraph as written, what stands before its number]
    ['¶3. (C) Please', '¶'],
    ['3. (C) Please', ''],
    ['¶ 3. (C) Please', '¶ '],
    ['¶\t3. (C) Please', '¶\t'],
    ['   ¶ 3. (C) Please', '   ¶ '],
    ['\t3. (C) Please', '\t'],
  ])('should find the number of %j after %j', (paragraph3, before) => {
    const text = withThird(paragraph3)
    const lineStart = text.indexOf(paragraph3)
    expect(numberAt(text, paragraph(text, 3))).toEqual([lineStart + before.length, lineStart + before.length + 1])
  })

  it('should cover every digit of a padded number (`¶03.`)', () => {
    const text = withThird('¶03. (C) Please')
    const at = numberAt(text, paragraph(text, 3))
    expect(at && text.slice(at[0], at[1])).toBe('03')
  })

  it('should read numbers with every digit, 0 and 9 included', () => {
    const text = withParagraphsUpTo(10)
    const written = parseCable(text).paragraphs.map((p) => {
      const at = numberAt(text, p)
      return at && text.slice(at[0], at[1])
    })
    expect(written).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    const tenth = text.indexOf('¶10.') + 1
    expect(numberAt(text, paragraph(text, 10))).toEqual([tenth, tenth + 2])
  })

  it('should give no place to a paragraph that has none (built, not parsed)', () => {
    expect(numberAt(BASE_CABLE, { number: 1, marking: 'C', text: 'This is an action request.' })).toBeNull()
  })
})

describe('mayOpenNumber: which first characters may open a numbered line', () => {
  it.each([
    [' ', true], ['\t', true], ['0', true], ['5', true], ['9', true], ['¶', true], ['\u00a0', true], ['\x7f', true],
    ['!', false], ['/', false], [':', false], ['A', false], ['(', false], ['-', false], ['~', false],
  ])('%j → %s', (ch, may) => {
    expect(mayOpenNumber(ch.charCodeAt(0))).toBe(may)
  })
})

/** TXT-015's findings as [line, first column, end column, message, fix applied to the text or null]. */
const txt015 = (text: string) =>
  lintText(text, { mode: 'archive' })
    .filter((m) => m.ruleId === 'TXT-015')
    .map((m) => [m.span.start.line, m.span.start.column, m.span.end.column, m.message, m.fix ? text.slice(0, m.fix.start) + m.fix.text + text.slice(m.fix.end) : null])

describe('TXT-015 numbered paragraphs the parser left as literal lines', () => {
  // the base cable's ¶2 spelled with a number the parser does not open (below or far above the next), so the line
  // stays literal; the rule still reads it, on its digits, and reports ¶3 against it
  it.each([
    [' 1. (U)', 2, 3, 1],
    ['\t1. (U)', 2, 3, 1],
    ['01. (U)', 1, 3, 1],
    ['¶1. (U)', 2, 3, 1],
    ['9. (U)', 1, 2, 9],
    // the mark's spellings: glued to the number, caveats after a slash with no blank or one before it
    ['1.(U)', 1, 2, 1],
    ['1. (C/NF)', 1, 2, 1],
    ['1. (C //NF)', 1, 2, 1],
    ['1. (C  //NF)', 1, 2, 1],
  ])('should read %j as a numbered paragraph, on its digits', (written, from, to, n) => {
    expect(txt015(mutate([['¶2. (U)', written]]))).toEqual([
      [27, from, to, `Unexpected paragraph number ${n}, expected 2`, null],
      [31, 2, 3, `Unexpected paragraph number 3, expected ${n + 1}`, null],
    ])
  })

  it('should read no number from a literal line that starts with digits but no paragraph number', () => {
    // continuation lines of ¶3 opening with a time, a count and a year: no `n. (mark)` among them
    const text = mutate([['¶3. (C) Please deliver the points below.', '¶3. (C) Please deliver the points below\n1400 hours local time,\n 3 copies\n2009. (C) is no number either.']])
    expect(txt015(text)).toEqual([])
  })

  it('should not take a numbered line in running text for a lone paragraph', () => {
    // one unnumbered block (a lone portion) whose third line starts `2. (C)`: not a paragraph the parser opened
    const text = mutate([
      ['¶1. (C) This is an action request; see para 3.\n\n¶2. (U) Background.\n\nSTATE 00012345 002 OF 002\n\n¶3. (C) Please deliver the points below.', '(C) Please deliver the points below\nas agreed with\n2. (C) Embassy London.'],
    ])
    expect(txt015(text)).toEqual([[27, 1, 2, 'Unexpected paragraph number 2, expected 1', null]])
  })
})

describe('TXT-015 a lone paragraph', () => {
  it('should report a lone numbered paragraph, and nothing about its number', () => {
    // a fragment may open at any paragraph: its only one is numbered 3, which is no sequence to check
    expect(txt015('SUBJECT: TEST\n\n3. (C) The only paragraph of a fragment.\n')).toEqual([[3, 1, 2, 'A lone paragraph is not numbered', null]])
  })

  it('should report a lone ¶1 of a whole cable on its number', () => {
    const text = mutate([['¶1. (C) This is an action request; see para 3.\n\n¶2. (U) Background.\n\nSTATE 00012345 002 OF 002\n\n¶3. (C) Please', '¶1. (C) Please']])
    expect(txt015(text)).toEqual([[25, 2, 3, 'A lone paragraph is not numbered', null]])
  })
})

describe('TXT-015 renumbering', () => {
  it('should renumber one paragraph, said in the singular', () => {
    expect(txt015(mutate([['¶3. (C) Please', '¶4. (C) Please']]))).toEqual([
      [31, 2, 3, 'Unexpected paragraph number 4, expected 3 (renumbering 1 paragraph from here)', BASE_CABLE],
    ])
  })

  it('should renumber every paragraph from the first break in one edit, carried by the first finding only', () => {
    // 1, 3, 5: two breaks, each reported against the number before it; the one fix restores 1, 2, 3
    expect(txt015(mutate([['¶2. (U)', '¶3. (U)'], ['¶3. (C) Please', '¶5. (C) Please']]))).toEqual([
      [27, 2, 3, 'Unexpected paragraph number 3, expected 2 (renumbering 2 paragraphs from here)', BASE_CABLE],
      [31, 2, 3, 'Unexpected paragraph number 5, expected 4', null],
    ])
  })

  it('should leave an unnumbered portion out of the sequence', () => {
    // a marked block without a number (number 0 in the model) before ¶1: the paragraphs still run 1, 2, 3
    const text = mutate([['¶1. (C) This is', '(U) A lone portion before the first paragraph.\n\n¶1. (C) This is']])
    expect(parseCable(text).paragraphs.map((p) => p.number)).toEqual([0, 1, 2, 3])
    expect(txt015(text)).toEqual([])
  })

  it('should find nothing in a cable numbered 1..n', () => {
    expect(txt015(withParagraphsUpTo(12))).toEqual([])
  })
})

describe('TXT-015 paragraphs without a place', () => {
  it('should leave out paragraphs a cable carries no span for, without an error', () => {
    // a cable handed to lint with its segments but paragraphs built by hand (1, 3: a break TXT-015 would report
    // if it could place it)
    const cable = parseCable(mutate([['¶2. (U)', '¶3. (U)'], ['¶3. (C) Please', '¶4. (C) Please']]))
    cable.paragraphs = cable.paragraphs.map(({ span: _span, ...p }) => p)
    expect(lintCable(cable, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-015')).toEqual([])
  })
})
