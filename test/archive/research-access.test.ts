/**
 * The access a research tool searches the whole archive with (`researchAccess`, src/archive/portion-access.ts; issue
 * 15, eighteenth mutation run): a restricted reader's access with `portions` set only when portion-level access is on;
 * otherwise his access as given, and no access (archive mode) stays none. A stand-in store answers `portionAccess`.
 */
import { describe, expect, it } from 'vitest'
import { researchAccess } from '../../src/archive/portion-access.js'
import type { Access, Store } from '../../src/store/store.js'

const storeWith = (on: boolean) => ({ portionAccess: async () => on }) as unknown as Store

describe('researchAccess', () => {
  it('sets portions on a restricted reader when portion-level access is on, keeping his level and caveats', async () => {
    const reader: Access = { level: 2, caveats: ['NOFORN'] }
    expect(await researchAccess(storeWith(true), reader)).toEqual({ level: 2, caveats: ['NOFORN'], portions: true })
    // the reader's own object is left as it was
    expect(reader).toEqual({ level: 2, caveats: ['NOFORN'] })
  })

  it('gives the reader as he is when portion-level access is off', async () => {
    const reader: Access = { level: 2, caveats: [] }
    expect(await researchAccess(storeWith(false), reader)).toEqual({ level: 2, caveats: [] })
  })

  it('gives no access (archive mode) as none, portion-level access on or off', async () => {
    expect(await researchAccess(storeWith(true), undefined)).toBeUndefined()
    expect(await researchAccess(storeWith(false), undefined)).toBeUndefined()
  })
})
