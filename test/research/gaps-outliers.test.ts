import { afterAll, describe, expect, it } from 'vitest'
import { OUTLIER_MIN_SERIALS, gapMap, serialOutliers } from '../../src/archive/gap-map.js'
import { gapsText } from '../../src/archive/output/write-gaps.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { makeRecord } from '../store/make-record.js'

describe('serial outliers (Tukey far-out fences over an origin-year)', () => {
  it('should flag a cited serial far above or below the year and keep an even spread whole', () => {
    const held = [1, 2, 3, 5, 8, 9, 10, 12]
    // with 11 and 30: quartiles 3.5 and 11.75, IQR 8.25, upper fence 36.5
    expect([...serialOutliers(held, [11, 30])]).toEqual([])
    expect([...serialOutliers(held, [11, 856708])]).toEqual([856708])
    // serials spread evenly over 1..N are never cut, whatever N
    const even = Array.from({ length: 200 }, (_, i) => 1 + i * 500)
    expect(serialOutliers(even.slice(0, 150), even.slice(150)).size).toBe(0)
    // a low typo far below a late-numbered year
    expect([...serialOutliers([5000, 5010, 5020, 5030, 5040, 5050, 5060], [5070, 3])]).toEqual([3])
  })

  it('should never flag a held serial, and judge nothing with too few serials', () => {
    const held = [1, 2, 3, 4, 5, 6, 7, 900000]
    expect(serialOutliers(held, []).size).toBe(0)
    const few = Array.from({ length: OUTLIER_MIN_SERIALS - 2 }, (_, i) => i + 1)
    expect(serialOutliers(few, [999999]).size).toBe(0)
    // 1..8 and a cited serial: quartiles 3 and 7, IQR 4, upper fence 19
    expect([...serialOutliers([1, 2, 3, 4, 5, 6, 7, 8], [19])]).toEqual([])
    expect([...serialOutliers([1, 2, 3, 4, 5, 6, 7, 8], [20])]).toEqual([20])
  })
})

describe('MRN gap map with a typo in a REF line', () => {
  const store = openSqliteStore(':memory:')
  afterAll(() => store.close())
  // QUORIN 2008 holds serials 10, 20, …, 100 (one a month from January); 08QUORIN50 cites 45 (real) and 945000 (typo)
  const records: CableRecord[] = Array.from({ length: 10 }, (_, i) => {
    const n = (i + 1) * 10
    return makeRecord({
      key: `08QUORIN${n}`,
      date: `2008-${String(i + 1).padStart(2, '0')}-10`,
      text: `cable ${n}`,
      references:
        n === 50
          ? [
              { letter: 'A', id: '08QUORIN45', text: 'QUORIN 45', kind: 'cable' },
              { letter: 'B', id: '08QUORIN945000', text: 'QUORIN 945000', kind: 'cable' },
            ]
          : n === 70
            ? [{ letter: 'A', id: '08QUORIN945000', text: 'QUORIN 945000', kind: 'cable' }]
            : [],
    })
  })

  it('should list the outlier with its citing cables and leave it out of the range and the missing estimate', async () => {
    await store.upsertCables(records)
    const [row] = await gapMap(store, { origin: 'QUORIN', year: 2008 })
    expect(row).toMatchObject({ first: 10, last: 100, held: 10, cited: 1, missing: 81, citedMissing: ['08QUORIN45'] })
    expect(row.outliers).toEqual([{ id: '08QUORIN945000', serial: 945000, citedBy: ['08QUORIN50', '08QUORIN70'] }])
    expect(row.byMonth.reduce((n, m) => n + m.missing, 0)).toBe(81)
    expect(gapsText([row], true)).toContain('Outlier (cited serial far outside the year\'s serials, not counted): 08QUORIN945000 cited by 08QUORIN50 08QUORIN70')
    expect(gapsText([row], false)).toContain('1 cited serial far outside its origin-year left out as outliers')
    // a reader who may not see the citing cables sees no outlier and no citer
    const hidden = openSqliteStore(':memory:')
    await hidden.upsertCables(records.map((r) => (r.key === '08QUORIN50' || r.key === '08QUORIN70' ? { ...r, classification: 'SECRET', level: 3 } : r)))
    const [seen] = await gapMap(hidden, { origin: 'QUORIN', access: { level: 2, caveats: [] } })
    expect(seen).toMatchObject({ held: 8, cited: 0, outliers: [] })
    await hidden.close()
  })
})
