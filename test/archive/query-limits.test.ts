import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseQuery, QUERY_LIMITS } from '../../src/archive/query/parse-query.js'
import { QuerySyntaxError } from '../../src/archive/query/query-error.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { makeRecord } from '../store/make-record.js'

// Ordinary long queries reach engine limits (SQLite: expression depth 1,000; FTS5: 256): every one must
// come back as hits or as a query error at a column, never as an engine error or a stack overflow.

let store: SqliteStore
const WORDS = ['nuclear', 'uranium', 'visa', 'harare', 'paris', 'tariff', 'enrichment', 'border']

beforeAll(async () => {
  store = openSqliteStore(':memory:')
  const records = Array.from({ length: 60 }, (_, i) =>
    makeRecord({
      key: `09STATE${i + 1}`,
      text: `UNCLAS STATE 0000${i + 1}\n\nSUBJECT: ${WORDS[i % 8]} ${WORDS[(i * 3) % 8]}\n\n1. (U) ${WORDS[(i + 1) % 8]} and ${WORDS[(i + 5) % 8]} w${i}.\n`,
      subject: `${WORDS[i % 8]} ${WORDS[(i * 3) % 8]}`.toUpperCase(),
      tags: [i % 2 ? 'PREL' : 'ETRD', `T${i}`],
    }),
  )
  await store.upsertCables(records)
})
afterAll(() => store.close())

async function run(q: string): Promise<{ total: number; ids: string[] } | QuerySyntaxError> {
  try {
    const r = await searchArchive(store, { query: q, facets: true, limit: 1000, snippets: true })
    const ids: string[] = []
    for await (const h of r.hits) ids.push(h.id!)
    // the streaming path (no facets) compiles the same tree another way
    const streamed = await searchArchive(store, { query: q })
    let n = 0
    for await (const _ of streamed.hits) n++
    expect(n).toBe(r.total)
    return { total: r.total, ids }
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error
    throw error
  }
}

function hits(r: Awaited<ReturnType<typeof run>>): { total: number; ids: string[] } {
  if (r instanceof QuerySyntaxError) throw new Error(`expected hits, got ${r.message}`)
  return r
}

/**
 * Words nested `levels` AND/OR levels deep, alternating from the inside out (`(w0 nuclear)`, `(visa OR (w0
 * nuclear))`, …; an OR outermost when `levels` is even), with the test a cable's set of words passes.
 */
function nestedWords(levels: number): { query: string; holds: (words: Set<string>) => boolean } {
  let query = 'nuclear'
  let holds = (w: Set<string>) => w.has('nuclear')
  for (let i = 0; i < levels; i++) {
    const inner = holds
    const word = `w${i}`
    if (i % 2) {
      query = `(visa OR ${query})`
      holds = (w) => w.has('visa') || inner(w)
    } else {
      query = `(${word} ${query})`
      holds = (w) => w.has(word) && inner(w)
    }
  }
  return { query, holds }
}

function refused(r: Awaited<ReturnType<typeof run>>, column: number, words: RegExp): void {
  expect(r).toBeInstanceOf(QuerySyntaxError)
  const e = r as QuerySyntaxError
  expect(e.column).toBe(column)
  expect(e.message).toMatch(words)
  // errors speak the query language, never the lexer's token names
  expect(e.message).not.toMatch(/\b(MINUS|LPAREN|RPAREN|EOF|PHRASE)\b/)
  expect(e.excerpt().split('\n')[0].length).toBeLessThanOrEqual(102)
}

describe('query language limits (long, deep and wide queries)', () => {
  it('should answer a thousand id: alternatives (a book\'s citations) with the hits', async () => {
    const q = ['id:09STATE7', ...Array.from({ length: 999 }, (_, i) => `id:08NOWHERE${i}`)].join(' OR ')
    expect(hits(await run(q))).toEqual({ total: 1, ids: ['09STATE7'] })
    const mixed = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? `id:09STATE${i}` : i % 3 === 1 ? `tag:T${i}` : `w${i}`)).join(' OR ')
    const r = hits(await run(mixed))
    // 09STATE1 (w0? no: id multiple of 3), tags T{i} with i%3==1 and words w{i} with i%3==2, all below 60
    const expected = new Set<string>()
    for (let i = 0; i < 60; i++) if (i % 3 === 0 && i > 0) expected.add(`09STATE${i}`)
    for (let i = 0; i < 60; i++) if (i % 3 === 1 || i % 3 === 2) expected.add(`09STATE${i + 1}`)
    expect(new Set(r.ids)).toEqual(expected)
  })

  it('should answer hundreds of exclusions of words, phrases and fields with the hits', async () => {
    const words = hits(await run('nuclear ' + Array.from({ length: 300 }, (_, i) => `-w${i}`).join(' ')))
    expect(words.total).toBe(0)
    const some = hits(await run('nuclear ' + Array.from({ length: 300 }, (_, i) => `-w${i + 30}`).join(' ')))
    expect(some.total).toBeGreaterThan(0)
    const tags = hits(await run('nuclear ' + Array.from({ length: 400 }, (_, i) => `-tag:T${i}`).join(' ')))
    expect(tags.total).toBe(0)
    const phrases = hits(await run('visa ' + Array.from({ length: 300 }, (_, i) => `-"${WORDS[(i + 5) % 8]} w${i}"`).join(' ')))
    expect(phrases.total).toBe(0)
    const grouped = hits(await run('(' + Array.from({ length: 300 }, (_, i) => `-w${i}`).join(' ') + ') OR visa'))
    expect(grouped.total).toBeGreaterThan(0)
  })

  it('should refuse nesting deeper than the limit at the column where it is crossed', async () => {
    const depth = QUERY_LIMITS.depth
    refused(await run('('.repeat(2000) + 'nuclear' + ')'.repeat(2000)), depth + 1, /nested more than 32 deep/)
    refused(await run('NOT '.repeat(100) + 'nuclear'), 4 * depth + 1, /nested more than 32 deep/)
    refused(await run('a ' + '-('.repeat(40) + 'b' + ')'.repeat(40)), 2 + depth + 1, /nested/)
    // at the limit: alternating AND/OR nesting, the worst case for both engines, answers
    let q = 'nuclear'
    for (let i = 0; i < depth; i++) q = i % 2 ? `(visa OR ${q})` : `(w${i} ${q})`
    hits(await run(q))
    let n = 'visa'
    for (let i = 0; i < Math.floor(depth / 3); i++) n = `(tag:PREL OR -(w${i} ${n}))`
    hits(await run(n))
  })

  // FTS5 overflows its parser stack near 32 AND/OR levels, which the language allows: counted through an
  // exclusion or a text field too, a deeper tree is split into several full-text matches, and answers right
  it('should answer words nested to the limit inside an exclusion or a text field with the cables they name', async () => {
    // the words of each stored cable, whole and in its subject, as the index splits them (ASCII here)
    const cables: { key: string; all: Set<string>; subject: Set<string> }[] = []
    for await (const h of store.search(null, { sort: 'date' })) {
      const c = (await store.getCable(h.key))!
      const split = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g))
      cables.push({ key: h.key, all: split(`${c.subject} ${c.text}`), subject: split(c.subject ?? '') })
    }
    const inner = nestedWords(QUERY_LIMITS.depth - 1)
    const cases: [string, (c: (typeof cables)[number]) => boolean][] = [
      [`harare OR paris -${inner.query}`, (c) => c.all.has('harare') || (c.all.has('paris') && !inner.holds(c.all))],
      [`(harare OR subject:${inner.query})`, (c) => c.all.has('harare') || inner.holds(c.subject)],
    ]
    for (const [q, holds] of cases) {
      const expected = cables.filter(holds).map((c) => c.key)
      expect(expected.length, q).toBeGreaterThan(0)
      expect(hits(await run(q)).ids.sort(), q).toEqual(expected.sort())
    }
  })

  // as deep as one FTS5 expression is taken (docs/search.md, "Order"): still ranked by relevance
  it('should rank a query of words nested 12 AND/OR levels deep', async () => {
    const q = nestedWords(12).query
    expect(q.startsWith('(visa OR ')).toBe(true)
    const scores: (number | null)[] = []
    for await (const h of store.search(parseQuery(q), { sort: 'rank' })) scores.push(h.score)
    expect(scores.length).toBeGreaterThan(0)
    expect(scores.every((s) => typeof s === 'number')).toBe(true)
  })

  it('should refuse more terms than the limit, and a query longer than the limit', async () => {
    const max = QUERY_LIMITS.terms
    hits(await run(Array.from({ length: max }, (_, i) => `id:09STATE${i}`).join(' OR ')))
    const over = Array.from({ length: max + 1 }, (_, i) => `w${i}`)
    refused(await run(over.join(' OR ')), over.slice(0, max).join(' OR ').length + 5, /more than 5,000 words/)
    refused(await run('a'.repeat(QUERY_LIMITS.length + 1)), QUERY_LIMITS.length + 1, /longer than 100,000/)
  })

  it('should bound NEAR distances and answer the largest one allowed', async () => {
    refused(await run('nuclear NEAR/99999999999999999999 visa'), 9, /at most 10,000 words/)
    refused(await run('nuclear NEAR/10001 visa'), 9, /at most 10,000/)
    hits(await run(`nuclear NEAR/${QUERY_LIMITS.nearDistance} visa`))
    hits(await run(`"nuclear uranium" NEAR/0 visa NEAR/0 border`))
  })
})

describe('exclusions and error messages in the query language', () => {
  it('should read a leading exclusion of a word, phrase, group or field', async () => {
    const all = hits(await run('*')).total
    for (const q of ['-nuclear', '-"uranium and"', '-(nuclear OR visa)', '-tag:PREL', 'NOT nuclear']) {
      const r = hits(await run(q))
      expect(r.total, q).toBeLessThan(all)
      expect(r.total, q).toBeGreaterThan(0)
    }
    expect(parseQuery('-(iran)')).toMatchObject({ type: 'not', child: { type: 'term', text: 'iran' } })
    expect(parseQuery('a -"b c"')).toMatchObject({ type: 'and', children: [{ type: 'term' }, { type: 'not', child: { type: 'phrase' } }] })
    expect(parseQuery('ZANU-PF')).toMatchObject({ type: 'term', tokens: ['zanu', 'pf'] })
  })

  it.each([
    ['nuclear NEAR/3 -iran', 16, /NEAR joins words or "phrases"; an exclusion \(-\)/],
    ['nuclear NEAR NOT iran', 14, /an exclusion \(NOT\)/],
    ['"human rights"*', 15, /"\*" after a "phrase": a prefix search takes one word/],
    ['nuclear - iran', 9, /"-" excludes what follows it with no space/],
    ['nuclear -', 9, /"-" excludes/],
    ['(nuclear -)', 10, /"-" excludes/],
    ['nuclear AND OR visa', 13, /OR needs a word/],
  ])('should explain %j in the language\'s own terms (column %i)', async (q, column, words) => {
    refused(await run(q), column, words)
  })
})
