/**
 * A marked line inside a portion (no blank line before it, no paragraph number before its mark) never lowers it
 * (docs/research.md, "Portions"; QA 14 finding 03): a SECRET sentence wrapped so that a line opens with the
 * subparagraph reference `(C) of the treaty annex` used to release the rest of the paragraph at CONFIDENTIAL, in
 * the rendering and in portion-level search. Both engines. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'
import { quorinSecretCable } from './secret-cable.js'

/** A SECRET cable of the invented post QUORIN whose paragraphs are `body`. */
const cable = (serial: number, body: string) => quorinSecretCable(serial, 'TREATY IMPLEMENTATION', `${body}

2. (C) Routine follow-up opencanary will be reported septel.

QUILL
`)

const WRAPPED = cable(120, `1. (S) The defense minister told us that under subparagraph
(C) of the treaty annex his service has placed a wiretap
on the opposition leader Wrapcanary and will arrest him
on Friday.`)
const WRAPPED_U = cable(121, `1. (S) The minister said the clause in subparagraph
(U) of the annex lets him detain Ucanary without trial.`)
const SUB_ITEMS = cable(122, `1. (S) The plan has two parts:
A. (C) Subcanary troops move north.
- (U) Dashcanary trucks follow.

B. (C) Blankcanary after a blank line is a portion of its own.`)
const RUN_TOGETHER = cable(123, `1. (S) Secretcanary sources say so.
3. (C) Runcanary is a paragraph the parser did not number.`)

const C: Access = { level: 2, caveats: [] }

describe('a marked line inside a portion', () => {
  it('should not lower a SECRET paragraph whose wrapped line opens with (C) or (U)', () => {
    for (const [text, word] of [[WRAPPED, 'Wrapcanary'], [WRAPPED_U, 'Ucanary']]) {
      for (const level of [0, 2]) {
        const r = redactText(text, { level, caveats: [] })
        expect(r.text).not.toContain(word)
        expect(r.text).toContain('1. (S) [Paragraph 1 withheld: marked SECRET, above ')
        // no placeholder claims the paragraph's rest releasable at a lower mark
        expect(r.text).not.toMatch(/^\((?:C|U)\) \[Text withheld/m)
      }
      expect(redactText(text, { level: 3, caveats: [] }).text).toContain(word)
    }
  })

  it('should judge a sub-item with no blank line before it at least at the portion it stands in, after a blank line by its own mark', () => {
    const r = redactText(SUB_ITEMS, C)
    expect(r.text).not.toMatch(/Subcanary|Dashcanary/)
    expect(r.text).toContain('Blankcanary')
    expect(r.text).toContain('opencanary')
  })

  it('should read a two-letter mark on a line after an (S) paragraph as a mark, not as the next letter of a list', () => {
    const r = redactText(cable(124, '1. (S) Secretcanary sources say so.\n(TS) Topcanary too.'), { level: 3, caveats: [] })
    expect(r.text).toContain('Secretcanary')
    expect(r.text).not.toContain('Topcanary')
  })

  it('should start a free portion at a paragraph number the parser did not take (paragraphs run together)', () => {
    const r = redactText(RUN_TOGETHER, C)
    expect(r.text).not.toContain('Secretcanary')
    expect(r.text).toContain('Runcanary')
  })
})

describe.each(await storeEngines('redact-wrapped'))('portion-level search on $name', (engine) => {
  it.skipIf(engine.skip)('should find the cable by its (C) paragraph only, never by words of the wrapped SECRET lines', async () => {
    const store = await engine.open()
    const texts = [WRAPPED, WRAPPED_U, SUB_ITEMS]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `w${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    for (const word of ['wrapcanary', 'ucanary', 'subcanary', 'dashcanary']) expect((await searchArchive(store, { query: word, access: C, limit: 10 })).total, word).toBe(0)
    expect((await searchArchive(store, { query: 'opencanary', access: C, limit: 10 })).total).toBe(3)
    expect((await searchArchive(store, { query: 'blankcanary', access: C, limit: 10 })).total).toBe(1)
    expect(JSON.stringify(await showCable(store, '08QUORIN120', C))).not.toContain('Wrapcanary')
    expect(JSON.stringify(await showCable(store, '08QUORIN120', C))).toContain('opencanary')
  })
})
