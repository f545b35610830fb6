/**
 * What the compilers hand to the engines beyond the cables a query selects (which the archive contract pins on
 * both engines): a tree the parser never builds is refused by name, PostgreSQL's `usesCables` says whether the
 * condition reads `cables c` beyond `c.id` (PgCompiledQuery), and a NEAR of three or more operands passes
 * `cg_near` its words, field weights and distance, its candidates found by the index with overflow lexemes only
 * for phrases (a lone word's first 256 positions are under the word itself).
 */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import type { FieldNode, QueryNode } from '../../src/store/query/ast.js'
import { compilePgQuery } from '../../src/store/postgres/pg-search.js'
import { compileQuery } from '../../src/store/sqlite/sqlite-search.js'

const unknownField = { type: 'field', field: 'colour', op: ':', value: 'blue', prefix: false, query: null } as unknown as FieldNode
const unknownNode = { type: 'colour' } as unknown as QueryNode

describe('query compilers: a tree the parser never builds', () => {
  it('should refuse a field neither engine knows, by name', () => {
    expect(() => compileQuery(unknownField, undefined)).toThrow('unknown field colour')
    expect(() => compilePgQuery(unknownField, undefined, 0, false)).toThrow('unknown field colour')
  })

  it('should refuse a node of no known type, by name', () => {
    expect(() => compileQuery(unknownNode, undefined)).toThrow('unexpected node colour')
    expect(() => compilePgQuery(unknownNode, undefined, 0, false)).toThrow('unexpected node colour')
  })
})

describe('compilePgQuery: what the engine is told besides the condition', () => {
  it('should say the condition reads cables beyond c.id for attributes of the cable, not for tags, captions and references', () => {
    for (const q of ['tag:PREL', 'caption:SIPDIS', 'cites:09STATE1', 'tag:PR* -caption:NODIS cites:09STA*']) {
      expect([q, compilePgQuery(parseQuery(q), undefined, 0, false).usesCables]).toEqual([q, false])
    }
    for (const q of ['origin:HARARE', 'precedence:FLASH', 'id:09STATE1', 'date:2009', 'class:SECRET', 'classification:SECRET', 'tag:PREL origin:HARARE']) {
      expect([q, compilePgQuery(parseQuery(q), undefined, 0, false).usesCables]).toEqual([q, true])
    }
  })

  it('should give overflow lexemes to the tokens of a phrase only, never to a lone word (its first 256 places are under the word)', () => {
    // overflow lexemes only lengthen a lone word's tsquery: the cables are the same, the index reads more entries
    const q = compilePgQuery(parseQuery('alpha "the alpha"'), undefined, 2, false)
    expect(q.match).toBe("('alpha') & (('the' | 'the~1' | 'the~2') <-> ('alpha' | 'alpha~1' | 'alpha~2'))")
  })

  it('should put in front of a NEAR of two each word of its operands, a prefix only where the operand ends in one', () => {
    // the words in front are implied by every alternative: the same cables, and the planner sees them as rare as
    // their words together; a word taken as a prefix where the operand has none would only loosen that estimate
    const q = compilePgQuery(parseQuery('zanu-p* NEAR/0 "the congress"'), undefined, 0, false)
    const a = (w: string) => `('zanu':${w} <-> 'p':*${w})`
    const b = (w: string) => `('the':${w} <-> 'congress':${w})`
    const alternatives = ['A', 'D'].flatMap((w) => [`(${a(w)} <1> ${b(w)})`, `(${b(w)} <1> ${a(w)})`])
    expect(q.match).toBe(`('zanu' & 'p':* & 'the' & 'congress' & (${alternatives.join(' | ')}))`)
    // a word written without a star is no prefix in front either
    expect(compilePgQuery(parseQuery('alpha NEAR/0 omega*'), undefined, 0, false).match).toMatch(/^\('alpha' & 'omega':\* & \(/)
  })

  it('should pass cg_near the words of each operand, the field weights and the distance of a NEAR of three', () => {
    const q = compilePgQuery(parseQuery('"the alpha" NEAR/2 omega NEAR/2 fin*'), undefined, 2, false)
    expect(q.params).toEqual([
      "(('the' | 'the~1' | 'the~2') <-> ('alpha' | 'alpha~1' | 'alpha~2')) & ('omega') & ('fin':*)",
      'AD',
      ['the alpha', 'omega', 'fin*'],
      2,
    ])
    expect(q.where).toBe('c.id IN (SELECT cable FROM cable_fts WHERE fts @@ $1::tsquery AND cg_near(fts, $2, $3::text[], $4))')
    const subject = compilePgQuery(parseQuery('subject:(alpha NEAR/1 omega NEAR/1 finale)'), undefined, 0, false)
    // `subject:` reads the subject's own vector (archive-010), every weight of it
    expect(subject.params).toEqual(["('alpha') & ('omega') & ('finale')", 'ABCD', ['alpha', 'omega', 'finale'], 1])
    expect(subject.where).toContain('subject_fts')
  })
})

describe('compileQuery: the alternatives of an OR that is no single full-text expression', () => {
  /** How often `sql` occurs in the compiled condition. */
  const occurrences = (where: string, sql: string) => where.split(sql).length - 1

  // the cables selected are the same either way (the archive contract pins them); what is pinned here is that a
  // list of a thousand ids (every cable a book cites) costs one IN list, not a thousand conditions
  it('should gather the words into one MATCH and the plain ids into one IN list, and add the rest one by one', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `id:09STATE${i + 1}`)
    const q = compileQuery(parseQuery(['uranium', ...ids, '"enriched uranium"', 'id:09HARARE*', 'tag:PREL', 'banks'].join(' OR ')), undefined)
    expect(occurrences(q.where, 'MATCH ?')).toBe(1)
    // one IN list of keys, no id compared alone; the prefix is a range
    expect(occurrences(q.where, 'c.key IN (')).toBe(1)
    expect(occurrences(q.where, 'c.key = ')).toBe(0)
    expect(occurrences(q.where, 'c.key >= ')).toBe(1)
    expect(occurrences(q.where, 'cable_tags')).toBe(1)
    // the words, the canonical and the raw form of each id, the prefix's bounds, the tag
    expect(q.params).toHaveLength(1 + 2 * ids.length + 2 + 1)
    expect(q.params.slice(1, 3)).toEqual(['09STATE1', '09STATE2'])
    // with no plain id there is no id list
    const prefixOnly = compileQuery(parseQuery('uranium OR id:09HARARE* OR tag:PREL'), undefined)
    expect(occurrences(prefixOnly.where, 'c.key IN (')).toBe(0)
    expect(occurrences(prefixOnly.where, 'MATCH ?')).toBe(1)
  })
})
