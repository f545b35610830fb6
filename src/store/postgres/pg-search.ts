import type { FieldNode, NearNode, PhraseNode, QueryNode, TermNode } from '../query/ast.js'
import { classificationValue, classValue, dateFromBound, dateRange, idPrefixValue, idValue, originKey, precedenceValue, tagCaptionValue } from '../query/field-values.js'
import type { Access } from '../store.js'
import { ALL_CAVEATS_MASK, caveatMask, lackedCaveats } from '../caveat-mask.js'
import { readableSql, readerDate, shownValueSql, somePortionSql, wholeSql } from './pg-portions.js'

/**
 * The query language compiled to PostgreSQL, the counterpart of `sqlite/sqlite-search.ts` with the same
 * meaning node for node:
 * - the conjuncts the full-text index answers alone become ONE tsquery (`match`) on `cable_fts f`, joined
 *   to `cables c`; the rest becomes SQL over `c`, with full-text parts under OR or NOT as
 *   `c.id IN (SELECT cable FROM cable_fts WHERE fts @@ …)`;
 * - terms and phrases are tsquery lexemes joined by `<->`; `word*` is `word:*`; a bare word searches
 *   `fts` (subject and body) with no weight, so the GIN index answers it alone; `subject:` searches
 *   `subject_fts` (for a portion reader weight A of `fts`), `to:` searches `to_fts`, a part that mixes
 *   columns becomes SQL over both;
 * - `a NEAR/n b` is the tsquery distance operators `<1>` … `<n+1>` in both orders (FTS5's rule: at most n
 *   tokens between the end of one and the start of the other), written once per field weight so the two
 *   words are in one field; three or more operands are checked by `cg_near` on the candidates that hold
 *   every word;
 * - every user string reaches SQL as a parameter, and tsquery text is built only from tokens of letters
 *   and digits, so no input is ever tsquery or SQL syntax;
 * - under portion-level access (docs/search.md) there is no ranked `match`: every full-text part matches a
 *   cable the reader may read whole by its own vectors, or one he may read in part by the vector of one
 *   portion he may read (`cable_portions`), as `sqlite-search.ts` reads `cable_portions_fts`. An AND is
 *   then answered per child, so its words may stand in different portions; a phrase or NEAR stands in one.
 */
export interface PgCompiledQuery {
  /** tsquery text of the ranked full-text conjuncts, or null. */
  match: string | null
  /** SQL condition over `c` (and `f` when `match` is set), placeholders numbered from `$1`. */
  where: string
  params: unknown[]
  /** tsquery over the subject alone (any positive word of the query): orders a ranked page. */
  tier: string | null
  /**
   * tsquery over `fts` that scores a ranked page (`ts_rank`), or null for a query that is not ranked: `match`, or,
   * for a query whose words stand only in `subject:` searches (which read `subject_fts`, not `match`), `tier`.
   */
  rank: string | null
  /**
   * Whether `where` reads a column of `cables c` other than `c.id` (an attribute, or the access rule). When it
   * does not, a query with `match` may read `cable_fts` alone, its `cable` standing for `c.id`.
   */
  usesCables: boolean
  /**
   * A query with no `match` whose conjuncts include a set of cables read from one table (`tag:`, `caption:`,
   * a `to:` word or phrase): that set's SELECT of `cable` (may repeat a cable when `driverRepeats`), and
   * `driverWhere`, the condition without it. Listing ids may start from that set instead of every cable.
   */
  driver: string | null
  driverRepeats: boolean
  driverWhere: string
  /** When the driver is a tsquery on one `cable_fts` column (`to:`, `subject:`): that condition on alias `f`. */
  driverFts: string | null
}

/** Where a text node searches: the vector column, the weight its lexemes carry, and the weights of its fields. */
interface Ctx {
  column: 'fts' | 'to_fts' | 'subject_fts'
  /** tsquery weight suffix of every lexeme ('' = any). */
  weight: string
  /** Field weights, each a separate field for NEAR (tsquery alternatives; '' = the vector is one field). */
  fields: string[]
  /** The position weights `cg_near` reads as one field each (its `fields` argument). */
  nearWeights: string
}

const BARE: Ctx = { column: 'fts', weight: '', fields: ['A', 'D'], nearWeights: 'AD' }
/**
 * `subject:` reads `subject_fts`, the subject alone (archive-010 indexes it): a word in it needs no weight test,
 * so the GIN index answers `subject:energy` without reading each candidate's big vector. Its positions carry
 * weight D (written by the writer) or A (rows archive-010 rebuilt from `fts`): one field either way.
 */
const SUBJECT: Ctx = { column: 'subject_fts', weight: '', fields: [''], nearWeights: 'ABCD' }
/** `subject:` as weight A of `fts`: for a portion reader, whose portions' vectors are laid out as `fts`. */
const SUBJECT_IN_FTS: Ctx = { column: 'fts', weight: 'A', fields: ['A'], nearWeights: 'A' }
const FIELDS: Record<string, Ctx> = {
  subject: SUBJECT,
  to: { column: 'to_fts', weight: '', fields: ['D'], nearWeights: 'D' },
}

/**
 * Compiles a query tree (null = everything) and the reader's access for the PostgreSQL archive schema.
 * `portions`: the archive has portion-level access on and this is a search path; only then does
 * `access.portions` count, else the whole-cable rule applies.
 */
export function compilePgQuery(query: QueryNode | null, access: Access | undefined, maxBucket: number, portions: boolean): PgCompiledQuery {
  const reader = access && portions && access.portions === true ? access : null
  const c = new Compiler(maxBucket, reader)
  const conds: string[] = []
  let match: string | null = null
  let driver: string | null = null
  let driverRepeats = false
  let driverFts: string | null = null
  let driverAt = -1
  if (query && reader) conds.push(c.sql(query, BARE))
  else if (query) {
    const conjuncts = query.type === 'and' ? query.children : [query]
    const positive = conjuncts.filter((n) => c.isPure(n, BARE))
    if (positive.length > 0) {
      const negative = conjuncts.filter((n) => n.type === 'not' && c.isPure(n.child, BARE)) as { child: QueryNode }[]
      match = positive.map((n) => `(${c.tsquery(n, BARE)})`).join(' & ')
      for (const n of negative) match += ` & !(${c.tsquery(n.child, BARE)})`
      for (const n of conjuncts) {
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: a mutant that keeps a conjunct here only repeats, as `c.id IN (… fts @@ …)`, a condition `match` already imposes; hits and rank stay the same
        if (positive.includes(n) || (n.type === 'not' && negative.includes(n as never))) continue
        conds.push(c.sql(n, BARE))
      }
      conds.unshift(`f.fts @@ ${c.param(match)}::tsquery`)
    } else {
      // the first conjunct that is a set of cables of one table may drive the listing of ids (`driver`)
      for (const n of conjuncts) {
        const set: { sql: string; repeats: boolean; fts?: string } | null = driver === null ? c.cableSet(n) : null
        if (set) {
          driver = set.sql
          driverRepeats = set.repeats
          driverFts = set.fts ?? null
          driverAt = conds.length
          conds.push(`c.id IN (${set.sql})`)
        } else conds.push(c.sql(n, BARE))
      }
    }
  }
  if (access) {
    conds.push(accessSql(access, c, reader !== null))
    c.usesCables = true
  }
  // no subject tier for a portion reader: it would order by a subject he may not read
  const words = query && !reader ? positiveLeaves(query) : []
  const tier = words.length ? words.map((l) => `(${phrase(l, '', 0)})`).join(' | ') : null
  // `subject:energy` has no `match` since archive-010, and stays ranked as it was (subject hits first, the page scored)
  const rank = match ?? (query && !reader && searchesSubject(query) ? tier : null)
  const rest = conds.filter((_, i) => i !== driverAt)
  return {
    match,
    where: conds.length ? conds.join(' AND ') : 'true',
    params: c.params,
    tier,
    rank,
    usesCables: c.usesCables,
    driver,
    driverRepeats,
    driverWhere: rest.length ? rest.join(' AND ') : 'true',
    driverFts,
  }
}

/**
 * The access rule in SQL, in one place for this engine: a cable is visible when its level is at most the
 * reader's and the reader holds every caveat it carries (`caveat_mask` bits outside the reader's are 0),
 * and in an operator database (`access.needToKnow`) when the reader has a need to know, decided from the
 * messaging tables as the SQLite engine does (`NeedToKnow` in src/store/store.ts states the rule).
 * The need-to-know part reads `c.key`: callers that rewrite `c.` for `facet_counts` must not
 * use it (see `PgStore.countsFromFacetTable`). `portions` (portion-level access on, a search path): a cable
 * with a portion the reader may read passes the level and caveat test too; need to know still applies in full.
 */
export function accessSql(access: Access, c: { param(v: unknown): string }, portions = false): string {
  const cleared = portions
    ? `(${wholeSql(access)} OR ${somePortionSql(access)})`
    : `c.level <= ${c.param(access.level)} AND (c.caveat_mask & ${c.param(ALL_CAVEATS_MASK & ~caveatMask(access.caveats))}) = 0`
  const n = access.needToKnow
  if (!n) return cleared
  // a cable released here is judged by its release record (msg_cable m), as in the SQLite engine
  return `${cleared} AND CASE
      WHEN NOT EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key) THEN ${c.param(n.archiveReader)}::boolean
      ELSE EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key AND m.level <= ${c.param(access.level)}
        AND NOT (m.caveats && ${c.param(lackedCaveats(access.caveats))}::text[]) AND CASE
        WHEN m.caveats && ARRAY['NODIS', 'EXDIS'] THEN EXISTS (SELECT 1 FROM msg_principal p WHERE p.cable_id = m.id AND p.user_name = ${c.param(n.user)})
        ELSE m.origin_post = ${c.param(n.post)} OR 'SIPDIS' = ANY (m.captions)
          OR EXISTS (SELECT 1 FROM msg_delivery d WHERE d.cable_id = m.id AND d.post = ${c.param(n.post)} AND d.delivered_at IS NOT NULL)
        END)
    END`
}

/** Placeholder allocator: `param(v)` appends `v` and returns its `$n`. */
export class Params {
  readonly params: unknown[] = []
  param(v: unknown): string {
    this.params.push(v)
    return `$${this.params.length}`
  }
}

/** A token, or (inside a phrase or NEAR) the token and its overflow lexemes `tok~1` … (see pg-tsvector.ts). */
function lexeme(token: string, weights: string, prefix: boolean, buckets: number): string {
  const one = (t: string) => `'${t}'${prefix || weights ? ':' : ''}${prefix ? '*' : ''}${weights}`
  if (buckets === 0 || prefix) return one(token) // a prefix already reaches `tok~k`
  const all = [one(token)]
  for (let b = 1; b <= buckets; b++) all.push(one(`${token}~${b}`))
  return `(${all.join(' | ')})`
}

/** A term or phrase; `buckets` > 0 where positions matter (phrases, NEAR operands). */
function phrase(n: TermNode | PhraseNode, weights: string, buckets: number): string {
  const last = n.tokens.length - 1
  const prefix = n.type === 'term' && n.prefix
  // one token is its own lexeme, joined with nothing
  return n.tokens.map((t, i) => lexeme(t, weights, prefix && i === last, buckets)).join(' <-> ')
}

/** Term, phrase and NEAR leaves outside any NOT: the words a subject match is looked for. */
function positiveLeaves(n: QueryNode): (TermNode | PhraseNode)[] {
  switch (n.type) {
    case 'term':
    case 'phrase':
      return [n]
    case 'near':
      return n.operands
    case 'field':
      return n.query ? positiveLeaves(n.query) : []
    case 'and':
    case 'or':
      return n.children.flatMap(positiveLeaves)
    default:
      return []
  }
}

/** Whether a `subject:` text search stands outside any NOT. */
function searchesSubject(n: QueryNode): boolean {
  switch (n.type) {
    case 'field':
      return n.query !== null && n.field === 'subject'
    case 'and':
    case 'or':
      return n.children.some(searchesSubject)
    default:
      return false
  }
}

class Compiler extends Params {
  /** Set when the SQL written reads a column of `cables c` other than `c.id`. */
  usesCables = false

  /** `reader`: the reader of a search under portion-level access, else null. */
  constructor(
    private readonly buckets: number,
    private readonly reader: Access | null,
  ) {
    super()
  }

  /** Where a field's text query searches: `subject:` reads `subject_fts`, for a portion reader weight A of `fts`. */
  field(name: string): Ctx {
    return name === 'subject' && this.reader ? SUBJECT_IN_FTS : FIELDS[name]
  }

  /**
   * Cable `c` matches `cond(vector)`, a condition on one vector column: its own (`column` of `cable_fts`), or
   * under portion-level access, when the reader may not read it whole, that of one portion he may read (a
   * portion has no addressees: `to:` never matches such a cable). Nothing of a withheld portion is consulted.
   */
  private matches(column: Ctx['column'], cond: (vector: string) => string): string {
    const own = `c.id IN (SELECT cable FROM cable_fts WHERE ${cond(column)})`
    if (!this.reader) return own
    const whole = `(${wholeSql(this.reader)} AND ${own})`
    if (column === 'to_fts') return whole
    return `(${whole} OR c.id IN (SELECT p.cable FROM cable_portions p WHERE ${cond('p.fts')} AND ${readableSql(this.reader)}))`
  }

  /**
   * A node that selects a set of cables from one table, as a SELECT of `cable` (and whether a cable may come
   * more than once), else null: `tag:` and `caption:` values, and a `to:` or `subject:` query that is one
   * tsquery on `to_fts` or `subject_fts`. Null for a portion reader, whose conditions also read `cables`.
   */
  cableSet(n: QueryNode): { sql: string; repeats: boolean; fts?: string } | null {
    if (this.reader || n.type !== 'field') return null
    if (n.query === null) return n.field === 'tag' || n.field === 'caption' ? this.valueSet(n) : null
    const ctx = this.field(n.field)
    if (ctx.column !== 'fts' && this.isPure(n.query, ctx)) {
      const q = this.param(this.tsquery(n.query, ctx))
      return { sql: `SELECT cable FROM cable_fts WHERE ${ctx.column} @@ ${q}::tsquery`, repeats: false, fts: `f.${ctx.column} @@ ${q}::tsquery` }
    }
    return null
  }

  /** The cables with a `tag:` or `caption:` value (a prefix may match several values of one cable). */
  private valueSet(n: FieldNode): { sql: string; repeats: boolean } {
    if (n.field === 'tag') {
      const tag = tagCaptionValue(n.value)
      if (n.prefix) return { sql: `SELECT cable FROM cable_tags WHERE ${this.prefixRange('tag', tag)}`, repeats: true }
      return { sql: `SELECT cable FROM cable_tags WHERE tag = ${this.param(tag)}`, repeats: false }
    }
    const caption = tagCaptionValue(n.value)
    if (n.prefix) return { sql: `SELECT cable FROM cable_captions WHERE ${this.prefixRange('caption', caption)}`, repeats: true }
    return { sql: `SELECT cable FROM cable_captions WHERE caption = ${this.param(caption)}`, repeats: false }
  }

  /** True when a node compiles to one tsquery on `ctx.column` (NEAR of three or more operands needs `cg_near`). */
  isPure(n: QueryNode, ctx: Ctx): boolean {
    switch (n.type) {
      case 'term':
      case 'phrase':
        return true
      case 'near':
        return n.operands.length === 2
      case 'field':
        return n.query !== null && this.field(n.field).column === ctx.column && this.isPure(n.query, this.field(n.field))
      case 'or':
        return n.children.every((c) => this.isPure(c, ctx))
      case 'and':
        // under portion-level access one tsquery reads one portion, and ANDed words may stand in different ones
        if (this.reader) return false
        return n.children.some((c) => c.type !== 'not') && n.children.every((c) => this.isPure(c.type === 'not' ? c.child : c, ctx))
    }
    // a NOT or an attribute is no tsquery of its own
    return false
  }

  tsquery(n: QueryNode, ctx: Ctx): string {
    switch (n.type) {
      case 'term':
      case 'phrase':
        // a lone word needs no overflow lexemes: the first 256 occurrences are under the word itself
        return phrase(n, ctx.weight, n.tokens.length > 1 ? this.buckets : 0)
      case 'near': {
        const alternatives: string[] = []
        for (const w of ctx.fields) {
          // `to_fts` holds every addressee at weight D (pg-tsvector.ts), its one field: `:D` reads them all
          const [a, b] = n.operands.map((o) => `(${phrase(o, w, this.buckets)})`)
          for (let k = 1; k <= n.distance + 1; k++) alternatives.push(`${a} <${k}> ${b}`, `${b} <${k}> ${a}`)
        }
        // every word of both operands, ANDed in front: implied by each alternative, so the same cables; the planner
        // then estimates the NEAR as rare as its words together and takes the GIN index instead of reading every vector
        const words = n.operands.flatMap((o) => o.tokens.map((t, i) => lexeme(t, '', o.type === 'term' && o.prefix && i === o.tokens.length - 1, 0)))
        return `${words.join(' & ')} & (${alternatives.map((x) => `(${x})`).join(' | ')})`
      }
      case 'field':
        return this.tsquery(n.query!, this.field(n.field))
      case 'or':
        return n.children.map((c) => `(${this.tsquery(c, ctx)})`).join(' | ')
      case 'and': {
        const pos = n.children.filter((c) => c.type !== 'not').map((c) => `(${this.tsquery(c, ctx)})`)
        const neg = n.children.filter((c) => c.type === 'not').map((c) => ` & !(${this.tsquery((c as { child: QueryNode }).child, ctx)})`)
        return pos.join(' & ') + neg.join('')
      }
    }
    // Stryker disable next-line StringLiteral: isPure admits no other node, so no tree reaches this guard
    throw new Error(`not a full-text node: ${n.type}`)
  }

  sql(n: QueryNode, ctx: Ctx): string {
    if (this.isPure(n, ctx)) {
      const q = this.param(this.tsquery(n, ctx))
      return this.matches(ctx.column, (v) => `${v} @@ ${q}::tsquery`)
    }
    switch (n.type) {
      case 'near':
        return this.near(n, ctx)
      case 'and':
        return '(' + n.children.map((c) => this.sql(c, ctx)).join(' AND ') + ')'
      case 'or':
        return '(' + n.children.map((c) => this.sql(c, ctx)).join(' OR ') + ')'
      case 'not':
        return `NOT (${this.sql(n.child, ctx)})`
      case 'field':
        return n.query ? this.sql(n.query, this.field(n.field)) : this.attribute(n)
      default:
        throw new Error(`unexpected node ${n.type}`)
    }
  }

  /** NEAR of three or more: the index finds cables with every word, `cg_near` checks the distances. */
  private near(n: NearNode, ctx: Ctx): string {
    const all = n.operands.map((o) => `(${phrase(o, ctx.weight, o.tokens.length > 1 ? this.buckets : 0)})`).join(' & ')
    const ops = n.operands.map((o) => o.tokens.join(' ') + (o.type === 'term' && o.prefix ? '*' : ''))
    const [q, fields, words, distance] = [this.param(all), this.param(ctx.nearWeights), this.param(ops), this.param(n.distance)]
    return this.matches(ctx.column, (v) => `${v} @@ ${q}::tsquery AND cg_near(${v}, ${fields}, ${words}::text[], ${distance})`)
  }
  /** `[lo, hi)` bounds selecting every string that starts with `prefix` (byte order, as SQLite's). */
  private prefixRange(column: string, prefix: string): string {
    return `${column} >= ${this.param(prefix)} AND ${column} < ${this.param(prefix + '\uffff')}`
  }

  private attribute(n: FieldNode): string {
    const v = n.value
    // tag:, caption: and cites: select by `c.id` alone (with a portion reader, access has set the flag)
    if (n.field !== 'tag' && n.field !== 'caption' && n.field !== 'cites') this.usesCables = true
    switch (n.field) {
      case 'tag':
      case 'caption': {
        const own = `c.id IN (${this.valueSet(n).sql})`
        if (!this.reader) return own
        // a cable read in part: only the values its redacted rendering shows (docs/search.md)
        const value = tagCaptionValue(v)
        const cond = n.prefix ? this.prefixRange('p.text COLLATE "C"', value) : `p.text COLLATE "C" = ${this.param(value)}`
        return `((${wholeSql(this.reader)} AND ${own}) OR ${shownValueSql(this.reader, 'c.id', n.field, cond)})`
      }
      case 'origin':
        if (n.prefix) return `(${this.prefixRange('c.origin_key', originKey(v))})`
        return `c.origin_key = ${this.param(originKey(v))}`
      case 'precedence':
        if (n.prefix) return `(${this.prefixRange('c.precedence', v.toUpperCase())})`
        return `c.precedence = ${this.param(precedenceValue(v))}`
      case 'id':
        if (n.prefix) return `(${this.prefixRange('c.key', idPrefixValue(v))})`
        return `(c.key = ${this.param(idValue(v))} OR c.raw_id = ${this.param(v)})`
      case 'cites': {
        const target = n.prefix ? this.prefixRange('target', idPrefixValue(v)) : `target = ${this.param(idValue(v))}`
        const refs = `c.id IN (SELECT cable FROM cable_refs WHERE ${target})`
        // the REF block is unmarked, so at least at the cable's overall level and caveats (docs/search.md): a
        // portion reader never reads it, and his cites: (negated too) answers as if the cable had no REF block
        return this.reader ? `(${wholeSql(this.reader)} AND ${refs})` : refs
      }
      case 'date': {
        const r = dateRange(n.op, v)!
        // a cable read in part: the date its redacted rendering gives (docs/search.md)
        const date = this.reader ? readerDate(this.reader) : 'c.date'
        const parts = [`${date} IS NOT NULL`]
        // a date known to its month or year matches only when its whole period is inside (dateFromBound)
        if (r.from) parts.push(`${date} >= ${this.param(dateFromBound(r.from))}`)
        if (r.to) {
          const to = this.param(r.to)
          parts.push(`${date} < ${to} AND left(${to}, length(${date})) COLLATE "C" <> ${date}`)
        }
        return '(' + parts.join(' AND ') + ')'
      }
      case 'classification': {
        const exact = classificationValue(v)
        if (exact === null) return 'c.classification IS NULL'
        return `upper(c.classification) = ${this.param(exact)}`
      }
      case 'class': {
        const cls = classValue(v)!
        const parts: string[] = []
        if (cls.level !== null) parts.push(`c.level ${n.op === ':' ? '=' : n.op} ${this.param(cls.level)}`)
        // Stryker disable next-line ConditionalExpression: with no caveat the mask is 0, and (mask & 0) = 0 holds for every cable
        if (cls.caveats.length) {
          const mask = caveatMask(cls.caveats)
          parts.push(`(c.caveat_mask & ${this.param(mask)}) = ${this.param(mask)}`)
        }
        return '(' + parts.join(' AND ') + ')'
      }
      default:
        throw new Error(`unknown field ${n.field}`)
    }
  }
}
