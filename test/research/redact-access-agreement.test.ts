/**
 * Whole-cable access and the releasable rendering agree (docs/research.md, "Releasable rendering"): a cable is
 * filed at least at every demand `cable redact` reads in it, so a reader the archive lets read a cable whole is
 * withheld nothing by the rendering, and a portion the rendering withholds from everyone as TOP SECRET (a mark
 * nobody can read) files the whole cable TOP SECRET (marking not understood). Marks after a paragraph number that the
 * parser does not read (`(SNF)`, `(Q)`), and marks inside a portion's text (`… an inner (S//NF) note …`), used to be
 * honoured by the rendering only, so `show` and `search` gave a lower reader the text `redact` withheld (QA 14,
 * findings 02 and 10). Both engines, portion-level access off and on. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { cableAccess, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of the invented post QUORIN: class line, (C) subject, paragraphs as given. */
const cable = (serial: number, classLine: string, paragraphs: string) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

${classLine} QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) MARK TEST ${serial}

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) Openword${serial} paragraph one is plain confidential.

${paragraphs}

QUILL
`

const CONF = 'C O N F I D E N T I A L'
/** Unreadable marks after a paragraph number: each cable is CONFIDENTIAL with its paragraph 2 so marked. */
const UNREADABLE = ['SNF', 'SNOFORN', 'Q', 'SS', 'TSS', 'CONF', 'X', 'S//ZZ'].map((mark, n) => ({ mark, text: cable(501 + n, CONF, `2. (${mark}) Hiddenword${501 + n} marked ${mark.replace(/\//g, '')}.`) }))
/** Marks inside a portion's text: a NOFORN one in a SECRET cable, a SECRET one in a CONFIDENTIAL cable. */
const INNER_NOFORN = cable(902, 'S E C R E T', '2. (C) Nfpopen902 paragraph with an inner (S//NF) note.')
const INNER_SECRET = cable(950, CONF, '2. (C) Innercanary paragraph with an inner (S) note.')
/** Prose after a paragraph number is no mark: the paragraph is unmarked, at the overall level. */
const PROSE = cable(960, CONF, '2. (UN) Prosecanary officials met.\n\n3. (Japan) Prosecanary Tokyo agreed.')

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `q${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))

describe('whole-cable access covers every mark the rendering reads', () => {
  it.each(UNREADABLE)('should file a CONFIDENTIAL cable whose paragraph is marked ($mark) as TOP SECRET (marking not understood)', ({ text }) => {
    expect(filed(text)).toEqual({ level: 4, caveats: [], classification: UNREADABLE_MARKING_LABEL })
  })

  it('should raise the cable by a mark inside a portion, its caveats and its level', () => {
    expect(filed(INNER_NOFORN)).toEqual({ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' })
    expect(filed(INNER_SECRET)).toEqual({ level: 3, caveats: [], classification: 'SECRET' })
  })

  it('should read prose after a paragraph number as no mark, so the cable keeps its level', () => {
    expect(filed(PROSE)).toEqual({ level: 2, caveats: [], classification: 'CONFIDENTIAL' })
    expect(redactText(PROSE, { level: 2, caveats: [] }).withheld).toEqual([])
  })

  it('should withhold nothing from a reader cleared for exactly what the cable is filed under', () => {
    for (const text of [INNER_NOFORN, INNER_SECRET, PROSE]) {
      const access = filed(text)
      expect(redactText(text, access, access).withheld).toEqual([])
    }
  })
})

describe.each(await storeEngines('redact-access'))('show and search agree with the rendering on $name', (engine) => {
  const texts = [...UNREADABLE.map((u) => u.text), INNER_NOFORN, INNER_SECRET]
  const C: Access = { level: 2, caveats: [] }
  const S: Access = { level: 3, caveats: [] }
  /** Words of the cables withheld from a reader: the unreadable paragraphs from C, the inner-marked ones from C and S. */
  const hidden: [string, Access][] = [...UNREADABLE.map((_, n): [string, Access] => [`hiddenword${501 + n}`, C]), ['nfpopen902', S], ['innercanary', C]]

  it.skipIf(engine.skip).each([false, true])('should give a lower reader none of those words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map(record))
    if (on) await configurePortionAccess(store, true)
    for (const [word, reader] of hidden) {
      const found = await searchArchive(store, { query: word, access: reader, limit: 10 })
      expect(found.total, `${word} found by ${reader.level}`).toBe(0)
    }
    for (const key of ['08QUORIN501', '08QUORIN503', '08QUORIN950']) {
      const view = await showCable(store, key, C)
      expect(JSON.stringify(view ?? '')).not.toMatch(/Hiddenword|Innercanary/)
    }
    const nf = await showCable(store, '08QUORIN902', S)
    expect(JSON.stringify(nf ?? '')).not.toContain('Nfpopen902')
    // the cables are there: the highest reader finds them, and the one cleared for the whole cable reads it whole
    for (const key of ['08QUORIN501', '08QUORIN503', '08QUORIN950', '08QUORIN902']) expect(await showCable(store, key, { level: 4, caveats: ['NOFORN'] })).not.toBeNull()
    // the reader cleared for the whole cable reads it whole
    expect(JSON.stringify(await showCable(store, '08QUORIN902', { level: 3, caveats: ['NOFORN'] }))).toContain('Nfpopen902')
  })
})
