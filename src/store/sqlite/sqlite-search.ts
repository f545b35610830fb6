import type { FieldNode, NearNode, PhraseNode, QueryNode, TermNode } from '../query/ast.js'
import { classValue, dateRange, idValue, originKey, precedenceValue } from '../query/field-values.js'
import type { Access } from '../store.js'
import { ALL_CAVEATS_MASK, caveatMask } from './caveat-mask.js'

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
 * FTS5 syntax, and the access filter is always part of the WHERE clause.
 */
export function compileQuery(query: QueryNode | null, access: Access | undefined): CompiledQuery {
  const params: unknown[] = []
  const conds: string[] = []
  let match: string | null = null
  if (query) {
    const conjuncts = query.type === 'and' ? query.children : [query]
    const positive = conjuncts.filter((n) => isPure(n, BARE_COLUMNS))
    if (positive.length > 0) {
      const negative = conjuncts.filter((n) => n.type === 'not' && isPure(n.child, BARE_COLUMNS)) as { child: QueryNode }[]
      match = positive.map((n) => `(${fts(n, BARE_COLUMNS)})`).join(' AND ')
      for (const n of negative) match += ` NOT (${fts(n.child, BARE_COLUMNS)})`
      for (const n of conjuncts) {
        if (positive.includes(n) || (n.type === 'not' && negative.includes(n as never))) continue
        conds.push(sql(n, BARE_COLUMNS, params, true))
      }
    } else {
      conds.push(sql(query, BARE_COLUMNS, params, false))
    }
  }
  if (access) {
    conds.push('c.level <= ? AND (c.caveat_mask & ?) = 0')
    params.push(access.level, ALL_CAVEATS_MASK & ~caveatMask(access.caveats))
  }
  return { match, where: conds.length ? conds.join(' AND ') : '1', params }
}

/** True when a node can be answered by the full-text index alone (FTS5 has no unary NOT). */
function isPure(n: QueryNode, column: string): boolean {
  switch (n.type) {
    case 'term':
    case 'phrase':
    case 'near':
      return true
    case 'field':
      return n.query !== null && isPure(n.query, FIELD_COLUMNS[n.field])
    case 'or':
      return n.children.every((c) => isPure(c, column))
    case 'and':
      return n.children.some((c) => c.type !== 'not') && n.children.every((c) => isPure(c.type === 'not' ? c.child : c, column))
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
      return n.children.map((c) => `(${fts(c, column)})`).join(' OR ')
    case 'and': {
      const pos = n.children.filter((c) => c.type !== 'not').map((c) => `(${fts(c, column)})`)
      const neg = n.children.filter((c) => c.type === 'not').map((c) => ` NOT (${fts((c as { child: QueryNode }).child, column)})`)
      return pos.join(' AND ') + neg.join('')
    }
    default:
      throw new Error(`not a full-text node: ${n.type}`)
  }
}

/**
 * `probe`: the full-text match drives the query, so tag and caption conditions are checked per hit by a
 * primary-key lookup instead of listing every cable with the value (SIPDIS is on most cables).
 */
function sql(n: QueryNode, column: string, params: unknown[], probe: boolean): string {
  if (isPure(n, column)) {
    params.push(fts(n, column))
    return 'c.rowid IN (SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?)'
  }
  switch (n.type) {
    case 'and':
      return '(' + n.children.map((c) => sql(c, column, params, probe)).join(' AND ') + ')'
    case 'or':
      return '(' + n.children.map((c) => sql(c, column, params, probe)).join(' OR ') + ')'
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

function attribute(n: FieldNode, params: unknown[], probe: boolean): string {
  const v = n.value
  switch (n.field) {
    case 'tag': {
      const tag = v.toUpperCase()
      if (n.prefix) return `c.rowid IN (SELECT cable FROM cable_tags WHERE ${prefixRange('tag', tag, params)})`
      params.push(tag)
      if (probe) return 'EXISTS (SELECT 1 FROM cable_tags WHERE tag = ? AND cable = c.rowid)'
      return 'c.rowid IN (SELECT cable FROM cable_tags WHERE tag = ?)'
    }
    case 'caption': {
      const caption = v.toUpperCase().trim().replace(/\s+/g, ' ')
      if (n.prefix) return `c.rowid IN (SELECT cable FROM cable_captions WHERE ${prefixRange('caption', caption, params)})`
      params.push(caption)
      if (probe) return 'EXISTS (SELECT 1 FROM cable_captions WHERE caption = ? AND cable = c.rowid)'
      return 'c.rowid IN (SELECT cable FROM cable_captions WHERE caption = ?)'
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
      if (n.prefix) return `(${prefixRange('c.key', v.toUpperCase(), params)})`
      params.push(idValue(v), v)
      return '(c.key = ? OR c.raw_id = ?)'
    }
    case 'cites':
      if (n.prefix) return `c.rowid IN (SELECT cable FROM cable_refs WHERE ${prefixRange('target', v.toUpperCase(), params)})`
      params.push(idValue(v))
      return 'c.rowid IN (SELECT cable FROM cable_refs WHERE target = ?)'
    case 'date': {
      const r = dateRange(n.op, v)!
      const parts: string[] = ['c.date IS NOT NULL']
      if (r.from) parts.push('c.date >= ?') && params.push(r.from)
      if (r.to) parts.push('c.date < ?') && params.push(r.to)
      return '(' + parts.join(' AND ') + ')'
    }
    case 'class': {
      const c = classValue(v)!
      const parts: string[] = []
      if (c.level !== null) {
        const op = n.op === ':' ? '=' : n.op
        parts.push(`c.level ${op} ?`)
        params.push(c.level)
      }
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
