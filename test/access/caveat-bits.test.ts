import { beforeAll, describe, expect, it } from 'vitest'
import { ALL_CAVEATS_MASK, caveatMask } from '../../src/store/caveat-mask.js'
import type { Store } from '../../src/store/store.js'
import { makeRecord } from '../store/make-record.js'
import { storeEngines } from '../support/store-engines.js'

// Each caveat's bit is stored data (the `caveat_mask` column of both engines) and the whole access rule in SQL
// (`caveat_mask & ~readerMask = 0`): a caveat whose bit were 0, or shared with another caveat, would show its
// cables to readers who do not hold it. The bits are written out here, not read from the table under test.

const STORED_BITS: [string, number][] = [
  ['NOFORN', 1],
  ['NODIS', 2],
  ['EXDIS', 4],
  ['LIMDIS', 8],
  ['STADIS', 16],
  ['ORCON', 32],
  ['CHEROKEE', 64],
  ['SPECAT', 128],
]

describe('the stored caveat bits', () => {
  it('should give each caveat the bit databases already hold', () => {
    for (const [caveat, bit] of STORED_BITS) expect(caveatMask([caveat]), caveat).toBe(bit)
    expect(ALL_CAVEATS_MASK).toBe(255)
  })

  it('should give no two caveats a common bit', () => {
    for (const [a] of STORED_BITS) for (const [b] of STORED_BITS) if (a !== b) expect(caveatMask([a]) & caveatMask([b]), `${a} & ${b}`).toBe(0)
  })
})

const engines = await storeEngines('caveat-bits')

describe.each(engines)('each caveat in SQL ($name)', (engine) => {
  let store: Store
  const key = (caveat: string) => `09CAVEAT${caveat}`
  beforeAll(async () => {
    if (engine.skip) return
    store = await engine.open()
    await store.upsertCables(
      STORED_BITS.map(([caveat]) =>
        makeRecord({ key: key(caveat), level: 2, classification: `SECRET//${caveat}`, caveats: [caveat], subject: 'QUOLLBIT', text: `SECRET HARARE 000001\n\n${caveat}\n\nSUBJECT: QUOLLBIT\n\n1. (S//${caveat}) Quollbit.\n` }),
      ),
    )
  })

  it.skipIf(engine.skip)('should show a cable with a caveat only to readers who hold that caveat', async () => {
    const visible = async (caveats: string[]) => {
      const out: string[] = []
      for await (const h of store.search(null, { sort: 'date' }, { level: 2, caveats })) out.push(h.key)
      return out.sort()
    }
    expect(await visible([])).toEqual([])
    for (const [caveat] of STORED_BITS) {
      expect(await visible([caveat]), `a SECRET reader holding ${caveat} only`).toEqual([key(caveat)])
      expect(await store.count(null, { level: 2, caveats: STORED_BITS.map(([c]) => c).filter((c) => c !== caveat) }), `every caveat but ${caveat}`).toBe(STORED_BITS.length - 1)
    }
  })
})
