/**
 * A SUBJECT line under a SMART page header is shown as the subject only when it repeats the subject (spec §5.3: the
 * subject repeated on a single, truncated line; QA 14 round 7, finding F5). A SUBJECT line there that repeats nothing
 * (other words, another mark, the `SUBJ:` form with other words, text run on after the truncated subject) is text of
 * the cable: unmarked at the overall level, or judged by its mark. Redaction, whole-cable filing, and search and show
 * on both engines, with portion-level access off and on. Synthetic cables only.
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

/** A SECRET cable of the invented post VELMORA, (C) subject, a (C) and an (S) paragraph, a page break, then `after`. */
const cable = (serial: number, after: string) => `R 031200Z MAR 08
FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

S E C R E T VELMORA 000${serial}

SIPDIS

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS ON THE NORTHERN CANAL

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) Openingcanary paragraph.

2. (S) The secret paragraph.

VELMORA 00000${serial} 002 OF 002
${after}
3. (C) Closingcanary paragraph.

QUILL
`
const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const shownTo = (text: string, reader: Access) => redactText(text, reader, cableAccess(parseCable(text, { plain: true }))).text

/** A SUBJECT line under the page header that repeats nothing, and the word in it a CONFIDENTIAL reader must not see. */
const NOT_REPEATS: [string, string, string][] = [
  ['another subject after a blank line', '\nSUBJECT: ASSET NIGHTJARCANARY MEETS THE MINISTER\n', 'nightjarcanary'],
  ['another subject, no blank line', 'SUBJECT: NOBLANKCANARY HIDDEN WORDS\n', 'noblankcanary'],
  ['the SUBJ: form', '\nSUBJ: SUBJFORMCANARY HIDDEN WORDS\n', 'subjformcanary'],
  ['a line marked (S)', '\nSUBJECT: (S) MARKEDCANARY HIDDEN WORDS\n', 'markedcanary'],
  ['the subject words with an (S) mark', '\nSUBJECT: (S) INVENTED TALKS ON THE NORTHERN CANAL\n', 'INVENTED TALKS ON THE NORTHERN CANAL\n\n3.'],
  ['the truncated subject with text run on', '\nSUBJECT: INVENTED TALKS ON THE NORTH runoncanary said the source.\n', 'runoncanary'],
  ['a lower-case label', '\nSubject: lowercasecanary hidden words\n', 'lowercasecanary'],
]

describe('a SUBJECT line under a page header', () => {
  it.each(NOT_REPEATS)('should withhold %s from a reader below the overall level', (_name, after, word) => {
    const text = cable(431, after)
    const toC = shownTo(text, C)
    expect(toC.toLowerCase()).not.toContain(word.toLowerCase())
    // the rest of the cable is there for him, and the whole for a SECRET reader
    expect(toC).toContain('Openingcanary')
    expect(toC).toContain('Closingcanary')
    expect(toC).toContain('VELMORA 00000431 002 OF 002')
    expect(shownTo(text, S).toLowerCase()).toContain(word.toLowerCase())
  })

  it.each([
    ['repeated whole', '\nSUBJECT: (C) INVENTED TALKS ON THE NORTHERN CANAL\n'],
    ['repeated without its mark', '\nSUBJECT: INVENTED TALKS ON THE NORTHERN CANAL\n'],
    ['truncated inside a word', '\nSUBJECT: (C) INVENTED TALKS ON THE NORTH\n'],
    ['in other letter case and spacing', '\nSubject:  (C)  Invented talks on the\n'],
  ])('should still show the subject %s as the subject is shown', (_name, after) => {
    const text = cable(432, after)
    const line = after.trim()
    expect(shownTo(text, C)).toContain(line)
    // withheld with the subject from a reader below it
    expect(shownTo(text, U)).not.toContain(line)
    expect(shownTo(text, U)).toContain('[Page header withheld: repeats the withheld subject]')
  })
})

describe.each(await storeEngines('redact-repeated-subject'))('search and show on $name', (engine) => {
  const texts = NOT_REPEATS.slice(0, 4).map(([, after], n) => cable(441 + n, after))
  it.skipIf(engine.skip).each([false, true])('should give a CONFIDENTIAL reader none of the words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    for (const word of ['nightjarcanary', 'noblankcanary', 'subjformcanary', 'markedcanary']) {
      expect((await searchArchive(store, { query: word, access: C, limit: 10 })).total, word).toBe(0)
      expect((await searchArchive(store, { query: word, access: S, limit: 10 })).total, word).toBe(1)
    }
    // with portion access on, he finds the cables by the words he may read, and their hits quote none of the others
    const open = await searchArchive(store, { query: 'closingcanary', access: C, limit: 10 })
    expect(open.total).toBe(on ? 4 : 0)
    expect(JSON.stringify(open)).not.toMatch(/nightjarcanary|noblankcanary|subjformcanary|markedcanary/i)
    for (let n = 0; n < 4; n++) expect(JSON.stringify((await showCable(store, `08VELMORA${441 + n}`, C)) ?? '')).not.toMatch(/nightjarcanary|noblankcanary|subjformcanary|markedcanary/i)
  })
})
