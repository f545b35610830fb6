import { toCableRecord } from '../src/archive/cable-record.js'
import { parseCable } from '../src/format/parse.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'

/**
 * `npm run bench:large`: how parsing and importing one cable grows with its size (QA 13: a cable of ~30,000
 * paragraphs took minutes to import, the time growing with the square of its length). Synthetic cables of
 * 1,000, 10,000 and 30,000 portions in two shapes: numbered paragraphs (which run past the 999 a paragraph number
 * may have, as a long record's do) and unnumbered portions opening with a mark (`(C) …`). Each is parsed, made
 * a record (the marks of every portion read) and written to an in-memory SQLite archive, as `cable import` does.
 * Prints the milliseconds of each step and the growth exponent from 10,000 to 30,000 portions (1 is linear, 2
 * quadratic); exits 1 when the import grows faster than n^1.5. `LARGE_SIZES=1000,10000` sets the sizes.
 */
const SIZES = (process.env.LARGE_SIZES ?? '1000,10000,30000').split(',').map(Number)

const HEAD =
  'R 061419Z MAR 08\nFM AMEMBASSY QUORIN\nTO SECSTATE WASHDC PRIORITY 1234\nBT\nCONFIDENTIAL QUORIN 001234\n\nE.O. 12958: DECL: 03/06/2018\nTAGS: PREL, XY\nSUBJECT: AN INVENTED CABLE OF MANY PORTIONS\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b) and (d).\n\n'

function cable(n: number, numbered: boolean): string {
  const parts: string[] = [HEAD]
  for (let i = 1; i <= n; i++) parts.push(`${numbered ? `${i}. ` : ''}(${i % 7 === 0 ? 'U' : 'C'}) Portion ${i} of the invented cable says little of note here.\n\n`)
  parts.push('DOE\n')
  return parts.join('')
}

function ms(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

const source = { locator: 'bench', rendering: 'text' as const, sha256: '0'.repeat(64), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} }
let worst = 0
for (const numbered of [true, false]) {
  const rows: { n: number; parse: number; record: number; write: number }[] = []
  for (const n of SIZES) {
    const text = cable(n, numbered)
    let c = parseCable(text)
    const parse = ms(() => (c = parseCable(text)))
    let r = toCableRecord(c, text, source)
    const record = ms(() => (r = toCableRecord(c, text, source)))
    const store = openSqliteStore(':memory:')
    const t0 = performance.now()
    await store.upsertCables([r])
    const write = performance.now() - t0
    await store.close()
    rows.push({ n, parse, record, write })
    console.log(`${numbered ? 'numbered  ' : 'unnumbered'} ${String(n).padStart(6)} portions ${(text.length / 1e6).toFixed(1)} MB: parse ${parse.toFixed(0)} ms, record ${record.toFixed(0)} ms, write ${write.toFixed(0)} ms`)
  }
  if (rows.length >= 2) {
    const [a, b] = rows.slice(-2)
    const total = (x: (typeof rows)[number]) => x.parse + x.record + x.write
    const exponent = Math.log(total(b) / total(a)) / Math.log(b.n / a.n)
    worst = Math.max(worst, exponent)
    console.log(`  growth ${a.n} → ${b.n}: n^${exponent.toFixed(2)}`)
  }
}
console.log(JSON.stringify({ worst_growth_exponent: Number(worst.toFixed(2)) }))
if (worst > 1.5) {
  console.error(`import time grows as n^${worst.toFixed(2)}: faster than n^1.5`)
  process.exitCode = 1
}
