import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { numberAt } from '../../src/lint/rules/txt-portions.js'
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
