import {
  ATTRIBUTE_FIELDS,
  DEFAULT_NEAR,
  FIELD_EXAMPLES,
  TEXT_FIELDS,
  indexTokens,
  type FieldName,
  type FieldNode,
  type PhraseNode,
  type QueryNode,
  type TermNode,
} from './ast.js'
import { classValue, dateRange, dateYearProblem, precedenceValue } from './field-values.js'
import { tokenize, type Token } from './lexer.js'
import { QuerySyntaxError } from './query-error.js'

const FIELDS: readonly string[] = [...TEXT_FIELDS, ...ATTRIBUTE_FIELDS]

/**
 * Limits of the language, so that every query it accepts can be answered by every engine (SQLite caps an
 * expression at 1,000 levels and FTS5 at 256; a parser that recursed without bound would overflow the
 * stack). Beyond them the query is refused at the column where the limit is crossed.
 */
export const QUERY_LIMITS = {
  /** Characters in a query. */
  length: 100_000,
  /** Levels of parentheses and NOT/`-` inside one another. */
  depth: 32,
  /** Words, phrases and field values in a query. */
  terms: 5_000,
  /** Words of distance in NEAR/n. */
  nearDistance: 10_000,
} as const

/**
 * Parses the search language (docs/search.md) into a tree; throws `QuerySyntaxError` with a column.
 * Precedence, loosest first: OR, AND (also implicit between terms), NOT / `-`, NEAR/n.
 *
 * @example
 *   parseQuery('tag:PREL (nuclear OR "enriched uranium") -iran date:2009..2010')
 */
export function parseQuery(query: string): QueryNode {
  if (query.length > QUERY_LIMITS.length) {
    throw new QuerySyntaxError(`the query is longer than ${QUERY_LIMITS.length.toLocaleString('en-US')} characters`, QUERY_LIMITS.length + 1, query)
  }
  const p = new Parser(query)
  if (p.peek().kind === 'eof') throw new QuerySyntaxError('the query is empty', 1, query)
  const node = p.or()
  const rest = p.peek()
  if (rest.kind === 'rparen') throw p.error('unmatched ")"', rest)
  return node
}

class Parser {
  private readonly tokens: Token[]
  private i = 0
  private depth = 0
  private terms = 0

  constructor(private readonly query: string) {
    this.tokens = tokenize(query)
  }

  peek(): Token {
    return this.tokens[this.i]
  }

  next(): Token {
    return this.tokens[this.i++]
  }

  error(reason: string, at: Token): QuerySyntaxError {
    return new QuerySyntaxError(reason, at.column, this.query)
  }

  or(): QueryNode {
    const children = [this.and()]
    while (this.peek().kind === 'or') {
      this.next()
      children.push(this.and())
    }
    return children.length === 1 ? children[0] : { type: 'or', children }
  }

  and(): QueryNode {
    const children = [this.unary()]
    for (;;) {
      const t = this.peek()
      if (t.kind === 'eof' || t.kind === 'rparen' || t.kind === 'or') break
      if (t.kind === 'and') this.next()
      children.push(this.unary())
    }
    return children.length === 1 ? children[0] : { type: 'and', children }
  }

  unary(): QueryNode {
    const t = this.peek()
    if (t.kind === 'not' || t.kind === 'minus') {
      this.next()
      this.enter(t)
      const child = this.unary()
      this.depth--
      return { type: 'not', child, column: t.column }
    }
    return this.near()
  }

  /** One level deeper (a "(" or an exclusion); refuses past `QUERY_LIMITS.depth`. */
  private enter(at: Token): void {
    if (++this.depth > QUERY_LIMITS.depth) {
      throw this.error(`parentheses and exclusions are nested more than ${QUERY_LIMITS.depth} deep here; write the query flatter`, at)
    }
  }

  /** One more word, phrase or field value; refuses past `QUERY_LIMITS.terms`. */
  private count(column: number): void {
    if (++this.terms > QUERY_LIMITS.terms) {
      throw new QuerySyntaxError(`the query has more than ${QUERY_LIMITS.terms.toLocaleString('en-US')} words, phrases and field values`, column, this.query)
    }
  }

  near(): QueryNode {
    const first = this.primary()
    if (this.peek().kind !== 'near') return first
    const operands: (TermNode | PhraseNode)[] = []
    let distance: number | null = null
    let node = first
    for (;;) {
      if (node.type !== 'term' && node.type !== 'phrase') throw this.error('NEAR joins words or "phrases" only', this.peek())
      operands.push(node)
      const op = this.peek()
      if (op.kind !== 'near') break
      this.next()
      const d = (op as { distance: number | null }).distance ?? DEFAULT_NEAR
      if (d > QUERY_LIMITS.nearDistance) throw this.error(`NEAR/${d}: the distance can be at most ${QUERY_LIMITS.nearDistance.toLocaleString('en-US')} words`, op)
      if (distance !== null && d !== distance) throw this.error(`all NEAR operators in a chain need the same distance (${distance} before, ${d} here)`, op)
      distance = d
      node = this.primary()
    }
    return { type: 'near', operands, distance: distance ?? DEFAULT_NEAR, column: (first as TermNode).column }
  }

  primary(): QueryNode {
    const t = this.next()
    switch (t.kind) {
      case 'lparen': {
        if (this.peek().kind === 'rparen') throw this.error('empty parentheses', this.peek())
        this.enter(t)
        const inner = this.or()
        this.depth--
        const close = this.next()
        if (close.kind !== 'rparen') throw this.error('missing ")" for the "(" at column ' + t.column, close)
        return inner
      }
      case 'phrase':
        return this.phrase(t.text, t.column)
      case 'word':
        return this.term(t.text, t.column)
      case 'field':
        return this.field(t)
      case 'eof':
        throw this.error('the query ends where a word, "phrase", field or "(" was expected', t)
      case 'rparen':
        throw this.error('unexpected ")": nothing to close', t)
      case 'near':
        throw this.error('NEAR needs a word or "phrase" on its left', t)
      case 'not':
      case 'minus':
        // only reached as an operand of NEAR (everywhere else `unary` takes them)
        throw this.error(`NEAR joins words or "phrases"; an exclusion (${t.kind === 'not' ? 'NOT' : '-'}) cannot be one of them`, t)
      default:
        throw this.error(`${t.kind === 'and' ? 'AND' : 'OR'} needs a word, "phrase", field or "(" on its left`, t)
    }
  }

  phrase(text: string, column: number): PhraseNode {
    this.count(column)
    const tokens = indexTokens(text)
    if (tokens.length === 0) throw new QuerySyntaxError('the phrase has no letters or digits to search', column, this.query)
    return { type: 'phrase', text, tokens, column }
  }

  term(raw: string, column: number): TermNode {
    this.count(column)
    const prefix = raw.endsWith('*')
    const text = prefix ? raw.replace(/\*+$/, '') : raw
    if (text.includes('*')) throw new QuerySyntaxError(`"*" is allowed only at the end of a word (in "${raw}")`, column, this.query)
    const tokens = indexTokens(text)
    if (tokens.length === 0) throw new QuerySyntaxError(`"${raw}" has no letters or digits to search`, column, this.query)
    return { type: 'term', text, tokens, prefix, column }
  }

  field(t: Extract<Token, { kind: 'field' }>): QueryNode {
    const name = t.name.toLowerCase()
    if (!FIELDS.includes(name)) throw this.error(`unknown field "${t.name}"; fields are ${FIELDS.join(', ')}`, t)
    const field = name as FieldName
    if (t.op !== ':' && field !== 'class' && field !== 'date') throw this.error(`${field} takes ":" only, not "${t.op}"`, t)
    const v = this.peek()
    const adjacent = t.attached || v.column === t.column + t.name.length + t.op.length
    if (!adjacent || (v.kind !== 'word' && v.kind !== 'phrase' && v.kind !== 'lparen')) {
      throw this.error(`${field}${t.op} needs a value right after it, as in ${field}${t.op}${FIELD_EXAMPLES[field]}`, t)
    }
    if (v.kind === 'lparen') {
      if (t.op !== ':') throw this.error(`${field}${t.op} takes a single value`, v)
      const group = this.primary()
      return (TEXT_FIELDS as readonly string[]).includes(field) ? this.textField(field, group, t.column) : this.distribute(field, group)
    }
    this.next()
    const w = v as Extract<Token, { kind: 'word' | 'phrase' }>
    if ((TEXT_FIELDS as readonly string[]).includes(field)) {
      const sub = w.kind === 'phrase' ? this.phrase(w.text, w.column) : this.term(w.text, w.column)
      return this.textField(field, sub, t.column)
    }
    this.count(w.column)
    return this.attribute(field, t.op as FieldNode['op'], w.text, w.kind === 'word', w.column)
  }

  textField(field: FieldName, query: QueryNode, column: number): FieldNode {
    return { type: 'field', field, op: ':', value: '', prefix: false, query, column }
  }

  /** `tag:(PREL OR PGOV)` → `tag:PREL OR tag:PGOV`. */
  distribute(field: FieldName, node: QueryNode): QueryNode {
    switch (node.type) {
      case 'term':
        return this.attribute(field, ':', node.text + (node.prefix ? '*' : ''), true, node.column)
      case 'phrase':
        return this.attribute(field, ':', node.text, false, node.column)
      case 'and':
      case 'or':
        return { type: node.type, children: node.children.map((c) => this.distribute(field, c)) }
      case 'not':
        return { ...node, child: this.distribute(field, node.child) }
      default:
        throw new QuerySyntaxError(`${field}:( … ) may hold only values joined by AND, OR, NOT`, 'column' in node ? node.column : 1, this.query)
    }
  }

  attribute(field: FieldName, op: FieldNode['op'], raw: string, bare: boolean, column: number): FieldNode {
    const prefix = bare && raw.endsWith('*') && field !== 'date' && field !== 'class' && field !== 'classification'
    const value = prefix ? raw.replace(/\*+$/, '') : raw
    const bad = (why: string) => new QuerySyntaxError(`${field}${op}${raw}: ${why}`, column, this.query)
    if (value === '') throw bad('the value is empty')
    if (field === 'date') {
      const outOfRange = dateYearProblem(value)
      if (outOfRange) throw bad(outOfRange)
      const range = dateRange(op, value)
      if (!range) throw bad('expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B')
      if (range.from !== null && range.to !== null && fullDate(range.from) >= fullDate(range.to)) {
        throw bad('the range ends before it starts: write the earlier date first (A..B)')
      }
    }
    if (field === 'class') {
      const c = classValue(value)
      if (!c) throw bad('expected a level (UNCLASSIFIED, SBU, CONFIDENTIAL, SECRET, TOP SECRET) and/or caveats such as NOFORN')
      if (op !== ':' && (c.level === null || c.caveats.length > 0)) throw bad(`${op} compares levels only`)
    }
    if (field === 'precedence' && !prefix && !precedenceValue(value)) throw bad('expected FLASH, NIACT, IMMEDIATE, PRIORITY or ROUTINE')
    return { type: 'field', field, op, value, prefix, query: null, column }
  }
}

/** A period bound written to its own precision (`2005`, `2005-03`) as a full date, so bounds compare as strings. */
function fullDate(bound: string): string {
  return bound.length === 4 ? `${bound}-01-01` : bound.length === 7 ? `${bound}-01` : bound
}
