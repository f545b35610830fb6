import { describe, expect, it } from 'vitest'
import { CitationMemo, citeCable, citeList, type CitationReadings } from '../../src/format/references.js'

/**
 * The memo of REF citations (`Citing.memo`, issue 13's throughput work): the parser reads each REF item when it
 * splits the block and again, as lists, once the cable's id is known; with a memo the second reading finds what
 * the first found. A memo is a cache: it may never change what an item names (an item read with another year,
 * citing post or action addressee is read anew), and it must spare the second reading (issue 15: the mutants of
 * `citeIn`'s memo in src/format/references.ts). Invented posts (QUORIN, VELLORA) and serials.
 */

/** A memo that counts what it is asked and told. */
class CountingMemo extends CitationMemo {
  gets = 0
  sets = 0
  override readings(year: string | null, origin: string | null, addressee: string | null): CitationReadings {
    const readings = super.readings(year, origin, addressee)
    return {
      get: (item) => {
        this.gets++
        return readings.get(item)
      },
      set: (item, found) => {
        this.sets++
        return readings.set(item, found)
      },
    }
  }
}

const ids = (pieces: string[], year: string | null, citing: { origin: string | null; addressee?: string | null; memo?: CitationMemo }) =>
  citeList(pieces, year, citing).map((c) => c?.id ?? null)

describe('REF citations read through a memo', () => {
  it('should read an item once per year, citing post and addressee, and find the same on the second reading', () => {
    const memo = new CountingMemo()
    const citing = { origin: 'QUORIN', addressee: 'STATE', memo }
    expect(ids(['STATE 1234', 'EMBTEL 56', 'URTEL 78'], '09', citing)).toEqual(['09STATE1234', '09QUORIN56', '09STATE78'])
    expect(memo.sets).toBe(3)
    expect(memo.size).toBe(3)
    // the second reading (finishReferences after readFields) asks the memo and reads nothing anew
    expect(ids(['STATE 1234', 'EMBTEL 56', 'URTEL 78'], '09', citing)).toEqual(['09STATE1234', '09QUORIN56', '09STATE78'])
    expect(memo.sets).toBe(3)
    expect(memo.gets).toBe(6)
    expect(citeCable('EMBTEL 56', '09', citing)).toEqual({ id: '09QUORIN56', year: 'citing' })
    expect(memo.sets).toBe(3)
  })

  it('should read an item anew under another year', () => {
    const memo = new CountingMemo()
    expect(ids(['STATE 1234'], '09', { origin: 'QUORIN', memo })).toEqual(['09STATE1234'])
    expect(ids(['STATE 1234'], '08', { origin: 'QUORIN', memo })).toEqual(['08STATE1234'])
    expect(ids(['STATE 1234'], null, { origin: 'QUORIN', memo })).toEqual([null])
    expect(memo.size).toBe(3)
  })

  it('should read an item anew for another citing post: EMBTEL is the citing post\'s own telegram', () => {
    const memo = new CountingMemo()
    expect(ids(['EMBTEL 56'], '09', { origin: 'QUORIN', memo })).toEqual(['09QUORIN56'])
    expect(ids(['EMBTEL 56'], '09', { origin: 'VELLORA', memo })).toEqual(['09VELLORA56'])
    expect(ids(['EMBTEL 56'], '09', { origin: null, memo })).toEqual([null])
    expect(memo.size).toBe(3)
  })

  it('should read an item anew for another action addressee: URTEL is the addressee\'s telegram', () => {
    const memo = new CountingMemo()
    expect(ids(['URTEL 78'], '09', { origin: 'QUORIN', addressee: 'STATE', memo })).toEqual(['09STATE78'])
    expect(ids(['URTEL 78'], '09', { origin: 'QUORIN', addressee: 'VELLORA', memo })).toEqual(['09VELLORA78'])
    expect(ids(['URTEL 78'], '09', { origin: 'QUORIN', addressee: null, memo })).toEqual([null])
    expect(memo.size).toBe(3)
  })

  it('should read the same without a memo, and with a citing post given as a bare origin or none', () => {
    expect(ids(['STATE 1234', 'EMBTEL 56', 'URTEL 78'], '09', { origin: 'QUORIN', addressee: 'STATE' })).toEqual(['09STATE1234', '09QUORIN56', '09STATE78'])
    expect(citeList(['STATE 1234', 'EMBTEL 56'], '09', 'QUORIN').map((c) => c?.id ?? null)).toEqual(['09STATE1234', '09QUORIN56'])
    expect(citeList(['STATE 1234', 'EMBTEL 56'], '09').map((c) => c?.id ?? null)).toEqual(['09STATE1234', null])
  })
})

describe('a telegram-type word leading an origin', () => {
  it('should drop REFTEL before the origin it stands for', () => {
    expect(ids(['REFTEL KABUL 2245'], '09', { origin: 'QUORIN' })).toEqual(['09KABUL2245'])
  })

  it('should never cut the origin inside a word: the word must lead it, not follow a punctuated one', () => {
    // `EMB. REFTEL KABUL`: REFTEL is not the origin's first word, so nothing is dropped by its length (which would
    // leave `FTEL KABUL`); whatever the item is read as, its origin is whole words of the item
    for (const item of ['EMB. REFTEL KABUL 2245', 'U.S. URTEL KABUL 2245', 'X-REFTEL KABUL 2245']) {
      const [id] = ids([item], '09', { origin: 'QUORIN', addressee: 'STATE' })
      if (id === null) continue
      const origin = id.slice(2).replace(/\d+$/, '')
      const words = item.replace(/\s+\d+$/, '').split(/\s+/).map((w) => w.replace(/[^A-Z]/g, ''))
      const wholeWords = words.map((_, i) => words.slice(i).join(''))
      expect(wholeWords, item).toContain(origin)
    }
  })
})
