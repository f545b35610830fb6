import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { QuerySyntaxError } from '../../src/archive/query/query-error.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { makeRecord } from '../store/make-record.js'

const PIECES = ['a', 'b*', '"c d"', '"', '(', ')', 'AND', 'OR', 'NOT', '-', 'NEAR/2', 'NEAR', 'tag:', 'tag:P*', 'subject:', 'to:(x', 'class>=', 'SECRET', 'date:2009..', 'id:', 'cites:09STATE1', ':', '*', '{', '}', '^', "'", 'x:y', 'é', '09STATE1', 'caption:"NO FORN"']

describe('query language on hostile input', () => {
  it('should answer any string with hits or a positioned syntax error, never an engine error', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables([makeRecord({ key: '09STATE1', text: 'a b c d x' })])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 8 }), fc.boolean(), async (parts, spaced) => {
        const q = parts.join(spaced ? ' ' : '')
        let tree
        try {
          tree = parseQuery(q)
        } catch (error) {
          expect(error).toBeInstanceOf(QuerySyntaxError)
          const e = error as QuerySyntaxError
          expect(e.column).toBeGreaterThanOrEqual(1)
          expect(e.column).toBeLessThanOrEqual(q.length + 1)
          return
        }
        await store.count(tree)
        for await (const _ of store.search(tree, { sort: 'rank', limit: 5 })) void _
        await store.facets(tree)
      }),
      { numRuns: 600, seed: 4 },
    )
  })
})
