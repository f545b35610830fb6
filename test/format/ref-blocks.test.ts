import { describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'

// Synthetic cables (invented posts QUORIN, VELLORA and TESSIN, invented text) with more than one REF block: a
// block lettered on from the cable's (C., D. after A., B.) adds its references; a block that starts its lettering
// again names the same references (a repeated header: reported once) or others, which cannot be placed among the
// cable's lettered ones: each such item is reported where it stands, never dropped silently.
const cable = ({ front = 'REF: A. QUORIN 12\nB. 07 STATE 4455', para3 = 'Invented paragraph three.', between = '' } = {}) => `R 031200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 1001

C O N F I D E N T I A L QUORIN 000777

E.O. 12958: DECL: 02/03/2018
TAGS: PGOV, XY
SUBJECT: INVENTED CABINET TALK

${front}
${between}
Classified By: Ambassador A. Nobody, reasons 1.4 (b) and (d).

1. (C) Invented paragraph one.

2. (C) Invented paragraph two.

3. (C) ${para3}

4. (C) Invented paragraph four.

NOBODY
`
const parse = (text: string) => {
  const c = parseCable(text)
  expect(renderLossless(c)).toBe(text)
  return c
}
const refs = (c: ReturnType<typeof parseCable>) => c.references.map((r) => [r.letter, r.id])
const unplaced = (c: ReturnType<typeof parseCable>) => c.diagnostics.filter((d) => d.code === 'UNPLACED_REF')
const at = (text: string, s: { start: { offset: number }; end: { offset: number } } | undefined) => (s ? text.slice(s.start.offset, s.end.offset) : undefined)

describe('a second REF block', () => {
  it('should add the items of a block inside a paragraph that letters on (C., D. after A., B.)', () => {
    const text = cable({ para3: 'Invented paragraph three.\nREF: C. QUORIN 15\nD. VELLORA 99' })
    const c = parse(text)
    expect(refs(c)).toEqual([
      ['A', '08QUORIN12'],
      ['B', '07STATE4455'],
      ['C', '08QUORIN15'],
      ['D', '08VELLORA99'],
    ])
    expect(unplaced(c)).toEqual([])
    expect(at(text, c.references[2].span)).toBe('C. QUORIN 15')
    expect(at(text, c.references[3].span)).toBe('D. VELLORA 99')
    // the block stays the paragraph's text, as written
    expect(c.paragraphs[2].text).toBe('Invented paragraph three. REF: C. QUORIN 15 D. VELLORA 99')
  })

  it('should add a second front-matter block that letters on, whichever block names more items', () => {
    const c = parse(cable({ between: '\nREF: C. QUORIN 15 D. VELLORA 99 E. TESSIN 3\n' }))
    expect(refs(c).map(([l]) => l)).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(refs(c)[4]).toEqual(['E', '08TESSIN3'])
    expect(unplaced(c)).toEqual([])
  })

  it('should report each item of a block that restarts its lettering with other references, at the item', () => {
    const text = cable({ para3: 'Invented paragraph three.\nREF: A. STATE 555 B. QUORIN 12' })
    const c = parse(text)
    expect(refs(c)).toEqual([
      ['A', '08QUORIN12'],
      ['B', '07STATE4455'],
    ])
    // B. QUORIN 12 is the cable's REF A again: nothing lost; A. STATE 555 cannot be placed: reported
    const d = unplaced(c)
    expect(d).toHaveLength(1)
    expect(at(text, d[0].span)).toBe('A. STATE 555')
    expect(d[0].message).toMatch(/STATE 555/)
  })

  it('should report a repeated block once, as a block, when it names only references already read', () => {
    const text = cable({ between: '\nREF: A. QUORIN 12\n' })
    const c = parse(text)
    expect(refs(c)).toEqual([
      ['A', '08QUORIN12'],
      ['B', '07STATE4455'],
    ])
    const d = unplaced(c)
    expect(d).toHaveLength(1)
    expect(at(text, d[0].span)).toBe('REF: A. QUORIN 12')
  })

  it('should count the items a web rendering letters with ¶ when it chooses the cable\'s block', () => {
    const text = cable({ front: 'REF: A. QUORIN 12', between: '\nREF: A. QUORIN 12\n\n¶B. 07 STATE 4455\n¶C. VELLORA 99\n' })
    const c = parse(text)
    expect(refs(c)).toEqual([
      ['A', '08QUORIN12'],
      ['B', '07STATE4455'],
      ['C', '08VELLORA99'],
    ])
    const d = unplaced(c)
    expect(d).toHaveLength(1)
    expect(at(text, d[0].span)).toBe('REF: A. QUORIN 12')
  })

  it('should read a REF block in the body as the cable\'s when the front matter has none', () => {
    const c = parse(cable({ front: 'SUMMARY: NONE.', para3: 'Invented paragraph three.\nREF: A. VELLORA 99' }))
    expect(refs(c)).toEqual([['A', '08VELLORA99']])
    expect(unplaced(c)).toEqual([])
  })

  it('should not read REFTEL or REF words of a paragraph sentence as a block', () => {
    const c = parse(cable({ para3: 'AS REPORTED IN REFTEL: THE MINISTER SPOKE.\nREFTEL REPORTED THE TALKS. REF: A. TESSIN 3' }))
    expect(refs(c).map(([l]) => l)).toEqual(['A', 'B'])
    expect(unplaced(c)).toEqual([])
  })
})
