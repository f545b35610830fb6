import { parse as parseYaml } from 'yaml'
import type { PrecedenceWord } from '../format/model.js'
import { LEVEL_NAMES, levelRank } from './access.js'
import { parsePrecedence } from './precedence.js'
import { ServiceError } from './service-error.js'
import type { DraftAddressee, DraftBlock, DraftFields } from './types.js'

/** A draft as submitted: the structured fields plus who must clear it. */
export interface DraftInput {
  fields: DraftFields
  clearers: string[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Collects every problem with its place (`to[1].precedence`) so one pass reports them all. */
class Problems {
  readonly list: string[] = []
  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`)
  }
}

function str(v: unknown, where: string, p: Problems, required = true): string | null {
  if (v === undefined || v === null) return required ? (p.add(where, 'is required'), null) : null
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string' || (required && v.trim() === '')) return p.add(where, 'must be a non-empty string'), null
  return v.trim()
}

function strings(v: unknown, where: string, p: Problems): string[] {
  if (v === undefined || v === null) return []
  const arr = typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v
  if (!Array.isArray(arr)) return p.add(where, 'must be a list of strings'), []
  return arr.flatMap((x, i) => {
    const s = str(x, `${where}[${i}]`, p)
    return s === null ? [] : [s]
  })
}

function precedence(v: unknown, where: string, p: Problems): PrecedenceWord | undefined {
  if (v === undefined || v === null) return undefined
  const w = typeof v === 'string' ? parsePrecedence(v) : null
  if (!w) p.add(where, `unknown precedence ${JSON.stringify(v)} (FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE)`)
  return w ?? undefined
}

function addressees(v: unknown, where: string, p: Problems): DraftAddressee[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) return p.add(where, 'must be a list of addressees'), []
  return v.flatMap((a, i) => {
    const at = `${where}[${i}]`
    if (typeof a === 'string') return [{ name: a.trim() }]
    if (!isObj(a)) return p.add(at, 'must be a name or { name, precedence, xmt }'), []
    const name = str(a.name, `${at}.name`, p)
    if (name === null) return []
    const out: DraftAddressee = { name }
    const prec = precedence(a.precedence, `${at}.precedence`, p)
    if (prec) out.precedence = prec
    const xmt = strings(a.xmt, `${at}.xmt`, p)
    if (xmt.length) out.xmt = xmt
    return [out]
  })
}

function body(v: unknown, p: Problems): DraftBlock[] {
  const items = v ?? []
  if (!Array.isArray(items)) return p.add('body', 'must be a list of paragraphs'), []
  return items.flatMap((b, i): DraftBlock[] => {
    const at = `body[${i}]`
    if (typeof b === 'string') return [{ marking: null, text: b.trim() }]
    if (!isObj(b)) return p.add(at, 'must be a paragraph { marking, text } or { lines: [...] }'), []
    if ('lines' in b) return [{ lines: strings(b.lines, `${at}.lines`, p) }]
    const text = str(b.text, `${at}.text`, p)
    const marking = str(b.marking, `${at}.marking`, p, false)
    return text === null ? [] : [{ marking: marking ? marking.replace(/^\(|\)$/g, '').toUpperCase() : null, text }]
  })
}

/**
 * Validates a draft given as an object (parsed YAML/JSON) and returns its fields; every problem is
 * reported at once with where it is, as a ServiceError('INVALID').
 */
export function draftFromObject(input: unknown): DraftInput {
  const p = new Problems()
  if (!isObj(input)) throw new ServiceError('INVALID', 'draft: expected a mapping of fields (precedence, to, subject, body, …)')
  const level = str(input.classification ?? 'UNCLASSIFIED', 'classification', p)
  const rank = level === null ? null : levelRank(level)
  if (level !== null && rank === null) p.add('classification', `unknown level ${JSON.stringify(level)} (${LEVEL_NAMES.join(', ')})`)
  const subject = isObj(input.subject) ? input.subject : { text: input.subject, marking: input.subjectMarking }
  const subjectText = str(subject.text, 'subject', p)
  const eo = isObj(input.eo) ? input.eo : {}
  const fields: DraftFields = {
    precedence: precedence(input.precedence ?? 'ROUTINE', 'precedence', p) ?? 'ROUTINE',
    to: addressees(input.to, 'to', p),
    info: addressees(input.info, 'info', p),
    classification: rank === null ? 'UNCLASSIFIED' : LEVEL_NAMES[rank],
    captions: strings(input.captions, 'captions', p).map((c) => c.toUpperCase()),
    eo: {
      order: str(eo.order ?? '13526', 'eo.order', p) ?? '13526',
      declassify: str(eo.declassify ?? (rank !== null && rank >= 2 ? undefined : 'N/A'), 'eo.declassify', p) ?? 'N/A',
    },
    tags: strings(input.tags, 'tags', p).map((t) => t.toUpperCase()),
    subject: { marking: str(subject.marking, 'subject.marking', p, false)?.replace(/^\(|\)$/g, '').toUpperCase() ?? null, text: subjectText ?? '' },
    references: strings(input.references, 'references', p),
    classifiedBy: str(input.classifiedBy, 'classifiedBy', p, false),
    body: body(input.body, p),
    signature: strings(input.signature, 'signature', p).map((s) => s.toUpperCase()),
  }
  if (fields.to.length === 0) p.add('to', 'at least one action addressee is required')
  if (fields.body.length === 0) p.add('body', 'at least one paragraph is required')
  const clearers = strings(input.clearers, 'clearers', p)
  if (p.list.length) throw new ServiceError('INVALID', `draft: ${p.list.join('; ')}`, p.list)
  return { fields, clearers }
}

/**
 * Reads a draft file's text: JSON when it starts with `{`, YAML otherwise. Syntax errors name the line.
 *
 * @example
 *   draftFromText('precedence: IMMEDIATE\nto: [AMEMBASSY DUSHANBE]\nsubject: TEST\nbody: [Hello]\n')
 */
export function draftFromText(text: string, source = 'draft'): DraftInput {
  let data: unknown
  try {
    data = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ServiceError('INVALID', `${source}: not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  return draftFromObject(data)
}
