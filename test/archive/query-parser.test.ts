import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { QuerySyntaxError } from '../../src/archive/query/query-error.js'
import { dateRange } from '../../src/archive/query/field-values.js'

function syntaxError(q: string): QuerySyntaxError {
  try {
    parseQuery(q)
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error
    throw error
  }
  throw new Error(`expected a syntax error for ${q}`)
}

describe('query parser', () => {
  it('should support implicit AND, OR, NOT, -, parentheses with OR loosest', () => {
    const q = parseQuery('a b OR c -d NOT (e OR f)')
    expect(q).toMatchObject({
      type: 'or',
      children: [
        { type: 'and', children: [{ type: 'term', text: 'a' }, { type: 'term', text: 'b' }] },
        {
          type: 'and',
          children: [
            { type: 'term', text: 'c' },
            { type: 'not', child: { type: 'term', text: 'd' } },
            { type: 'not', child: { type: 'or' } },
          ],
        },
      ],
    })
  })

  it('should support phrases, prefixes, NEAR and hyphenated words as index tokens', () => {
    expect(parseQuery('"Human  Rights"')).toMatchObject({ type: 'phrase', tokens: ['human', 'rights'] })
    expect(parseQuery('terror*')).toMatchObject({ type: 'term', tokens: ['terror'], prefix: true })
    expect(parseQuery('ZANU-PF')).toMatchObject({ type: 'term', tokens: ['zanu', 'pf'] })
    expect(parseQuery('a NEAR/3 "b c"')).toMatchObject({ type: 'near', distance: 3, operands: [{ text: 'a' }, { tokens: ['b', 'c'] }] })
    expect(parseQuery('a NEAR b')).toMatchObject({ type: 'near', distance: 10 })
    expect(parseQuery('and or not')).toMatchObject({ type: 'and', children: [{ text: 'and' }, { text: 'or' }, { text: 'not' }] })
  })

  it('should support every field', () => {
    expect(parseQuery('tag:PREL')).toMatchObject({ type: 'field', field: 'tag', value: 'PREL', prefix: false })
    expect(parseQuery('class>=CONFIDENTIAL')).toMatchObject({ type: 'field', field: 'class', op: '>=', value: 'CONFIDENTIAL' })
    expect(parseQuery('subject:"human rights"')).toMatchObject({ type: 'field', field: 'subject', query: { type: 'phrase' } })
    expect(parseQuery('to:(paris OR london)')).toMatchObject({ type: 'field', field: 'to', query: { type: 'or' } })
    expect(parseQuery('tag:(PREL OR PGOV)')).toMatchObject({ type: 'or', children: [{ field: 'tag', value: 'PREL' }, { field: 'tag', value: 'PGOV' }] })
    expect(parseQuery('origin:"San Jose"')).toMatchObject({ field: 'origin', value: 'San Jose' })
    expect(parseQuery('id:09STATE*')).toMatchObject({ field: 'id', value: '09STATE', prefix: true })
    for (const q of ['caption:NOFORN', 'precedence:NIACT', 'cites:09STATE99704', 'date:2009-09..2009-12', 'date:..2009', 'date:2010..', 'date<2009-02-01']) {
      expect(parseQuery(q)).toMatchObject({ type: 'field' })
    }
  })

  it('should read date ranges as half-open intervals of whole periods', () => {
    expect(dateRange(':', '2009-09..2009-12')).toEqual({ from: '2009-09', to: '2010-01' })
    expect(dateRange(':', '2009-02')).toEqual({ from: '2009-02', to: '2009-03' })
    expect(dateRange('>', '2009')).toEqual({ from: '2010', to: null })
    expect(dateRange('<=', '2008-02-29')).toEqual({ from: null, to: '2008-03-01' })
    expect(dateRange(':', '2009-02-30')).toBeNull()
  })

  it.each([
    ['"human rights', 1, 'unclosed quote'],
    ['a AND', 6, 'query ends'],
    ['(a OR b', 8, 'missing ")"'],
    ['a)', 2, 'unmatched ")"'],
    ['OR a', 1, 'OR needs'],
    ['subjet:x', 1, 'unknown field "subjet"'],
    ['tag:', 1, 'needs a value'],
    ['date:2009-13', 6, 'expected a date'],
    ['class:PUBLIC', 7, 'expected a level'],
    ['class>=NOFORN', 8, 'compares levels only'],
    ['precedence:FAST', 12, 'expected FLASH'],
    ['tag>=PREL', 1, 'takes ":" only'],
    ['a NEAR/2 b NEAR/3 c', 12, 'same distance'],
    ['a NEAR/x b', 3, 'NEAR needs a number'],
    ['ter*or', 1, 'only at the end'],
    ['%%', 1, 'no letters or digits'],
    ['()', 2, 'empty parentheses'],
    ['', 1, 'empty'],
  ])('should reject %j at column %i', (q, column, reason) => {
    const e = syntaxError(q)
    expect(e.column).toBe(column)
    expect(e.message).toContain(reason)
    expect(e.excerpt().split('\n')[1]).toBe(' '.repeat(column - 1) + '^')
  })
})

describe('query parser: a year out of range', () => {
  it.each(['date:9999', 'date>=9999-12', 'date:2009..9999', 'date:0000', 'date<0000-05-01'])('should say plainly that %s names a year out of range', (q) => {
    const e = syntaxError(`iran ${q}`)
    expect(e.message).toMatch(/year (9999|0000) is out of range: dates run from 0001 to 9998/)
    expect(e.message).not.toContain('ends before it starts')
  })

  it('should read the years 1 to 99 as themselves, not as 1901 to 1999', async () => {
    const { dateRange } = await import('../../src/store/query/field-values.js')
    expect(dateRange(':', '0099')).toEqual({ from: '0099', to: '0100' })
    expect(dateRange(':', '9998')).toEqual({ from: '9998', to: '9999' })
  })
})

describe('query parser: reversed date range', () => {
  it('should reject date:2005..2004 with a column instead of silently matching nothing', () => {
    const e = syntaxError('iran date:2005..2004')
    expect(e.column).toBe(11) // the value, as for every bad field value
    expect(e.message).toContain('the range ends before it starts')
  })

  it('should still accept a range within one period and open ranges', () => {
    expect(() => parseQuery('date:2004-03..2004-03')).not.toThrow()
    expect(() => parseQuery('date:2005..')).not.toThrow()
    expect(() => parseQuery('date:..2004')).not.toThrow()
  })
})
