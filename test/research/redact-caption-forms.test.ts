/**
 * Restrictive captions in forms the caption reader does not take are demanded all the same (QA 14 round 7, finding
 * F2; data/captions.tsv): NOFORN written out in words (`NOT FOR FOREIGN DISSEMINATION`, `NO FOREIGN DISSEM`, `NOT
 * RELEASABLE TO FOREIGN NATIONALS`), a restricting caption glued to other letters (`NOFORNSIPDIS`), and a delivery
 * to one named addressee (`FOR AMBASSADOR ONLY`, the table's ONLY, read as EYES ONLY: NODIS), the distribution captions
 * written out (`NO DISTRIBUTION`, `EXCLUSIVE DISTRIBUTION`), a caveat's abbreviation alone (`NF`), and (finding F7) a
 * caption line in a later section's repeated header, after its page header. A reader without the
 * caveat reads no portion of the cable; search and show on both engines give him none of its words, with
 * portion-level access off and on. Synthetic cables only.
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

/** A CONFIDENTIAL cable of the invented post VELMORA with one caption line and (C) paragraphs only. */
const cable = (serial: number, caption: string, word: string) => `R 031200Z MAR 08
FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

C O N F I D E N T I A L VELMORA 000${serial}

${caption}

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS ON THE CANAL

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) The ${word} opening paragraph.

2. (C) A second paragraph.

QUILL
`
const C: Access = { level: 2, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

/** A caption line, the caveats it demands. */
const FORMS: [string, string[]][] = [
  ['NOT FOR FOREIGN DISSEMINATION', ['NOFORN']],
  ['NO FOREIGN DISSEM', ['NOFORN']],
  ['No Foreign Dissemination', ['NOFORN']],
  ['NOT RELEASABLE TO FOREIGN NATIONALS', ['NOFORN']],
  ['NOFORNSIPDIS', ['NOFORN']],
  ['SIPDISNOFORN', ['NOFORN']],
  ['SIPDISNODIS', ['NODIS']],
  ['FOR AMBASSADOR ONLY', ['NODIS']],
  ['FOR SECRETARY ONLY', ['NODIS']],
  ['FOR THE DEPUTY SECRETARY ONLY.', ['NODIS']],
  ['For Ambassador Only', ['NODIS']],
  ['FOR AMBASSADOR QUILL EYES ONLY', ['NODIS']],
  ['NF', ['NOFORN']],
  ['FOREIGN DISSEM NOT AUTHORIZED', ['NOFORN']],
  ['NO DISTRIBUTION', ['NODIS']],
  ['EXCLUSIVE DISTRIBUTION', ['EXDIS']],
  ['LIMITED DISTRIBUTION', ['LIMDIS']],
  ['STATE DISTRIBUTION ONLY', ['STADIS']],
  ['EXDISSIPDIS', ['EXDIS']],
]

describe('restrictive captions written in forms the caption reader does not take', () => {
  it.each(FORMS)('should demand what `%s` restricts, of the cable and every portion', (caption, caveats) => {
    const text = cable(501, caption, 'formcanary')
    expect(filed(text)).toMatchObject({ level: 2, caveats })
    // a CONFIDENTIAL reader without the caveat reads no portion of it; with it, all
    expect(shownTo(text, C)).not.toContain('formcanary')
    expect(shownTo(text, { level: 2, caveats })).toContain('formcanary')
  })

  it('should leave captions that restrict a use, not who reads, and words in the paragraphs alone', () => {
    for (const caption of ['SIPDIS', 'FOR OFFICIAL USE ONLY', 'BACKGROUND USE ONLY']) {
      const text = cable(502, caption, 'plaincanary')
      expect(filed(text).caveats, caption).toEqual([])
      expect(shownTo(text, C), caption).toContain('plaincanary')
    }
    // inside a numbered paragraph the words are prose, no caption
    const prose = cable(503, 'SIPDIS', 'prosecanary').replace('2. (C) A second paragraph.', '2. (C) It is not for foreign dissemination, FOR AMBASSADOR ONLY.')
    expect(filed(prose).caveats).toEqual([])
  })
})

describe.each(await storeEngines('redact-caption-forms'))('search and show on $name', (engine) => {
  const texts = FORMS.slice(0, 9).map(([caption], n) => cable(511 + n, caption, `storecapcanary${n}`))
  it.skipIf(engine.skip).each([false, true])('should give a CONFIDENTIAL reader without the caveat none of the words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    for (let n = 0; n < texts.length; n++) {
      const [, caveats] = FORMS[n]
      expect((await searchArchive(store, { query: `storecapcanary${n}`, access: C, limit: 10 })).total, FORMS[n][0]).toBe(0)
      expect((await searchArchive(store, { query: 'velmora', access: C, limit: 10 })).total).toBe(0)
      expect(JSON.stringify((await showCable(store, `08VELMORA${511 + n}`, C)) ?? ''), FORMS[n][0]).not.toContain(`storecapcanary${n}`)
      // there for a reader holding the caveat
      expect((await searchArchive(store, { query: `storecapcanary${n}`, access: { level: 2, caveats }, limit: 10 })).total, FORMS[n][0]).toBe(1)
    }
  })
})

/** A sectioned CONFIDENTIAL cable whose second section repeats the class line, with caption lines under it. */
const sectioned = (serial: number, captions: string) => `R 031200Z MAR 08
FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

C O N F I D E N T I A L SECTION 01 OF 02 VELMORA 000${serial}

SIPDIS

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (C) INVENTED TALKS ON THE CANAL

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

1. (C) The sectionacanary paragraph.

C O N F I D E N T I A L SECTION 02 OF 02 VELMORA 000${serial}

${captions}

2. (C) The sectionbcanary paragraph.

QUILL
`

describe('a caption line in a later section\'s header', () => {
  it.each([
    ['NOFORN\nSIPDIS', ['NOFORN']],
    ['SIPDIS NOFORN', ['NOFORN']],
    ['NODIS', ['NODIS']],
    ['NOFORNSIPDIS', ['NOFORN']],
    ['NOT FOR FOREIGN DISSEMINATION', ['NOFORN']],
  ])('should demand what `%s` after the repeated class line restricts, of the whole cable', (captions, caveats) => {
    const text = sectioned(531, captions)
    expect(filed(text)).toMatchObject({ level: 2, caveats })
    for (const word of ['sectionacanary', 'sectionbcanary']) {
      expect(shownTo(text, C)).not.toContain(word)
      expect(shownTo(text, { level: 2, caveats })).toContain(word)
    }
  })

  it('should read a caption line standing alone between paragraphs, and leave the words in a paragraph\'s sentence alone', () => {
    const alone = cable(532, 'SIPDIS', 'alonecanary').replace('2. (C) A second paragraph.', 'NOFORN\n\n2. (C) A second paragraph.')
    expect(filed(alone).caveats).toEqual(['NOFORN'])
    const prose = cable(533, 'SIPDIS', 'prosecanary').replace('2. (C) A second paragraph.', '2. (C) The NOFORN rule and the NODIS channel.')
    expect(filed(prose).caveats).toEqual([])
    expect(shownTo(prose, C)).toContain('prosecanary')
  })
})

describe.each(await storeEngines('redact-caption-sections'))('a later section\'s caption: search and show on $name', (engine) => {
  it.skipIf(engine.skip).each([false, true])('should give a CONFIDENTIAL reader without NOFORN none of the words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    const text = sectioned(541, 'NOFORN\nSIPDIS')
    await store.upsertCables([toCableRecord(parseCable(text, { plain: true }), text, { locator: 'f.txt', rendering: 'text', sha256: '0'.repeat(64), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })])
    if (on) await configurePortionAccess(store, true)
    for (const word of ['sectionacanary', 'sectionbcanary']) {
      expect((await searchArchive(store, { query: word, access: C, limit: 10 })).total, word).toBe(0)
      expect((await searchArchive(store, { query: word, access: { level: 2, caveats: ['NOFORN'] }, limit: 10 })).total, word).toBe(1)
    }
    expect(JSON.stringify((await showCable(store, '08VELMORA541', C)) ?? '')).not.toMatch(/sectionacanary|sectionbcanary/)
  })
})
