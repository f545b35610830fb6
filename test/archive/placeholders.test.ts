/**
 * The placeholders of the releasable rendering written out whole (src/archive/redact.ts, `walkPortions`'s
 * `shownMark` and `withhold`): one placeholder line per withheld portion however many lines it has, on a line of
 * its own after a header piece that ends mid-line, ending as the withheld text ends; the mark it carries is the
 * portion's own when readable and not raised (docs/research.md), none for a mark nobody can read or a portion
 * raised by a higher mark inside it, and for unmarked text the overall mark only when the text itself states it
 * (class line, captions). Synthetic cables of the invented post QUORIN; every expected line written out.
 */
import { describe, expect, it } from 'vitest'
import { redactText } from '../../src/archive/redact.js'

const HEAD = (cls: string, serial: number, captions: string) => `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

${cls} QUORIN 000${serial}

${captions}SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: (U) INVENTED TALKS

`

describe('placeholders of withheld portions', () => {
  // SECRET NOFORN cable; its (S//ZZ) paragraph is a mark nobody can read, which files it TOP SECRET
  const secret = `${HEAD('S E C R E T', 777, 'NOFORN\n')}Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (S) Alpha secret line one
goes on to a second line.

2. (C) Bravo talks held (S) inside.

3. (S//ZZ) Charlie unreadable.

4. (U) Delta public.

Echo unmarked block.

QUILL
`
  const body = (text: string) => text.slice(text.indexOf('\n1. ') + 1)

  it('should keep a readable mark, drop a raised or unreadable one, and give unmarked text no mark above the class line', () => {
    expect(body(redactText(secret, { level: 2, caveats: ['NOFORN'] }).text)).toBe(`1. (S) [Paragraph 1 withheld: marked SECRET, above CONFIDENTIAL]

2. [Paragraph 2 withheld: holds a portion marked (S), above CONFIDENTIAL]

3. [Paragraph 3 withheld: portion mark not understood, treated as TOP SECRET//NOFORN]

4. (U) Delta public.

[Text withheld: unmarked: treated as the overall TOP SECRET//NOFORN, above CONFIDENTIAL]

QUILL
`)
    expect(body(redactText(secret, { level: 3, caveats: [] }).text)).toBe(`1. (S) [Paragraph 1 withheld: marked SECRET, needs NOFORN (a caveat of the whole cable)]

2. [Paragraph 2 withheld: holds a portion marked (S), needs NOFORN]

3. [Paragraph 3 withheld: portion mark not understood, treated as TOP SECRET//NOFORN]

4. (U) [Paragraph 4 withheld: marked UNCLASSIFIED, needs NOFORN (a caveat of the whole cable)]

[Text withheld: unmarked: treated as the overall TOP SECRET//NOFORN, above SECRET]

QUILL
`)
  })

  // CONFIDENTIAL cable: text run on after the Classified-by statement, an unmarked block, and a last line without a line end
  const confidential = `${HEAD('C O N F I D E N T I A L', 778, '')}Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d). Foxtrot run on.

1. (C) Golf talks.

2. (C) Hotel talks.

India unmarked block.

3. (C) Juliet last line`

  it('should start a placeholder on a line of its own, give unmarked text the stated overall mark, and end as the text ends', () => {
    const shown = redactText(confidential, { level: 0, caveats: [] }).text
    expect(shown.slice(shown.indexOf('Classified By'))).toBe(`Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).
[Text withheld: unmarked: treated as the overall CONFIDENTIAL, above UNCLASSIFIED]

1. (C) [Paragraph 1 withheld: marked CONFIDENTIAL, above UNCLASSIFIED]

2. (C) [Paragraph 2 withheld: marked CONFIDENTIAL, above UNCLASSIFIED]

(C) [Text withheld: unmarked: treated as the overall CONFIDENTIAL, above UNCLASSIFIED]

3. (C) [Paragraph 3 withheld: marked CONFIDENTIAL, above UNCLASSIFIED]`)
  })

  it('should give unmarked text holding a mark nobody can read no mark, even for a reader of every level', () => {
    const text = `${HEAD('C O N F I D E N T I A L', 779, '')}Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) Golf talks.

Kilo unmarked block (S//ZZ) inside.

QUILL
`
    const shown = redactText(text, { level: 4, caveats: ['NOFORN'] }).text
    expect(shown.slice(shown.indexOf('\n1. ') + 1)).toBe(`1. (C) Golf talks.

[Text withheld: a portion mark inside it not understood, treated as TOP SECRET]

QUILL
`)
  })
})
