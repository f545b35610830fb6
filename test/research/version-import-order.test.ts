/**
 * The version shown, the version numbers, every text hash and the snapshot content hash of a cable are a function of
 * its set of texts, never of import order (docs/research.md, "Version numbers"; QA on issue 14): every order of a few
 * texts of one cable is imported, each order into a cable of its own, and what the archive holds of it must be alike
 * in every order. The case 8eed843 left open: a better copy of the shown version (same parse errors, the lower SHA-256,
 * fewer bytes: LF where the shown copy had CR LF) ranks its version below another, which must then be shown. Both
 * engines. Synthetic cables of invented posts (QUORIN, one text; VELDORA, sent in sections).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { contentHash } from '../../src/archive/snapshots.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access, CableDigest, CableRecord, Store } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'
import { LOST, S1, S2, S2U, S3 } from '../support/veldora-sections.js'

/** Every order of four texts is 48 imports per archive pair; a shared machine may take a minute over them. */
const ORDERS_TIMEOUT = 300_000

const ALL: Access = { level: 4, caveats: ['NOFORN', 'ORCON', 'NODIS', 'EXDIS'] }
const sha = (t: string) => createHash('sha256').update(t).digest('hex')

/** The invented 08QUORIN000611 (one text): paragraph 1 naming `who`, paragraph 2 ending in `tail`. */
const quorin = (who: string, tail = 'Tuesday.') => `O 101500Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC IMMEDIATE 5678

C O N F I D E N T I A L QUORIN 000611

E.O. 12958: DECL: 04/10/2018
TAGS: PREL, PINR
SUBJECT: INVENTED CABINET CRISIS

1. (C) ${who} told poloff the cabinet would fall.

2. (U) The vote is set for ${tail}

SMIT
`
const crlf = (t: string) => t.replace(/\n/g, '\r\n')

/**
 * A text whose LF copy has the lower SHA-256 than its CR LF copy under every cable number `mrns` gives (so the LF copy
 * is the one kept of the version, and it is shorter): searched deterministically over invented names.
 */
function lfKept(mrns: readonly number[]): string {
  for (let i = 0; ; i++) {
    const t = quorin(`Minister Talliv${i}`)
    if (mrns.every((m) => sha(numbered(crlf(t), m)) > sha(numbered(t, m)))) return t
  }
}

/** `text` as the text of cable number `mrn` (QUORIN or VELDORA). */
const numbered = (text: string, mrn: number) => text.replaceAll(/(QUORIN|VELDORA) 000(611|452)/g, `$1 ${String(mrn).padStart(6, '0')}`)

let serial = 0
/** A record of `text` as cable `mrn`, as an import of file `name` reads it, imported one second after the last. */
const rec = (text: string, name: string, mrn: number): CableRecord => {
  serial++
  const t = numbered(text, mrn)
  return toCableRecord(parseCable(t), t, {
    locator: `${name}/${mrn}.txt`,
    rendering: 'text',
    sha256: sha(t),
    importedAt: `2026-01-01T${String(Math.floor(serial / 3600) % 24).padStart(2, '0')}:${String(Math.floor(serial / 60) % 60).padStart(2, '0')}:${String(serial % 60).padStart(2, '0')}.000Z`,
    metadata: {},
  })
}

/** Every order of `items` (n! of them), in a fixed order. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]))
}

/**
 * What an archive holds of cable `key`: each version's number, whether shown, and its text's hash; the shown text's
 * hash and filing; the snapshot content hash of its digests.
 */
async function holding(store: Store, key: string) {
  const versions = (await store.versions(key, ALL))!
  const shown = (await store.getCable(key, ALL))!
  const digests: CableDigest[] = []
  for await (const d of store.digests(ALL, [key])) digests.push(d)
  return {
    versions: versions.map((v) => [v.version, v.current, v.textSha256, sha(v.text)]),
    shown: sha(shown.text),
    filing: [shown.level, shown.caveats, shown.classification],
    contentHash: contentHash(digests),
  }
}

/**
 * Imports every order of `texts` (name → text) into archive `x`, each order as a cable of its own (`base + i`), and
 * the order given into archive `y` under the same numbers (a cable's number is in its texts, so which copy of a text
 * has the lower SHA-256 differs from cable to cable: each order is compared with the same texts in `y`). Asserts
 * each order holds what the order given holds, naming the first that differs; returns what `y` holds of each.
 */
async function expectEveryOrderAlike(x: Store, y: Store, texts: Record<string, string>, base: number, key: (mrn: number) => string) {
  const names = Object.keys(texts)
  const held = []
  for (const [i, order] of permutations(names).entries()) {
    const mrn = base + i
    for (const name of order) await x.upsertCables([rec(texts[name], name, mrn)])
    for (const name of names) await y.upsertCables([rec(texts[name], name, mrn)])
    const expected = await holding(y, key(mrn))
    expect({ order: order.join(' '), ...(await holding(x, key(mrn))) }).toEqual({ order: order.join(' '), ...expected })
    held.push(expected)
  }
  return held
}


describe.each(await storeEngines('version-import-order'))('what a cable shows and numbers in every import order on $name', (engine) => {
  // two archives: every order into one, the order given into the other
  let pair: [Store, Store] | undefined
  const archives = async () => (pair ??= [await engine.open(), await engine.open()])
  const quorinKey = (mrn: number) => `08QUORIN${mrn}`
  const veldoraKey = (mrn: number) => `08VELDORA${mrn}`

  it.skipIf(engine.skip)('should show the other version when a better copy of the shown one ranks it lower (same errors, fewer bytes)', async () => {
    const mrns = [700, 701, 702, 703, 704, 705]
    const a = lfKept(mrns)
    // another version, longer than the LF copy of A and shorter than its CR LF copy: shown beside the LF copy (kept)
    const lines = a.split('\n').length - 1
    const b = a.replace('Tuesday.', `Tuesday ${'z'.repeat(Math.floor(lines / 2) - 1)}.`)
    expect(Buffer.byteLength(b)).toBeGreaterThan(Buffer.byteLength(a))
    expect(Buffer.byteLength(b)).toBeLessThan(Buffer.byteLength(crlf(a)))
    const held = await expectEveryOrderAlike(...(await archives()), { lf: a, crlf: crlf(a), b }, 700, quorinKey)
    // the LF copy of A kept, B shown (numbered last)
    held.forEach((h, i) => {
      expect(h.versions.map((v) => [v[1], v[3]])).toEqual([
        [false, sha(numbered(a, 700 + i))],
        [true, sha(numbered(b, 700 + i))],
      ])
    })
  }, ORDERS_TIMEOUT)

  it.skipIf(engine.skip)('should hold the same of a cable of one text in every order of four texts (copies and versions)', async () => {
    // under about half the cable numbers the LF copy of A is kept (the lower SHA-256), under the others the CR LF one
    const a = quorin('Minister Zorbek Talliv')
    const lines = a.split('\n').length - 1
    const texts = {
      lf: a,
      crlf: crlf(a),
      // a version between the two copies of A in length, and a redacted one
      b: a.replace('Tuesday.', `Tuesday ${'z'.repeat(Math.floor(lines / 2) - 1)}.`),
      redacted: a.replace(/Minister Talliv\d+/, 'XXXXXXXXXXXX'),
    }
    await expectEveryOrderAlike(...(await archives()), texts, 710, quorinKey)
  }, ORDERS_TIMEOUT)

  it.skipIf(engine.skip)('should hold the same of a cable of one text in every order of four texts (trailing blank lines and CR LF copies)', async () => {
    const base = quorin('Minister Zorbek Talliv')
    const texts = {
      plain: base,
      // copies of one version: trailing blank lines, and CR LF
      blanks: `${base}\n\n\n`,
      crlf: crlf(base),
      restored: quorin('Minister Zorbek Talliv', 'Tuesday, the embassy hears.'),
    }
    await expectEveryOrderAlike(...(await archives()), texts, 740, quorinKey)
  }, ORDERS_TIMEOUT)

  it.skipIf(engine.skip)('should hold the same of a telegram in sections in every order of four section texts', async () => {
    await expectEveryOrderAlike(...(await archives()), { s1: S1, s2: S2, s2u: S2U, s3: S3 }, 770, veldoraKey)
  }, ORDERS_TIMEOUT)

  it.skipIf(engine.skip)('should hold the same of a telegram in sections beside a whole text with its breaks lost, in every order', async () => {
    await expectEveryOrderAlike(...(await archives()), { lost: LOST, s2: S2, s2u: S2U, s3: S3 }, 800, veldoraKey)
  }, ORDERS_TIMEOUT)
})
