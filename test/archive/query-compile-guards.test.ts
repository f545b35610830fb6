/**
 * The compilers of both engines refuse a query tree the parser never builds (a field they do not know), rather
 * than compiling it to a condition that selects nothing or everything.
 */
import { describe, expect, it } from 'vitest'
import type { FieldNode } from '../../src/store/query/ast.js'
import { compilePgQuery } from '../../src/store/postgres/pg-search.js'
import { compileQuery } from '../../src/store/sqlite/sqlite-search.js'

const unknown = { type: 'field', field: 'colour', op: ':', value: 'blue', prefix: false, query: null } as unknown as FieldNode

describe('query compilers: a field neither engine knows', () => {
  it('should be refused by name on SQLite and PostgreSQL', () => {
    expect(() => compileQuery(unknown, undefined)).toThrow('unknown field colour')
    expect(() => compilePgQuery(unknown, undefined, 0, false)).toThrow('unknown field colour')
  })
})
