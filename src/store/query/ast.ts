/**
 * The search query language as a tree. Produced by `parseQuery`, compiled by each store engine.
 * Positions are 1-based columns into the query string, for error messages.
 */

/** Fields that search the full-text index. */
export const TEXT_FIELDS = ['subject', 'to'] as const
/** Fields that test a stored attribute. */
export const ATTRIBUTE_FIELDS = ['tag', 'origin', 'class', 'classification', 'caption', 'precedence', 'id', 'cites', 'date'] as const

export type TextField = (typeof TEXT_FIELDS)[number]
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number]
export type FieldName = TextField | AttributeField
export type Comparison = ':' | '>=' | '<=' | '>' | '<'

/** A value for each field, shown when a field is written without one. */
export const FIELD_EXAMPLES: Record<FieldName, string> = {
  subject: '"human rights"',
  to: 'PARIS',
  tag: 'PREL',
  origin: 'HARARE',
  class: 'SECRET',
  classification: '"SECRET//NOFORN"',
  caption: 'NOFORN',
  precedence: 'IMMEDIATE',
  id: '09STATE99704',
  cites: '09STATE99704',
  date: '2009-09..2009-12',
}

/** A word; `prefix` when written `word*`. `tokens` are the index tokens it stands for (`ZANU-PF` → zanu, pf). */
export interface TermNode {
  type: 'term'
  text: string
  tokens: string[]
  prefix: boolean
  column: number
}

export interface PhraseNode {
  type: 'phrase'
  text: string
  tokens: string[]
  column: number
}

/** `a NEAR/5 b NEAR/5 c`: all operands within `distance` tokens of each other. */
export interface NearNode {
  type: 'near'
  operands: (TermNode | PhraseNode)[]
  distance: number
  column: number
}

/** `field:value`, `class>=CONFIDENTIAL`; a text field may hold a whole sub-query (`subject:(a OR b)`). */
export interface FieldNode {
  type: 'field'
  field: FieldName
  op: Comparison
  /** For attribute fields: the value as written (prefix star removed). */
  value: string
  prefix: boolean
  /** For text fields: the sub-query searched in that field. */
  query: QueryNode | null
  column: number
}

export interface AndNode {
  type: 'and'
  children: QueryNode[]
}

export interface OrNode {
  type: 'or'
  children: QueryNode[]
}

export interface NotNode {
  type: 'not'
  child: QueryNode
  column: number
}

export type QueryNode = TermNode | PhraseNode | NearNode | FieldNode | AndNode | OrNode | NotNode

/** Default NEAR distance, as in FTS5. */
export const DEFAULT_NEAR = 10

/**
 * Index tokens of a text, the way the full-text index splits it: letters and digits, case-folded,
 * diacritics removed. Engines index with the same rule so a query term means the same everywhere.
 *
 * @example
 *   indexTokens('ZANU-PF’s') // ['zanu', 'pf', 's']
 */
export function indexTokens(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}
