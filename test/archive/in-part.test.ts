/**
 * `redactInPart` (src/archive/in-part.ts): the rendering a reader in part is shown of a stored cable, read with the
 * cable's filing and, for a cable with several texts, only the portions every text renders alike for him. An SQLite
 * store in memory; test/research/portion-access-versions.test.ts checks the same through search and show on both
 * engines. Synthetic cables of the invented post QUORIN, every expected value written out.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { redactInPart } from '../../src/archive/in-part.js'
import { parseCable } from '../../src/format/parse.js'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'

/** A SECRET cable: an unmarked first paragraph `open`, a (C) paragraph `plain`, an (S) one ending `secretEnd`. */
const cable = (secretEnd: string, plain = 'Alphacanary the talks resumed on schedule.') => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

S E C R E T QUORIN 000101

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL XX
SUBJECT: (C) BUDGET TALKS

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).

1. (C) ${plain}

2. (S) Betacanary the minister privately admitted the budget would ${secretEnd}

QUILL
`

const record = (text: string, n: number) =>
  toCableRecord(parseCable(text, { plain: true }), text, { locator: `v${n}/08QUORIN101.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: `2024-01-0${n}T00:00:00.000Z`, metadata: {} })

const C = { level: 2, caveats: [] as string[] }
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
})

/** A store in memory holding the given texts of 08QUORIN101 (the store chooses which one is shown). */
async function holding(...texts: string[]): Promise<Store> {
  const store = openStore(':memory:')
  stores.push(store)
  await store.upsertCables(texts.map((t, i) => record(t, i + 1)))
  return store
}

const whole = (text: string, caveats: string[] = []) => ({ key: '08QUORIN101', text, level: 3, caveats })

describe('redactInPart', () => {
  it('should show a CONFIDENTIAL reader the (C) paragraph and withhold the (S) one of a cable with one text', async () => {
    const text = cable('fail.')
    const store = await holding(text)
    const r = await redactInPart(store, whole(text), C)
    expect(r.text).toContain('1. (C) Alphacanary the talks resumed on schedule.')
    expect(r.text).not.toContain('Betacanary')
    expect(r.withheld).toEqual([{ portion: 'paragraph 2', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' }])
    expect(r.reader).toBe('CONFIDENTIAL')
  })

  it('should read a cable the store holds no text of as one with a single text', async () => {
    const text = cable('fail.')
    const store = await holding(cable('fail.').replace('QUORIN 000101', 'QUORIN 000102'))
    const r = await redactInPart(store, whole(text), C)
    expect(r.text).toContain('1. (C) Alphacanary the talks resumed on schedule.')
    expect(r.withheld.map((w) => w.portion)).toEqual(['paragraph 2'])
  })

  it('should demand the caveats the cable is filed under of its portions', async () => {
    const text = cable('fail.')
    const store = await holding(text)
    const r = await redactInPart(store, whole(text, ['NOFORN']), C)
    expect(r.text).not.toContain('Alphacanary')
    expect(r.withheld.map((w) => w.portion)).toEqual(['subject', 'paragraph 1', 'paragraph 2'])
    const held = await redactInPart(store, whole(text, ['NOFORN']), { level: 2, caveats: ['NOFORN'] })
    expect(held.text).toContain('1. (C) Alphacanary the talks resumed on schedule.')
  })

  it('should change nothing he sees when the texts differ only inside the withheld paragraph', async () => {
    const first = cable('fail.')
    const second = cable('fail badly.')
    const store = await holding(first, second)
    expect((await store.versions('08QUORIN101'))?.length).toBe(2)
    const shown = (await store.versions('08QUORIN101'))?.find((v) => v.current)?.text as string
    const r = await redactInPart(store, whole(shown), C)
    expect(r.text).toContain('1. (C) Alphacanary the talks resumed on schedule.')
    expect(r.text).not.toContain('Betacanary')
    expect(r.withheld.map((w) => w.portion)).toEqual(['paragraph 2'])
  })

  it('should withhold his paragraph when the texts differ in it, whichever text is shown', async () => {
    const first = cable('fail.')
    const second = cable('fail.', 'Alphacanary the talks resumed late.')
    const store = await holding(first, second)
    // the store's shown text (the one whole.text is), whichever it chose
    const shown = (await store.versions('08QUORIN101'))?.find((v) => v.current)?.text
    expect([first, second]).toContain(shown)
    {
      const r = await redactInPart(store, whole(shown as string), C)
      expect(r.text).not.toContain('Alphacanary')
      // the subject shares the (C) demand: every portion of it is withheld
      expect(r.withheld).toEqual([
        { portion: 'subject', mark: 'C', reason: "marked CONFIDENTIAL, its text differs between the archive's versions of this cable" },
        { portion: 'paragraph 1', mark: 'C', reason: "marked CONFIDENTIAL, its text differs between the archive's versions of this cable" },
        { portion: 'paragraph 2', mark: 'S', reason: 'marked SECRET, above CONFIDENTIAL' },
      ])
    }
  })

  it('should read every stored text as telegram text, as the rendering does, never as the page it may look like', async () => {
    const page = (secretEnd: string) => `<html><body><pre>\n${cable(secretEnd, 'Alphacanary &amp; Quill resumed.')}</pre></body></html>\n`
    const store = await holding(page('fail.'), page('fail badly.'))
    const shown = (await store.versions('08QUORIN101'))?.find((v) => v.current)?.text as string
    const r = await redactInPart(store, whole(shown), C)
    expect(r.text).toContain('1. (C) Alphacanary &amp; Quill resumed.')
    // the markup lines before and after the cable are unmarked text at the overall SECRET
    expect(r.withheld.map((w) => w.portion)).toEqual(['text', 'paragraph 2', 'text'])
  })
})
