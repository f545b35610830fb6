import { afterAll, describe, expect, it } from 'vitest'
import { DATE_SLACK_MS, datedAfterCiting, OUTLIER_MIN_SERIALS, SCALE_FACTOR, SCALE_MIN_OTHERS, gapMap, issuedAfterCiters, scaleOutliers, serialOutliers } from '../../src/archive/gap-map.js'
import { gapsText } from '../../src/archive/output/write-gaps.js'
import { showText } from '../../src/archive/output/write-show.js'
import { showCable } from '../../src/archive/show-cable.js'
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
    expect(row.outliers).toEqual([{ id: '08QUORIN945000', serial: 945000, reason: 'fence', citedBy: ['08QUORIN50', '08QUORIN70'] }])
    expect(row.byMonth.reduce((n, m) => n + m.missing, 0)).toBe(81)
    expect(gapsText([row], true)).toContain('Outlier (cited serial far outside the year\'s serials, not counted): 08QUORIN945000 cited by 08QUORIN50 08QUORIN70')
    expect(gapsText([row], false)).toContain('1 cited serial that cannot be a cable of its origin-year left out as outliers')
    // a reader who may not see the citing cables sees no outlier and no citer
    const hidden = openSqliteStore(':memory:')
    await hidden.upsertCables(records.map((r) => (r.key === '08QUORIN50' || r.key === '08QUORIN70' ? { ...r, classification: 'SECRET', level: 3 } : r)))
    const [seen] = await gapMap(hidden, { origin: 'QUORIN', access: { level: 2, caveats: [] } })
    expect(seen).toMatchObject({ held: 8, cited: 0, outliers: [] })
    await hidden.close()
  })
})

describe('serials out of scale with their post (small origin-years)', () => {
  it('should flag a cited serial more than ten times the post’s largest other serial, and only then', () => {
    const others = [301, 1398, 2921, 2933]
    expect([...scaleOutliers([133192, 2800], others)]).toEqual([133192])
    // the factor is a bound: ten times the largest is still believed, one more is not
    expect(scaleOutliers([SCALE_FACTOR * 2933], others).size).toBe(0)
    expect([...scaleOutliers([SCALE_FACTOR * 2933 + 1], others)]).toEqual([SCALE_FACTOR * 2933 + 1])
    // a low serial is never out of scale: a cable from early in a year is no anomaly
    expect(scaleOutliers([1], others).size).toBe(0)
  })

  it('should judge nothing when the post has too few other serials to show its scale', () => {
    const few = Array.from({ length: SCALE_MIN_OTHERS - 1 }, (_, i) => 10 + i)
    expect(scaleOutliers([999999], few).size).toBe(0)
    expect(scaleOutliers([999999], [...few, 13]).size).toBe(1)
  })
})

describe('cited serials issued after the cables citing them', () => {
  const day = (d: string) => Date.parse(d)
  it('should flag a cited serial above a held serial dated after the last citer, beyond the slack', () => {
    const held = new Map<number, number | null>([
      [100, day('2009-03-01')],
      [200, day('2009-07-01')],
      [300, null],
    ])
    const citedAt = new Map<number, number | null>([
      [150, day('2009-05-01')], // issued after 100 (March): a May citer is fine
      [250, day('2009-05-01')], // issued after 200 (July): a May citer is impossible
      [260, null], // citers' date not known to the day: not judged
      [350, day('2009-01-01')], // above the undated 300: judged by 200, impossible
      [50, day('2009-01-01')], // below every held serial: nothing to judge by
    ])
    expect([...issuedAfterCiters(held, citedAt)].sort((a, b) => a - b)).toEqual([250, 350])
  })

  it('should forgive a held cable dated up to the slack after the citer', () => {
    const held = new Map<number, number | null>([[100, day('2009-03-08')]])
    expect(issuedAfterCiters(held, new Map([[150, day('2009-03-08') - DATE_SLACK_MS]])).size).toBe(0)
    expect(issuedAfterCiters(held, new Map([[150, day('2009-03-08') - DATE_SLACK_MS - 1]])).size).toBe(1)
  })
})

describe('MRN gap map: impossible cited serials', () => {
  const ref = (id: string) => ({ letter: 'A', id, text: id.replace(/^\d\d([A-Z]+)(\d+)$/, '$1 $2'), kind: 'cable' as const })
  // VELLORA numbers a few thousand a year: 2007 holds 8 serials, 2008 only two, one of which cites 08VELLORA945000
  const records: CableRecord[] = [
    ...[300, 700, 1100, 1500, 1900, 2300, 2700].map((n, i) =>
      makeRecord({ key: `07VELLORA${n}`, date: `2007-${String(i + 1).padStart(2, '0')}-15`, text: `cable ${n}`, originKey: 'VELLORA' }),
    ),
    makeRecord({ key: '08VELLORA2000', date: '2008-06-10', originKey: 'VELLORA', text: 'cable 2000', references: [ref('08VELLORA945000'), ref('08VELLORA1900')] }),
    makeRecord({ key: '08VELLORA2600', date: '2008-08-10', originKey: 'VELLORA', text: 'cable 2600' }),
    // dated in January, a TESSIN cable cites VELLORA 2900 of 2007 (held 2700 is dated July): another year's
    makeRecord({ key: '07TESSIN12', date: '2007-01-20', originKey: 'TESSIN', text: 'cable 12', references: [ref('07VELLORA2900'), ref('07VELLORA200')] }),
    // a VELLORA cable out of date order (dated before 2700) cites 3000 from its higher serial: the serials say
    // 3000 came first, whatever the dates say
    makeRecord({ key: '07VELLORA3100', date: '2007-06-01', originKey: 'VELLORA', text: 'cable 3100', references: [ref('07VELLORA3000')] }),
  ]

  it('should set aside a cited serial out of scale in a small year and one issued after its citers', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const rows = await gapMap(store, { origin: 'VELLORA' })
    const y8 = rows.find((r) => r.year === 2008)!
    expect(y8).toMatchObject({ first: 1900, last: 2600, held: 2, cited: 1, missing: 699, citedMissing: ['08VELLORA1900'] })
    expect(y8.outliers).toEqual([{ id: '08VELLORA945000', serial: 945000, reason: 'scale', citedBy: ['08VELLORA2000'] }])
    const y7 = rows.find((r) => r.year === 2007)!
    expect(y7.outliers).toEqual([{ id: '07VELLORA2900', serial: 2900, reason: 'date', citedBy: ['07TESSIN12'] }])
    expect(y7.citedMissing).toEqual(['07VELLORA200', '07VELLORA3000'])
    expect(y7).toMatchObject({ first: 200, last: 3100 })
    // a year filter still judges the small year against the post's other years
    expect((await gapMap(store, { origin: 'VELLORA', year: 2008 }))[0].outliers.map((o) => o.reason)).toEqual(['scale'])
    expect(gapsText([y8], true)).toContain('Outlier (cited serial out of scale with every other serial of its post, not counted): 08VELLORA945000 cited by 08VELLORA2000')
    expect(gapsText([y7], true)).toContain('Outlier (cited serial above one held and dated after every cable citing it, not counted): 07VELLORA2900 cited by 07TESSIN12')
    await store.close()
  })

  it('should keep a year whose every serial is set aside, with nothing missing and no range', async () => {
    const store = openSqliteStore(':memory:')
    // 06VELLORA held nothing: its one cited serial, out of scale, is all it had
    await store.upsertCables([...records.slice(0, 7), makeRecord({ key: '07VELLORA3200', date: '2007-09-01', originKey: 'VELLORA', text: 'cable 3200', references: [ref('06VELLORA733192')] })])
    const [row] = await gapMap(store, { origin: 'VELLORA', year: 2006 })
    expect(row).toMatchObject({ first: 0, last: 0, held: 0, cited: 0, missing: 0, coverage: 0, byMonth: [], citedMissing: [] })
    expect(row.outliers.map((o) => [o.id, o.reason])).toEqual([['06VELLORA733192', 'scale']])
    expect(gapsText([row], false)).toMatch(/VELLORA\s+2006\s+-\s+-\s+0\s+0\s+0/)
    await store.close()
  })
})

describe('cable show: a held cable dated after the cable citing it', () => {
  it('should tell a later date beyond the slack, only for dates known to the day', () => {
    expect(datedAfterCiting('2009-11-05T10:00:00Z', '2009-07-27T08:00:00Z')).toBe(true)
    expect(datedAfterCiting('2009-07-30', '2009-07-27')).toBe(false)
    expect(datedAfterCiting('2009-11', '2009-07-27')).toBe(false)
    expect(datedAfterCiting('2009-11-05', null)).toBe(false)
    expect(datedAfterCiting('2009-07-27', '2009-11-05')).toBe(false)
  })

  it('should flag such a reference in the view and the text, and link it still', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables([
      makeRecord({ key: '09QUORIN2111', date: '2009-11-05', originKey: 'QUORIN', text: 'cable 2111' }),
      makeRecord({ key: '09QUORIN1208', date: '2009-06-29', originKey: 'QUORIN', text: 'cable 1208' }),
      makeRecord({
        key: '09TESSIN1436',
        date: '2009-07-27',
        originKey: 'TESSIN',
        text: 'cable 1436',
        references: [
          { letter: 'A', id: '09QUORIN1208', text: 'QUORIN 1208', kind: 'cable' },
          { letter: 'B', id: '09QUORIN2111', text: 'QUORIN 2111', kind: 'cable' },
        ],
      }),
    ])
    const view = (await showCable(store, '09TESSIN1436'))!
    expect(view.references.map((r) => [r.id, r.cable?.key ?? null, r.datedAfter])).toEqual([
      ['09QUORIN1208', '09QUORIN1208', false],
      ['09QUORIN2111', '09QUORIN2111', true],
    ])
    const text = showText(view, view.cable.text)
    expect(text).toMatch(/REF B: 09QUORIN2111 .*\(dated after this cable: not the cable cited, likely another year's\)/)
    expect(text).not.toMatch(/REF A: .*dated after/)
    await store.close()
  })
})

describe('MRN gap map with a cable dated only to the year (QA 14 round 8, F4)', () => {
  it('should count it undated and spread the missing serials only between cables dated to the day', async () => {
    const store = openSqliteStore(':memory:')
    // QUORIN 2008: serial 100 on 10 September, 200 on 20 September, 150 a partial record dated only "2008"
    await store.upsertCables([
      makeRecord({ key: '08QUORIN100', date: '2008-09-10', text: 'cable 100' }),
      makeRecord({ key: '08QUORIN200', date: '2008-09-20', text: 'cable 200' }),
      makeRecord({ key: '08QUORIN150', date: '2008', text: 'cable 150' }),
    ])
    const [row] = await gapMap(store, { origin: 'QUORIN', year: 2008 })
    expect(row).toMatchObject({ first: 100, last: 200, held: 3, missing: 98 })
    expect(row.byMonth).toEqual([
      { month: '2008-09', held: 2, missing: 98, cited: 0 },
      { month: 'undated', held: 1, missing: 0, cited: 0 },
    ])
    await store.close()
  })
})
