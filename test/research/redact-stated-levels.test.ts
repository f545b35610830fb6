/**
 * A level the cable states outside its class line raises the level unmarked text counts at (QA 14 round 7, findings
 * F8 and F9; fail closed, spec §7 rule 2): the FL4 security group (`ZNY SSSSS`), a class word alone on a line (a
 * legacy page banner, the class word repeated after the signature), a legacy page header opening with the class word,
 * and an administrative control written as a header line of its own (`LIMITED OFFICIAL USE`, `SBU`, `FOUO`, `FOR
 * OFFICIAL USE ONLY`, `SENSITVE` misspelt), which makes an UNCLAS cable SBU. A reader below never reads the unmarked
 * text; search and show on both engines give him none of its words. Synthetic cables only.
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

/** A cable of the invented post VELMORA: an optional envelope, a class line, a caption line, (C)/(U) paragraph 1, an unmarked paragraph 2, and `tail`. */
const cable = (serial: number, o: { fl4?: string; cls: string; caption?: string; mark: string; banner?: string; tail?: string }) => `${o.fl4 ? `VZCZCXRO0001\nRR RUEHWW\nDE RUEHVL #${serial} 0631200\n${o.fl4}\nR 031200Z MAR 08\n` : 'R 031200Z MAR 08\n'}FM AMEMBASSY VELMORA
TO SECSTATE WASHDC 0001

${o.cls} VELMORA 000${serial}

${o.caption ?? 'SIPDIS'}

E.O. 12958: DECL: 03/03/2018
TAGS: PREL PGOV
SUBJECT: (${o.mark}) INVENTED TALKS ON THE CANAL

1. (${o.mark}) The openingcanary paragraph.
${o.banner ? `\n${o.banner}\n` : ''}
2. The unmarkedcanary paragraph.

QUILL
${o.tail ?? ''}`
const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
const shownTo = (text: string, reader: Access) => redactText(text, reader, filed(text)).text

const CONF = 'C O N F I D E N T I A L'
/** A cable stating a level above its class line elsewhere, that level's rank, and the caveats it demands. */
const ABOVE: [string, string, number, string[]][] = [
  ['FL4 ZNY SSSSS', cable(701, { fl4: 'ZNY SSSSS ZZH', cls: CONF, mark: 'C' }), 3, []],
  ['FL4 ZNY TTTTT', cable(702, { fl4: 'ZNY TTTTT ZZH', cls: CONF, mark: 'C' }), 4, []],
  ['a SECRET page banner', cable(703, { cls: CONF, mark: 'C', banner: '                 SECRET\n\nPAGE 02 VELMORA 00703 01 OF 02 031200Z' }), 3, []],
  ['a legacy page header with the class word', cable(704, { cls: CONF, mark: 'C', banner: 'SECRET PAGE 02 VELMORA 00704 01 OF 02 031200Z' }), 3, []],
  ['the class word after the signature', cable(705, { cls: CONF, mark: 'C', tail: '\nSECRET\n' }), 3, []],
  // a banner carrying caveats too (QA 14 round 7, F8 follow-up: `SECRET NOFORN` was read as no level at all)
  ['a SECRET NOFORN page banner', cable(706, { cls: CONF, mark: 'C', banner: '              SECRET NOFORN\n\nPAGE 02 VELMORA 00706 01 OF 02 031200Z' }), 3, ['NOFORN']],
  ['a TOP SECRET NOFORN page banner', cable(707, { cls: CONF, mark: 'C', banner: '            TOP SECRET NOFORN\n\nPAGE 02 VELMORA 00707 01 OF 02 031200Z' }), 4, ['NOFORN']],
  ['SECRET NOFORN after the signature', cable(708, { cls: CONF, mark: 'C', tail: '\nSECRET NOFORN\n' }), 3, ['NOFORN']],
  ['SECRET NOFORN after the signature of an UNCLAS cable', cable(709, { cls: 'UNCLAS', mark: 'U', tail: '\nSECRET NOFORN\n' }), 3, ['NOFORN']],
  // a security group that is not one of spec §3.1's forms is not understood: any level (QA 14, FL4 `ZNY SSSS`)
  ['a garbled FL4 ZNY SSSS (four letters)', cable(712, { fl4: 'ZNY SSSS ZZH', cls: CONF, mark: 'C' }), 4, []],
  ['a garbled FL4 ZNY SCSSS (mixed levels)', cable(713, { fl4: 'ZNY SCSSS ZZH', cls: CONF, mark: 'C' }), 4, []],
  ['a garbled FL4 ZNY SSSSSS (six letters)', cable(714, { fl4: 'ZNY SSSSSS ZZH', cls: 'UNCLAS', mark: 'U' }), 4, []],
]
/** An UNCLAS cable with an administrative control as a caption line. */
const SBU_CAPTIONS = ['LIMITED OFFICIAL USE', 'SBU', 'FOR OFFICIAL USE ONLY', 'FOUO', 'SENSITVE']

describe('a level stated outside the class line', () => {
  it.each(ABOVE)('should file the cable at %s and withhold its unmarked text below it', (_name, text, level, caveats) => {
    expect(filed(text).level).toBe(level)
    expect(filed(text).caveats).toEqual(caveats)
    // a CONFIDENTIAL reader holding the cable's caveats reads its (C) paragraph, never its unmarked text
    expect(shownTo(text, { ...C, caveats })).not.toContain('unmarkedcanary')
    expect(shownTo(text, { ...C, caveats })).toContain('openingcanary')
    expect(shownTo(text, { level, caveats })).toContain('unmarkedcanary')
  })

  // a banner's caveats are demanded, not only its level (QA 14 round 7, F8 follow-up: a SECRET reader without NOFORN
  // read the unmarked text under a `SECRET NOFORN` banner)
  it.each(ABOVE.filter(([, , , caveats]) => caveats.length > 0))('should withhold the unmarked text under %s from a reader at its level without its caveats', (_name, text, level) => {
    expect(shownTo(text, { level, caveats: [] })).not.toContain('unmarkedcanary')
    expect(shownTo(text, { level: 4, caveats: [] })).not.toContain('unmarkedcanary')
  })

  it.each(SBU_CAPTIONS)('should make an UNCLAS cable with the caption line `%s` SBU', (caption) => {
    const text = cable(711, { cls: 'UNCLAS', caption, mark: 'U' })
    expect(filed(text).level).toBe(1)
    expect(shownTo(text, U)).not.toContain('unmarkedcanary')
    expect(shownTo(text, U)).toContain('openingcanary')
    expect(shownTo(text, { level: 1, caveats: [] })).toContain('unmarkedcanary')
  })

  it('should file a cable whose FL4 security warning is no known form as a marking not understood, and read the known forms', () => {
    for (const fl4 of ['ZNY SSSS ZZH', 'ZNY SCSSS ZZH', 'ZNR UUUU', 'ZNY SSSSS/GGGGG ZZH', 'ZNY CCCCC ZZH XYZ']) {
      expect([fl4, filed(cable(715, { fl4, cls: CONF, mark: 'C' }))]).toEqual([fl4, { level: 4, caveats: [], classification: 'TOP SECRET (marking not understood)' }])
    }
    for (const [fl4, level] of [['ZNY SSSAA ZZH', 3], ['ZNY CCCCC/FFFFF ZZH', 2], ['ZNR UUUUU ZZH', 2], ['ZNY EEEEE', 2], ['ZNY TTTTT ZZH ZFD', 4]] as const) {
      expect([fl4, filed(cable(716, { fl4, cls: CONF, mark: 'C' })).level]).toEqual([fl4, level])
    }
  })

  it('should never lower a level, nor take a class word in a sentence or a heading in mixed case for a banner', () => {
    expect(filed(cable(721, { fl4: 'ZNY UUUUU ZZH', cls: 'S E C R E T', mark: 'S' })).level).toBe(3)
    expect(filed(cable(722, { cls: CONF, mark: 'C', banner: 'UNCLASSIFIED' })).level).toBe(2)
    expect(filed(cable(723, { cls: CONF, mark: 'C', banner: 'Secret' })).level).toBe(2)
    expect(filed(cable(724, { cls: CONF, mark: 'C', banner: 'The SECRET talks went on.' })).level).toBe(2)
    expect(filed(cable(725, { cls: 'UNCLAS', caption: 'SIPDIS', mark: 'U' })).level).toBe(0)
  })
})

describe.each(await storeEngines('redact-stated-levels'))('search and show on $name', (engine) => {
  const texts = [...ABOVE.map(([, text]) => text), ...SBU_CAPTIONS.map((caption, n) => cable(731 + n, { cls: 'UNCLAS', caption, mark: 'U' }))]
  it.skipIf(engine.skip).each([false, true])('should give a reader below the stated level none of the unmarked words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    const tagged = texts.map((t, n) => t.replace('unmarkedcanary', `unmarkedcanary${n}`))
    await store.upsertCables(tagged.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    for (let n = 0; n < tagged.length; n++) {
      const reader = n < ABOVE.length ? C : U
      expect((await searchArchive(store, { query: `unmarkedcanary${n}`, access: reader, limit: 10 })).total, String(n)).toBe(0)
      const key = parseCable(tagged[n], { plain: true }).id ?? ''
      expect(JSON.stringify((await showCable(store, key, reader)) ?? ''), String(n)).not.toContain(`unmarkedcanary${n}`)
      expect((await searchArchive(store, { query: `unmarkedcanary${n}`, access: { level: 4, caveats: ['NOFORN'] }, limit: 10 })).total, String(n)).toBe(1)
      // a banner's NOFORN is demanded on top of its level
      if (n < ABOVE.length && ABOVE[n][3].length > 0) expect((await searchArchive(store, { query: `unmarkedcanary${n}`, access: { level: 4, caveats: [] }, limit: 10 })).total, String(n)).toBe(0)
    }
  })
})
