import { QuerySyntaxError } from './query-error.js'

/** One lexical token of a query; `column` is 1-based. */
export type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof'; column: number }
  | { kind: 'word'; text: string; column: number }
  | { kind: 'phrase'; text: string; column: number }
  | { kind: 'near'; distance: number | null; column: number }
  | { kind: 'field'; name: string; op: string; column: number; attached: boolean }

const FIELD_PREFIX = /^([A-Za-z]+)(>=|<=|:|>|<)/
const NEAR_WORD = /^NEAR(?:\/(\d+))?$/
const WHITE = new Set([' ', '\t', '\n', '\r'])
const STOP = new Set([...WHITE, '(', ')', '"'])

/**
 * Splits a query into tokens. Operators are the upper-case words AND, OR, NOT and NEAR/n; `-` before a
 * word negates it; `name:` (or `>=`, `<=`, `>`, `<`) after letters starts a field.
 *
 * @example
 *   tokenize('tag:PREL -"human rights"') // field, word, minus, phrase, eof
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < query.length) {
    const ch = query[i]
    const column = i + 1
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++
    } else if (ch === '(') {
      tokens.push({ kind: 'lparen', column })
      i++
    } else if (ch === ')') {
      tokens.push({ kind: 'rparen', column })
      i++
    } else if (ch === '"') {
      const close = query.indexOf('"', i + 1)
      if (close < 0) throw new QuerySyntaxError('unclosed quote: add the closing "', column, query)
      tokens.push({ kind: 'phrase', text: query.slice(i + 1, close), column })
      i = close + 1
      if (query[i] === '*') throw new QuerySyntaxError('"*" after a "phrase": a prefix search takes one word, as in right*', i + 1, query)
    } else if (ch === '-' && (i + 1 === query.length || WHITE.has(query[i + 1]) || query[i + 1] === ')')) {
      throw new QuerySyntaxError('"-" excludes what follows it with no space between, as in -iran or -(iran OR iraq)', column, query)
    } else if (ch === '-' && query[i + 1] !== '-') {
      // `-word`, `-"phrase"`, `-(group)`, `-field:value`: an exclusion
      tokens.push({ kind: 'minus', column })
      i++
    } else {
      let j = i
      while (j < query.length && !STOP.has(query[j])) j++
      i = readWord(query.slice(column - 1, j), column, tokens, query)
    }
  }
  tokens.push({ kind: 'eof', column: query.length + 1 })
  return tokens
}

function readWord(word: string, column: number, tokens: Token[], query: string): number {
  const end = column - 1 + word.length
  if (word === 'AND' || word === 'OR' || word === 'NOT') {
    tokens.push({ kind: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', column })
    return end
  }
  const near = NEAR_WORD.exec(word)
  if (near) {
    tokens.push({ kind: 'near', distance: near[1] === undefined ? null : Number(near[1]), column })
    return end
  }
  if (/^NEAR\//.test(word)) throw new QuerySyntaxError(`NEAR needs a number of words, as in NEAR/5 (found "${word}")`, column, query)
  const field = FIELD_PREFIX.exec(word)
  if (field) {
    const rest = word.slice(field[0].length)
    tokens.push({ kind: 'field', name: field[1], op: field[2], column, attached: rest.length > 0 })
    if (rest.length > 0) tokens.push({ kind: 'word', text: rest, column: column + field[0].length })
    return end
  }
  tokens.push({ kind: 'word', text: word, column })
  return end
}
