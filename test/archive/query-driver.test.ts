/**
 * The PostgreSQL compiler's `driver` (PgCompiledQuery): a query with no full-text match whose conjuncts include a
 * set of cables read from one table (`tag:`, `caption:`, a `to:` query) lists its ids starting from the first such
 * set, with `driverWhere` the rest of the condition. What the SQL selects is pinned by the archive contract on
 * PostgreSQL; these tests pin which conjunct drives and what is left to check, as the interface states them.
 */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { compilePgQuery } from '../../src/store/postgres/pg-search.js'

const compile = (q: string) => compilePgQuery(parseQuery(q), undefined, 0, false)

describe('compilePgQuery: the set of cables that drives a listing', () => {
  it('should drive by the first tag or caption conjunct and leave every other conjunct, joined by AND, to driverWhere', () => {
    const q = compile('tag:PREL tag:PGOV caption:SIPDIS')
    expect(q.driver).toBe('SELECT cable FROM cable_tags WHERE tag = $1')
    expect(q.driverRepeats).toBe(false)
    expect(q.driverWhere).toBe('c.id IN (SELECT cable FROM cable_tags WHERE tag = $2) AND c.id IN (SELECT cable FROM cable_captions WHERE caption = $3)')
    expect(q.where).toBe(
      'c.id IN (SELECT cable FROM cable_tags WHERE tag = $1) AND c.id IN (SELECT cable FROM cable_tags WHERE tag = $2) AND c.id IN (SELECT cable FROM cable_captions WHERE caption = $3)',
    )
    expect(q.params).toEqual(['PREL', 'PGOV', 'SIPDIS'])
    expect(q.usesCables).toBe(false)
  })

  it('should drive by a caption after a condition that is no set, and by a prefix (which may repeat a cable)', () => {
    const q = compile('-tag:PREL caption:NOF*')
    expect(q.driver).toBe('SELECT cable FROM cable_captions WHERE caption >= $2 AND caption < $3')
    expect(q.driverRepeats).toBe(true)
    expect(q.driverWhere).toBe('NOT (c.id IN (SELECT cable FROM cable_tags WHERE tag = $1))')
    expect(q.params).toEqual(['PREL', 'NOF', 'NOF\uffff'])
    const alone = compile('tag:PG*')
    expect([alone.driver, alone.driverRepeats, alone.driverWhere]).toEqual(['SELECT cable FROM cable_tags WHERE tag >= $1 AND tag < $2', true, 'true'])
  })

  it('should drive by an exact caption, which repeats no cable, and by a to: query that is one tsquery on the addressees', () => {
    const caption = compile('origin:HARARE caption:SIPDIS')
    expect([caption.driver, caption.driverRepeats, caption.driverWhere]).toEqual(['SELECT cable FROM cable_captions WHERE caption = $2', false, 'c.origin_key = $1'])
    const to = compile('origin:HARARE to:(paris OR "secstate washdc")')
    expect(to.driver).toBe('SELECT cable FROM cable_fts WHERE to_fts @@ $2::tsquery')
    // one row of cable_fts per cable: nothing repeats
    expect(to.driverRepeats).toBe(false)
    expect(to.driverWhere).toBe('c.origin_key = $1')
    expect(to.params).toEqual(['HARARE', "('paris') | ('secstate' <-> 'washdc')"])
  })

  it('should not drive by a to: NEAR of three (cg_near checks it on the candidates) nor by a to: word under NOT', () => {
    for (const text of ['origin:HARARE to:(paris NEAR/1 rome NEAR/1 bonn)', 'origin:HARARE -to:paris']) {
      const q = compile(text)
      expect([text, q.driver, q.driverRepeats, q.driverWhere]).toEqual([text, null, false, q.where])
    }
  })

  it('should have no driver, nothing repeating and the whole condition left, where no conjunct is a set', () => {
    for (const text of ['origin:HARARE date:2009 precedence:FLASH', 'uranium', '-tag:PREL -caption:SIPDIS']) {
      const q = compile(text)
      expect([text, q.driver, q.driverRepeats, q.driverWhere]).toEqual([text, null, false, q.where])
    }
    const all = compilePgQuery(null, undefined, 0, false)
    expect([all.driver, all.driverRepeats, all.driverWhere, all.where]).toEqual([null, false, 'true', 'true'])
  })
})
