/**
 * A single letter in parentheses at a line start is read fail closed (docs/research.md, "Releasable rendering"; QA 14
 * round 6, findings 01 and 03):
 * - two marks in a row at a line start (`(S) (U) …`, `(S)(U) …`, `(C) (U) …`, `(S) (SBU) …`, `(S)(C) …`) both
 *   count, the higher wins: the first is no mere list letter before the second;
 * - a letter continuing a lettered list (`(A) …`, `(B) …` then `(C) …`, blank lines between) is an item of that
 *   list, unmarked at the overall level, while the letter still counts as a mark for that level: a CONFIDENTIAL
 *   reader never sees item (C) of a SECRET paragraph.
 * Redaction, whole-cable filing, and search and show on both engines. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of the invented post VELMORA with the given class line and body. */
const cable = (serial: number, cls: string, body: string) => `R 031200Z MAR 08
FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

${cls} VELMORA 000${serial}

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (U) INVENTED TALKS ON THE CANAL

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (U) Plaincanary opening paragraph.

${body}
QUILL
`
const SECRET = 'S E C R E T'
const CONFIDENTIAL = 'C O N F I D E N T I A L'
const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader).text

/** Two marks in a row at a line start, the words behind them, and the level the higher of the two demands. */
const PAIRS: [string, string, Access][] = [
  ['(S) (U)', 'pairsucanary', S],
  ['(S)(U)', 'pairsutightcanary', S],
  ['(C) (U)', 'paircucanary', C],
  ['(S) (SBU)', 'pairssbucanary', S],
  ['(S)(C)', 'pairsccanary', S],
  ['(U) (S)', 'pairuscanary', S],
]

describe('two portion marks in a row at a line start', () => {
  it.each(PAIRS)('should withhold `%s …` from every reader below the higher mark', (marks, word, higher) => {
    const text = cable(401, SECRET, `${marks} The ${word} sits in this portion.\n`)
    for (const reader of [U, C, S]) {
      const shown = shownTo(text, reader).includes(word)
      expect(shown, `${marks} to level ${reader.level}`).toBe(reader.level >= higher.level)
    }
  })

  it('should file an otherwise UNCLASSIFIED cable at the higher mark', () => {
    // the class line says UNCLASSIFIED: only the first mark of the pair makes it SECRET
    const text = cable(402, 'UNCLASSIFIED', '(S) (U) The pairfilecanary sits here.\n')
    expect(filed(text)).toMatchObject({ level: 3 })
    expect(shownTo(text, U)).not.toContain('pairfilecanary')
    expect(shownTo(text, S)).toContain('pairfilecanary')
  })

  it('should read a lower-case list letter before a mark as an enumerator when its neighbour stands nearby', () => {
    // `(a) (U) …` `(b) (U) …`: a lettered list of unclassified items, no CONFIDENTIAL mark in `(c)`
    const text = cable(403, CONFIDENTIAL, '2. (C) Two items follow:\n\n(b) (U) Lowerbcanary item.\n\n(c) (U) Lowerccanary item.\n')
    expect(shownTo(text, U)).toContain('Lowerccanary')
    expect(shownTo(text, U)).toContain('Lowerbcanary')
    // alone, a lower-case `(c)` before a mark still counts as one (fail closed)
    const alone = cable(404, CONFIDENTIAL, '(c) (U) Lonelowercanary item.\n')
    expect(shownTo(alone, U)).not.toContain('Lonelowercanary')
    expect(shownTo(alone, C)).toContain('Lonelowercanary')
  })

  it('should read a mark repeating its enumerator\'s letter (`C. (C) …`) as a mark, not as the echo of the letter', () => {
    // in an UNCLASSIFIED cable: withheld from an UNCLASSIFIED reader, and the cable filed CONFIDENTIAL
    for (const lead of ['C. (C)', 'C) (C)', '(C) (C)']) {
      const text = cable(406, 'UNCLASSIFIED', `${lead} The echocanary sub-item.\n`)
      expect(shownTo(text, U), lead).not.toContain('echocanary')
      expect(shownTo(text, C), lead).toContain('echocanary')
      expect(filed(text), lead).toMatchObject({ level: 2 })
    }
    // a letter that is no mark still echoes its enumerator: `B. (B)` is text at the overall level
    const echo = cable(407, 'UNCLASSIFIED', 'B. (B) The echobcanary sub-item.\n')
    expect(shownTo(echo, U)).toContain('echobcanary')
  })

  it('should keep both marks on the placeholder line', () => {
    const text = cable(405, SECRET, '(S) (U) The pairleadcanary sits here.\n')
    const line = shownTo(text, C).split('\n').find((l) => l.includes('[Text withheld'))
    expect(line).toMatch(/^\(S\) \[Text withheld: holds a portion marked \(S\), above CONFIDENTIAL\]$/)
  })
})

/** Item (C) of a lettered list in a SECRET paragraph, blank lines between the items. */
const LIST = (serial: number, cls: string, letters: string[]) =>
  cable(serial, cls, `2. (S) The plan has ${letters.length} parts:\n\n${letters.map((l) => `(${l}) The item${l.toLowerCase()}canary part of the plan.\n`).join('\n')}`)

describe('a letter continuing a lettered list', () => {
  it('should withhold item (C) of a SECRET paragraph from a CONFIDENTIAL reader, as its siblings', () => {
    const text = LIST(411, SECRET, ['A', 'B', 'C', 'D'])
    const toC = shownTo(text, C)
    for (const w of ['itemacanary', 'itembcanary', 'itemccanary', 'itemdcanary']) expect(toC, w).not.toContain(w)
    const toS = shownTo(text, S)
    for (const w of ['itemacanary', 'itembcanary', 'itemccanary', 'itemdcanary']) expect(toS, w).toContain(w)
    // the placeholder keeps the list letter and gives the overall level, not CONFIDENTIAL
    expect(toC).toMatch(/^\(C\) \(S\) \[Text withheld: unmarked: treated as the overall SECRET, above CONFIDENTIAL\]$/m)
  })

  it('should read the letter as a list item whether the list runs before or after it', () => {
    // (C) first, then (D): the neighbour after it makes it a list letter too
    const text = LIST(412, SECRET, ['C', 'D'])
    expect(shownTo(text, C)).not.toContain('itemccanary')
    // (S) after (R): a list letter, withheld as the overall SECRET level (no lower reading)
    const s = LIST(413, SECRET, ['R', 'S'])
    expect(shownTo(s, C)).not.toContain('itemscanary')
  })

  it('should still count the letter for the level the cable is filed at', () => {
    // an UNCLASSIFIED class line over a list whose (C) item may be a CONFIDENTIAL mark: filed CONFIDENTIAL, and the
    // item withheld from an UNCLASSIFIED reader
    const text = cable(414, 'UNCLASSIFIED', '2. Three parts:\n\n(B) The itembcanary part.\n\n(C) The itemccanary part.\n')
    expect(filed(text)).toMatchObject({ level: 2 })
    expect(shownTo(text, U)).not.toContain('itemccanary')
    expect(shownTo(text, C)).toContain('itemccanary')
  })

  it('should leave a (C) portion with no neighbouring letter a CONFIDENTIAL portion', () => {
    const text = cable(415, SECRET, '2. (S) Secretcanary paragraph.\n\n(C) The lonecanary portion stands alone.\n')
    expect(shownTo(text, C)).toContain('lonecanary')
    expect(shownTo(text, C)).not.toContain('Secretcanary')
    expect(shownTo(text, U)).not.toContain('lonecanary')
  })

  it('should not count a neighbour more than 80 lines away', () => {
    const far = Array.from({ length: 85 }, (_, n) => `Filler line ${n} of the long paragraph.`).join('\n')
    const text = cable(416, SECRET, `2. (S) A long secret paragraph.\n\n(B) The farbcanary item.\n${far}\n\n(C) The farccanary portion.\n`)
    expect(shownTo(text, C)).toContain('farccanary')
  })
})

describe.each(await storeEngines('redact-line-start-letters'))('search and show on $name', (engine) => {
  const texts = [cable(421, SECRET, '(S) (U) The storepaircanary sits here.\n'), LIST(422, SECRET, ['A', 'B', 'C'])]
  it.skipIf(engine.skip).each([false, true])('should give a lower reader none of the withheld words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    expect((await searchArchive(store, { query: 'storepaircanary', access: C, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'itemccanary', access: C, limit: 10 })).total).toBe(0)
    for (const key of ['08VELMORA421', '08VELMORA422']) expect(JSON.stringify((await showCable(store, key, C)) ?? '')).not.toMatch(/storepaircanary|itemccanary/i)
    // the cables are there for a reader cleared for them
    expect((await searchArchive(store, { query: 'storepaircanary', access: S, limit: 10 })).total).toBe(1)
    expect((await searchArchive(store, { query: 'itemccanary', access: S, limit: 10 })).total).toBe(1)
  })
})

/** A lettered list in the text whose items cite cables (QA 14 round 7, F10): not a REF block, so its letters are marks too. */
const CITING = (serial: number, cls: string, letters: string[]) =>
  cable(serial, cls, `${letters.map((l, n) => `(${l}) STATE ${n + 1} The cite${l.toLowerCase()}canary item.`).join('\n')}\n`)

describe('a lettered list citing cables in the text', () => {
  it('should count the letter (C) as a mark: the item is withheld from an UNCLASSIFIED reader and the cable filed CONFIDENTIAL', () => {
    const text = CITING(431, 'UNCLASSIFIED', ['A', 'B', 'C'])
    expect(filed(text)).toMatchObject({ level: 2 })
    expect(shownTo(text, U)).not.toContain('citeccanary')
    expect(shownTo(text, C)).toContain('citeccanary')
  })

  it('should withhold item (S) of such a list in a CONFIDENTIAL cable from a CONFIDENTIAL reader', () => {
    const text = CITING(432, CONFIDENTIAL, ['R', 'S'])
    expect(shownTo(text, C)).not.toContain('citescanary')
    expect(shownTo(text, S)).toContain('citescanary')
  })

  // the item's text on the line after its citation (QA 14 round 7, F10 continuation)
  /** A list citing cables, its last item's text on the next line, or (`text` null) nothing after the citation. */
  const RUN_ON = (serial: number, cls: string, letters: string[], text: string | null) =>
    cable(serial, cls, `${letters.map((l, n) => `(${l}) STATE ${n + 1}`).join('\n')}${text === null ? '' : `\n${text}`}\n`)

  it.each([
    ['(C), UNCLASSIFIED', 434, 'UNCLASSIFIED', ['A', 'B', 'C'], U, C],
    ['(S), CONFIDENTIAL', 435, CONFIDENTIAL, ['Q', 'R', 'S'], C, S],
  ])('should withhold item %s cable, whose text runs onto the line after its citation', (_name, serial, cls, letters, below, at) => {
    for (const runOn of ['The runoncanary item text.', '  runoncanary indented text.', 'runoncanary, lower case.']) {
      const text = RUN_ON(serial, cls, letters, runOn)
      expect(shownTo(text, below), runOn).not.toContain('runoncanary')
      expect(shownTo(text, at), runOn).toContain('runoncanary')
    }
  })

  it('should leave items that are citations alone a list: the next line a new item, a paragraph, a citation or nothing', () => {
    for (const next of [null, '(D) STATE 4', '', 'LIMA 12, and']) {
      const text = RUN_ON(436, 'UNCLASSIFIED', ['A', 'B', 'C'], next)
      expect(filed(text), String(next)).toMatchObject({ level: 0 })
    }
    const para = cable(437, 'UNCLASSIFIED', '(A) STATE 1\n(B) STATE 2\n(C) STATE 3\n2. The paracanary paragraph.\n')
    expect(filed(para)).toMatchObject({ level: 0 })
    expect(shownTo(para, U)).toContain('paracanary')
  })

  it('should still leave a lower-case lettered list an enumeration', () => {
    const text = cable(433, 'UNCLASSIFIED', '2. Items: (a) STATE 1 one, (b) STATE 2 two, (c) STATE 3 the lowercitecanary three.\n')
    expect(filed(text)).toMatchObject({ level: 0 })
    expect(shownTo(text, U)).toContain('lowercitecanary')
  })
})

describe.each(await storeEngines('redact-citing-list'))('a list citing cables: search on $name', (engine) => {
  it.skipIf(engine.skip).each([false, true])('should give a lower reader none of the item (portion-level access %s)', async (on) => {
    const store = await engine.open()
    const texts = [CITING(441, 'UNCLASSIFIED', ['A', 'B', 'C']), CITING(442, CONFIDENTIAL, ['R', 'S'])]
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    expect((await searchArchive(store, { query: 'citeccanary', access: U, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'citescanary', access: C, limit: 10 })).total).toBe(0)
    expect((await searchArchive(store, { query: 'citescanary', access: S, limit: 10 })).total).toBe(1)
  })
})
