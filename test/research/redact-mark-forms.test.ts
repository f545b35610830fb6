/**
 * A word standing where a portion mark stands (a line start, after a paragraph number or sub-item enumerator, right
 * after another mark) that looks like a mark is read as one, readable or not, never as prose (QA 14 round 7, finding
 * F1; fail closed): a level glued to caveats (`(SNF)`, `(TSNF)`) at a line start, indented or after another mark; a level's
 * stem in any case (`(Conf)`); angle brackets (`<S>`); a mark missing its opening parenthesis (`S)`, `TS)`, `A. S)`);
 * the class word of the 1990s form after a paragraph number (`2. SECRET - …`) or with its caveats before a colon
 * (`SECRET//NF: …`); a marking with the `//` separator in running text without its brackets (`S//NF …`, `… S//NF) …`).
 * A CONFIDENTIAL reader never reads the text behind it, and search and show on both engines give him none of its
 * words, with portion-level access off and on. A level's abbreviation doubled at a line start (`(SS)`, `(CC)`, `SS)`)
 * is a garbled mark too, unless doubled letters enumerate a list there (`(BB)`, `(CC)`, `(DD)`). Lettered lists and
 * acronyms stay text. The linter reports each line-start form under TXT-029 (one reader: `bodyPortions`). Synthetic
 * cables only.
 */
import { describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import { lintText } from '../../src/lint/index.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of the invented post VELMORA: (C) paragraph 1, the portion under test, (C) paragraph 3. */
const cable = (serial: number, cls: string, middle: string) => `R 031200Z MAR 08
FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

${cls} VELMORA 000${serial}

SIPDIS

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS ON THE CANAL

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) The openingcanary paragraph.

${middle}

3. (C) The closingcanary paragraph.

QUILL
`
const CONFIDENTIAL = 'C O N F I D E N T I A L'
const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }
// a CONFIDENTIAL reader holding NOFORN: a mark naming NOFORN makes the whole cable NOFORN (spec §7 rule 4), and he still
// reads the CONFIDENTIAL paragraphs around it
const CNF: Access = { level: 2, caveats: ['NOFORN'] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

/** The portion under test (its words `hiddencanary`) in a CONFIDENTIAL cable. */
const FORMS: string[] = [
  '(SNF) The hiddencanary words.',
  '   (SNF) The hiddencanary words.',
  '2. (SNFNODIS) The hiddencanary words.',
  '(TSNF) The hiddencanary words.',
  '(Conf) The hiddencanary words.',
  '(CONF) The hiddencanary words.',
  '2. (Conf) The hiddencanary words.',
  '2. (Secr) The hiddencanary words.',
  '<S> The hiddencanary words.',
  '2. <S> The hiddencanary words.',
  '2. <SNF> The hiddencanary words.',
  'S) The hiddencanary words.',
  'TS) The hiddencanary words.',
  'A. S) The hiddencanary words.',
  '-- S) The hiddencanary words.',
  'S//NF) The hiddencanary words.',
  '2. SECRET - The hiddencanary words.',
  '2. SECRET - ENTIRE TEXT. The hiddencanary words.',
  'SECRET//NF: The hiddencanary words.',
  'SECRET: The hiddencanary words.',
  'S//NF The hiddencanary words.',
  '2. (C)(SNF) The hiddencanary words.',
  '2. (U) (SNF) The hiddencanary words.',
  '2. (C) Readable words, then (SNF) the hiddencanary words.',
  '2. (C) Readable words, then S//NF) the hiddencanary words.',
  '2. (C) Readable words, then (S//NF the hiddencanary words.',
  '(S The hiddencanary words, the parenthesis never closed.',
  '- (S//NF The hiddencanary words.',
  // a level's abbreviation doubled at a line start, no doubled-letter list around it (spec §5.10 knows no such mark)
  '(SS) The hiddencanary words.',
  '(CC) The hiddencanary words.',
  'SS) The hiddencanary words.',
  '   (SSS) The hiddencanary words.',
]

describe('a word where a portion mark stands that looks like one', () => {
  it.each(FORMS)('should withhold `%s` from a CONFIDENTIAL reader and file the cable above CONFIDENTIAL', (middle) => {
    const text = cable(601, CONFIDENTIAL, middle)
    expect(shownTo(text, C)).not.toContain('hiddencanary')
    // (a reader holding the caveats a mark names: `SNFNODIS` names NODIS too, QA 10 F1)
    const toC = shownTo(text, { ...CNF, caveats: [...new Set([...CNF.caveats, ...filed(text).caveats])] })
    expect(toC).not.toContain('hiddencanary')
    // the paragraphs around it are his
    expect(toC).toContain('openingcanary')
    expect(toC).toContain('closingcanary')
    expect(filed(text).level).toBeGreaterThan(2)
  })

  it.each(['(Conf) The hiddencanary words.', '2. (Conf) The hiddencanary words.', '(SNF) The hiddencanary words.', 'S) The hiddencanary words.'])(
    'should withhold `%s` in an UNCLASSIFIED cable from an UNCLASSIFIED reader',
    (middle) => {
      const text = cable(602, 'UNCLASSIFIED', middle.replace(/\(C\)/g, '(U)')).replace(/\(C\)/g, '(U)')
      // he holds the caveats a mark names (`SNF`: NOFORN, of the whole cable; QA 10 F1)
      const reader = { ...U, caveats: filed(text).caveats }
      expect(shownTo(text, reader)).not.toContain('hiddencanary')
      expect(shownTo(text, reader)).toContain('openingcanary')
    },
  )

  it('should leave lettered lists, acronyms and prose at a line start as they were', () => {
    const lists = [
      'A) The firstcanary item.\nB) The secondcanary item.\nC) The thirdcanary item.',
      '(A) The firstcanary item.\n\n(B) The secondcanary item.',
      '(CIA) The firstcanary officers met.',
      '(CSU) The firstcanary party met.',
      '(SOC) The firstcanary command met.',
      '(US) The firstcanary officials met.',
      '(Secretariat) The firstcanary staff met.',
      'a) The firstcanary item.\nb) The secondcanary item.',
      'Secret talks: the firstcanary sessions began.',
      '(S and T) The firstcanary programmes met.',
      // doubled letters enumerating a list
      '(BB) The firstcanary item.\n(CC) The secondcanary item.\n(DD) The thirdcanary item.',
      'BB) The firstcanary item.\nCC) The secondcanary item.',
    ]
    for (const middle of lists) {
      const text = cable(603, 'UNCLASSIFIED', middle).replace(/\(C\)/g, '(U)')
      expect(filed(text).level, middle).toBe(0)
      expect(shownTo(text, U), middle).toContain('firstcanary')
    }
  })
})

describe('the linter agrees with the rendering on marks at a line start (QA 14: no TXT-029 for them)', () => {
  const txt029 = (text: string) => lintText(text, { mode: 'archive' }).filter((m) => m.ruleId === 'TXT-029')
  // the forms whose mark stands in brackets or half of them at the line start (the class-word forms and a bare
  // `S//NF …` are markings the parser's reader takes as written: `2. SECRET - …`, `SECRET//NF: …`)
  const LINE_START = FORMS.filter((f) => /^[\s\d.A-Z-]*[(<]?[A-Za-z/]+[)>]?\s/.test(f) && !/\(C\)|\(U\)|SECRET|^S\/\/NF /.test(f))

  it.each(LINE_START)('should report `%s` under TXT-029, at the mark', (middle) => {
    const text = cable(601, CONFIDENTIAL, middle)
    const found = txt029(text)
    expect(found).toHaveLength(1)
    const written = text.slice(found[0].span.start.offset, found[0].span.end.offset)
    expect(middle).toContain(written)
    expect(written).toMatch(/[A-Za-z]/)
  })

  it('should say whether the rendering reads the mark or no one can', () => {
    expect(txt029(cable(601, CONFIDENTIAL, '(SNF) The hiddencanary words.'))[0].message).toBe('Portion mark "(SNF)" is none the marking parser reads: the releasable rendering withholds its text from every reader')
    expect(txt029(cable(601, CONFIDENTIAL, 'S) The hiddencanary words.'))[0].message).toBe('Portion mark written "S)" is no well-formed mark (write (S)): the releasable rendering reads it as (S)')
    expect(txt029(cable(601, CONFIDENTIAL, '<S> The hiddencanary words.'))[0].message).toContain('"<S>"')
  })

  it('should report nothing for well-formed marks, lettered lists, acronyms and prose at a line start', () => {
    for (const middle of ['(C) The firstcanary words.', '2. (C) The firstcanary words.', 'A. (C) The firstcanary item.', 'A) The firstcanary item.\nB) The secondcanary item.\nC) The thirdcanary item.', '(CIA) The firstcanary officers met.', '(US) The firstcanary officials met.', 'a) The firstcanary item.\nb) The secondcanary item.']) {
      expect([middle, txt029(cable(603, CONFIDENTIAL, middle))]).toEqual([middle, []])
    }
  })
})

describe.each(await storeEngines('redact-mark-forms'))('search and show on $name', (engine) => {
  const texts = FORMS.map((middle, n) => cable(611 + n, CONFIDENTIAL, middle.replace('hiddencanary', `hiddencanary${n}`)))
  it.skipIf(engine.skip).each([false, true])('should give a CONFIDENTIAL reader, with NOFORN or without, none of the words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    for (let n = 0; n < texts.length; n++) {
      for (const reader of [C, CNF]) {
        expect((await searchArchive(store, { query: `hiddencanary${n}`, access: reader, limit: 10 })).total, FORMS[n]).toBe(0)
        expect(JSON.stringify((await showCable(store, `08VELMORA${611 + n}`, reader)) ?? ''), FORMS[n]).not.toContain(`hiddencanary${n}`)
      }
    }
    // with portion access on he finds every cable by the words he may read, and no hit quotes the others
    const open = await searchArchive(store, { query: 'openingcanary', access: CNF, limit: 100 })
    // (but those whose marks name a caveat he lacks: `SNFNODIS`, NODIS; QA 10 F1)
    expect(open.total).toBe(on ? texts.filter((t) => filed(t).caveats.every((c) => CNF.caveats.includes(c))).length : 0)
    expect(JSON.stringify(open)).not.toContain('hiddencanary')
  })
})
