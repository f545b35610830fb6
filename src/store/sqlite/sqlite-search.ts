import type { FieldNode, NearNode, PhraseNode, QueryNode, TermNode } from '../query/ast.js'
import { classificationValue, classValue, dateFromBound, dateRange, idPrefixValue, idValue, originKey, precedenceValue, tagCaptionValue } from '../query/field-values.js'
import type { Access } from '../store.js'
import { caveatMask } from '../caveat-mask.js'
import { accessCondition } from './sqlite-access.js'
import { portionMatchSql, readerDate, shownFieldSql, wholeSql } from './sqlite-portions.js'

/** A compiled query: an optional FTS5 expression to join on (ranked), and SQL conditions on `c` (cables). */
export interface CompiledQuery {
  match: string | null
  where: string
  params: unknown[]
}

const BARE_COLUMNS = '{body subject}'
const FIELD_COLUMNS: Record<string, string> = { subject: 'subject', to: 'addressees' }

/**
 * Compiles a query tree to SQLite. The conjuncts that only need the full-text index become one FTS5
 * MATCH (so BM25 ranks them); everything else becomes SQL over `cables c`, with full-text parts under OR or
 * NOT as `rowid IN (…MATCH…)`. Every FTS5 string is built from quoted tokens, so user text can never be
 * FTS5 syntax, and the access filter is always part of the WHERE clause. `portions`: the archive has
 * portion-level access on and this is a search path; only then does `access.portions` count (see
 * `portionMatchSql`), else the whole-cable rule applies.
 */
export function compileQuery(query: QueryNode | null, given: Access | undefined, portions = false): CompiledQuery {
  const params: unknown[] = []
  const conds: string[] = []
  let match: string | null = null
  // portion-level access only where the caller says the archive has it on and the path is a search path
  const access = given && { ...given, portions: portions && given.portions === true }
  // portion-level access: no ranked MATCH over the whole index; every full-text part reads the portions
  portionReader = access?.portions ? access : null
  try {
    // Stryker disable next-line BooleanLiteral: `probe` only chooses how a tag or caption condition is looked up (per hit or as a list of cables); the cables selected are the same
    if (query && portionReader) conds.push(sql(query, BARE_COLUMNS, params, false))
    else if (query) {
      const conjuncts = query.type === 'and' ? query.children : [query]
      const positive = conjuncts.filter((n) => isPure(n, BARE_COLUMNS))
      if (positive.length > 0) {
        const negative = conjuncts.filter((n) => n.type === 'not' && isPure(n.child, BARE_COLUMNS)) as { child: QueryNode }[]
        match = positive.map((n) => group(n, BARE_COLUMNS)).join(' AND ') + excluded(negative.map((n) => n.child), BARE_COLUMNS)
        const rest: string[] = []
        for (const n of conjuncts) {
          // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: a mutant that keeps a conjunct here only repeats, as `c.rowid IN (… MATCH …)`, a condition the MATCH already imposes; hits and rank stay the same
          if (positive.includes(n) || (n.type === 'not' && negative.includes(n as never))) continue
          // Stryker disable next-line BooleanLiteral: `probe` only chooses how a tag or caption condition is looked up (per hit or as a list of cables); the cables selected are the same
          rest.push(sql(n, BARE_COLUMNS, params, true))
        }
        if (rest.length) conds.push(balanced(rest, 'AND'))
      } else {
        // Stryker disable next-line BooleanLiteral: `probe` only chooses how a tag or caption condition is looked up (per hit or as a list of cables); the cables selected are the same
        conds.push(sql(query, BARE_COLUMNS, params, false))
      }
    }
  } finally {
    // nothing reads portionReader outside a call and every call sets it first: this keeps the module state clean
    portionReader = null
  }
  if (access) conds.push(accessCondition(access, params))
  return { match, where: conds.length ? conds.join(' AND ') : '1', params }
}

/** The reader of the query being compiled when it is read with portion-level access (`compileQuery` is synchronous). */
let portionReader: Access | null = null

/** `cable c` matches the FTS5 expression `expr`: its whole index, or under portion-level access its readable portions. */
function textMatch(expr: string, params: unknown[]): string {
  if (portionReader) return portionMatchSql(portionReader, expr, params)
  params.push(expr)
  return 'c.rowid IN (SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?)'
}

/**
 * Conditions joined by `op` as a balanced tree of parentheses: a list of n nests log2(n) deep, where a flat
 * `a OR b OR …` nests n deep and SQLite refuses expressions deeper than 1,000.
 */
function balanced(parts: string[], op: 'AND' | 'OR'): string {
  if (parts.length === 1) return parts[0]
  const mid = parts.length >> 1
  return `(${balanced(parts.slice(0, mid), op)} ${op} ${balanced(parts.slice(mid), op)})`
}

/**
 * ` NOT (a OR b OR …)` for the excluded nodes, '' for none. FTS5 flattens a run of ORs into one node but
 * chains each NOT under the previous one, and refuses trees deeper than 256: 300 exclusions written as
 * `x NOT a NOT b …` would fail where one NOT over their union does not.
 */
function excluded(nodes: QueryNode[], column: string): string {
  return nodes.length ? ` NOT (${nodes.map((c) => group(c, column)).join(' OR ')})` : ''
}

/**
 * Levels of AND/OR one FTS5 expression may nest. FTS5's parser has a fixed stack of about 100 entries and
 * takes three per level (`( expr OR`): a deeper full-text subtree is split into SQL, one MATCH per part.
 */
const FTS_NESTING = 12

/** AND/OR levels in a node (0 for a leaf). */
function nesting(n: QueryNode): number {
  switch (n.type) {
    case 'and':
    case 'or':
      return 1 + Math.max(...n.children.map(nesting))
    case 'not':
      return nesting(n.child)
    case 'field':
      return n.query ? nesting(n.query) : 0
    default:
      return 0
  }
}

/** True when a node can be answered by one full-text expression (FTS5 has no unary NOT). */
function isPure(n: QueryNode, column: string): boolean {
  // under portion-level access one MATCH reads one portion: words ANDed may stand in different portions, so
  // an AND is answered per child in SQL
  return pureShape(n, column) && nesting(n) <= FTS_NESTING && !(portionReader && hasAnd(n))
}

function hasAnd(n: QueryNode): boolean {
  if (n.type === 'and') return true
  if (n.type === 'or') return n.children.some(hasAnd)
  // Stryker disable next-line ConditionalExpression,StringLiteral,LogicalOperator,EqualityOperator: a cable has one subject portion and its portions index no addressee (writePortions), so an AND inside subject: or to: reads one portion as one MATCH or one per word alike
  if (n.type === 'field') return n.query !== null && hasAnd(n.query)
  return false
}

function pureShape(n: QueryNode, column: string): boolean {
  switch (n.type) {
    case 'term':
    case 'phrase':
    case 'near':
      return true
    case 'field':
      return n.query !== null && pureShape(n.query, FIELD_COLUMNS[n.field])
    case 'or':
      return n.children.every((c) => pureShape(c, column))
    case 'and':
      return n.children.some((c) => c.type !== 'not') && n.children.every((c) => pureShape(c.type === 'not' ? c.child : c, column))
    // Stryker disable next-line ConditionalExpression: without it the switch ends and the function returns undefined, which every caller reads as false
    default:
      return false
  }
}

function quote(tokens: string[]): string {
  // tokens hold only letters and digits, so no quote can occur inside
  return `"${tokens.join(' ')}"`
}

function leaf(n: TermNode | PhraseNode): string {
  return quote(n.tokens) + (n.type === 'term' && n.prefix ? ' *' : '')
}

/**
 * `fts(n)` in parentheses where it has operators of its own. Leaves go bare: FTS5's parser has a fixed
 * stack (about 100 levels), so every needless parenthesis would take from the nesting a query may use.
 */
function group(n: QueryNode, column: string): string {
  const inner = n.type === 'field' ? n.query! : n
  // an OR needs them beside AND or NOT (FTS5 binds NOT, then AND, then OR)
  return inner.type === 'or' ||
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: FTS5 binds AND tighter than OR and excluded() wraps what a NOT takes, so an AND reads the same without its parentheses (kept so the expression shows the query's groups)
    inner.type === 'and'
    ? `(${fts(n, column)})`
    : fts(n, column)
}

function fts(n: QueryNode, column: string): string {
  switch (n.type) {
    case 'term':
    case 'phrase':
      return `${column} : ${leaf(n)}`
    case 'near':
      return `${column} : NEAR(${(n as NearNode).operands.map(leaf).join(' ')}, ${n.distance})`
    case 'field':
      return fts(n.query!, FIELD_COLUMNS[n.field])
    case 'or':
      return n.children.map((c) => group(c, column)).join(' OR ')
    case 'and': {
      const pos = n.children.filter((c) => c.type !== 'not').map((c) => group(c, column))
      const neg = n.children.flatMap((c) => (c.type === 'not' ? [c.child] : []))
      return pos.join(' AND ') + excluded(neg, column)
    }
    // Stryker disable next-line ConditionalExpression: unreachable, fts is called only on nodes pureShape accepts (a refusal kept should that change)
    default:
      // Stryker disable next-line StringLiteral: unreachable, as above
      throw new Error(`not a full-text node: ${n.type}`)
  }
}

/**
 * `probe`: the full-text match drives the query, so tag and caption conditions are checked per hit by a
 * primary-key lookup instead of listing every cable with the value (SIPDIS is on most cables).
 */
function sql(n: QueryNode, column: string, params: unknown[], probe: boolean): string {
  if (isPure(n, column)) return textMatch(fts(n, column), params)
  switch (n.type) {
    case 'and':
      return '(' + balanced(n.children.map((c) => sql(c, column, params, probe)), 'AND') + ')'
    case 'or': {
      // the full-text alternatives become one MATCH and plain id alternatives one IN list, so a list of a
      // thousand ids (every cable a book cites) is two index probes per id, not a thousand subqueries
      const parts: string[] = []
      const pure = n.children.filter((c) => isPure(c, column))
      if (pure.length) parts.push(textMatch(pure.map((c) => group(c, column)).join(' OR '), params))
      const ids = n.children.filter((c): c is FieldNode => c.type === 'field' && c.field === 'id' && !c.prefix && !pure.includes(c))
      if (ids.length) {
        const marks = ids.map(() => '?').join(', ')
        params.push(...ids.map((c) => idValue(c.value)), ...ids.map((c) => c.value))
        parts.push(`(c.key IN (${marks}) OR c.raw_id IN (${marks}))`)
      }
      for (const c of n.children) if (!pure.includes(c) && !ids.includes(c as FieldNode)) parts.push(sql(c, column, params, probe))
      return '(' + balanced(parts, 'OR') + ')'
    }
    case 'not':
      return `NOT (${sql(n.child, column, params, probe)})`
    case 'field':
      return n.query ? sql(n.query, FIELD_COLUMNS[n.field], params, probe) : attribute(n, params, probe)
    default:
      throw new Error(`unexpected node ${n.type}`)
  }
}

/** `[lo, hi)` bounds that select every string starting with `prefix`, usable by an index. */
function prefixRange(column: string, prefix: string, params: unknown[]): string {
  params.push(prefix, prefix + '\uffff')
  return `${column} >= ? AND ${column} < ?`
}

/** `tag:` or `caption:` over the cable's own values (`cable_tags`, `cable_captions`). */
function storedValue(n: FieldNode, params: unknown[], probe: boolean): string {
  const [table, column] = n.field === 'tag' ? ['cable_tags', 'tag'] : ['cable_captions', 'caption']
  const value = tagCaptionValue(n.value)
  if (n.prefix) return `c.rowid IN (SELECT cable FROM ${table} WHERE ${prefixRange(column, value, params)})`
  params.push(value)
  // Stryker disable next-line ConditionalExpression: `probe` only chooses how the condition is looked up (per hit or as a list of cables); the cables selected are the same
  if (probe) return `EXISTS (SELECT 1 FROM ${table} WHERE ${column} = ? AND cable = c.rowid)`
  return `c.rowid IN (SELECT cable FROM ${table} WHERE ${column} = ?)`
}

function attribute(n: FieldNode, params: unknown[], probe: boolean): string {
  const v = n.value
  switch (n.field) {
    case 'tag':
    case 'caption': {
      const own = storedValue(n, params, probe)
      // a cable read in part: only the values its redacted rendering shows (docs/search.md)
      if (!portionReader) return own
      return shownFieldSql(portionReader, n.field, own, tagCaptionValue(n.value), n.prefix, params)
    }
    case 'origin': {
      const key = originKey(v)
      if (n.prefix) return prefixRange('c.origin_key', key, params)
      params.push(key)
      return 'c.origin_key = ?'
    }
    case 'precedence':
      if (n.prefix) return prefixRange('c.precedence', v.toUpperCase(), params)
      params.push(precedenceValue(v))
      return 'c.precedence = ?'
    case 'id': {
      if (n.prefix) return `(${prefixRange('c.key', idPrefixValue(v), params)})`
      params.push(idValue(v), v)
      return '(c.key = ? OR c.raw_id = ?)'
    }
    case 'cites': {
      const refs = n.prefix ? `c.rowid IN (SELECT cable FROM cable_refs WHERE ${prefixRange('target', idPrefixValue(v), params)})` : 'c.rowid IN (SELECT cable FROM cable_refs WHERE target = ?)'
      if (!n.prefix) params.push(idValue(v))
      // the REF block is unmarked, so at least at the cable's overall level and caveats (docs/search.md): a
      // portion reader never reads it, and his cites: (negated too) answers as if the cable had no REF block
      return portionReader ? `(${wholeSql(portionReader)} AND ${refs})` : refs
    }
    case 'date': {
      const r = dateRange(n.op, v)!
      // a cable read in part: the date its redacted rendering gives (docs/search.md)
      const date = portionReader ? readerDate(portionReader) : 'c.date'
      const parts: string[] = [`${date} IS NOT NULL`]
      // a date known to its month or year matches only when its whole period is inside (dateFromBound)
      if (r.from) parts.push(`${date} >= ?`) && params.push(dateFromBound(r.from))
      if (r.to) parts.push(`${date} < ? AND substr(?, 1, length(${date})) <> ${date}`) && params.push(r.to, r.to)
      return '(' + parts.join(' AND ') + ')'
    }
    case 'classification': {
      const exact = classificationValue(v)
      if (exact === null) return 'c.classification IS NULL'
      params.push(exact)
      return 'upper(c.classification) = ?'
    }
    case 'class': {
      const c = classValue(v)!
      const parts: string[] = []
      if (c.level !== null) {
        const op = n.op === ':' ? '=' : n.op
        parts.push(`c.level ${op} ?`)
        params.push(c.level)
      }
      // Stryker disable next-line ConditionalExpression: with no caveat the mask is 0, and (mask & 0) = 0 holds for every cable
      if (c.caveats.length) {
        const mask = caveatMask(c.caveats)
        parts.push('(c.caveat_mask & ?) = ?')
        params.push(mask, mask)
      }
      return '(' + parts.join(' AND ') + ')'
    }
    default:
      throw new Error(`unknown field ${n.field}`)
  }
}
