/**
 * Plain-language messages for request validation failures. The schema library's own text ("Invalid input:
 * expected string, received undefined") says neither what the parameter should hold nor what was sent;
 * this turns each issue into `missing`, or `expected …, got "…"` from the parameter's schema (its description,
 * type and bounds) and the raw value of the request. One mapping of issue codes, never per-route strings.
 */

/** A validation issue as zod reports it (the fields this module reads). */
export interface SchemaIssue {
  code: string
  path: PropertyKey[]
  message: string
  expected?: string
  received?: string
  minimum?: number | bigint
  maximum?: number | bigint
  origin?: string
  values?: unknown[]
  format?: string
}

/** One refused field: `path` as docs/http.md gives it (`limit`, `to[1].precedence`), `message` plain. */
export interface FieldError {
  path: string
  message: string
}

/** What of a zod schema these messages read; every field optional, so any schema (or none) will do. */
interface SchemaLike {
  description?: string
  shape?: Record<string, unknown>
  options?: unknown[]
  minValue?: number | null
  maxValue?: number | null
  isInt?: boolean
  minLength?: number | null
  maxLength?: number | null
  _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown; out?: unknown; element?: unknown; values?: unknown[] } }
}

/**
 * The field errors for `issues`, given the raw input that was validated (`input`, e.g. the query object of
 * strings) and the schema it was validated against, when known.
 *
 * @example
 *   fieldErrors([{ code: 'too_small', path: ['limit'], minimum: 1, origin: 'number', message: '' }], { limit: '0' }, querySchema)
 *   // → [{ path: 'limit', message: 'expected a whole number from 1 to 10000, got 0' }]
 */
export function fieldErrors(issues: readonly SchemaIssue[], input: unknown, schema?: unknown): FieldError[] {
  return issues.map((issue) => ({ path: pathText(issue.path), message: issueMessage(issue, valueAt(input, issue.path), schemaAt(schema, issue.path)) }))
}

/** `to[1].precedence` for `['to', 1, 'precedence']`; `(body)` for the whole input. */
function pathText(path: readonly PropertyKey[]): string {
  let text = ''
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`
  return text || '(body)'
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[part]
  }
  return value
}

/** The wrapped schema of an optional, default, nullable, catch, readonly or pipe (its input side), else null. */
function inner(schema: SchemaLike): SchemaLike | null {
  const def = schema._zod?.def
  const next = def?.innerType ?? (def?.type === 'pipe' ? def.in : undefined)
  return next && typeof next === 'object' ? (next as SchemaLike) : null
}

/** The chain from a schema to its innermost wrapped one (descriptions may sit on any of them). */
function layers(schema: unknown): SchemaLike[] {
  const out: SchemaLike[] = []
  let s = schema && typeof schema === 'object' ? (schema as SchemaLike) : null
  while (s && out.length < 16) {
    out.push(s)
    s = inner(s)
  }
  return out
}

function schemaAt(schema: unknown, path: readonly PropertyKey[]): SchemaLike[] {
  let here = layers(schema)
  for (const part of path) {
    const core = here[here.length - 1]
    if (!core) return []
    const def = core._zod?.def
    if (typeof part === 'number' && def?.type === 'array') here = layers(def.element)
    else if (typeof part === 'string' && core.shape) here = layers(core.shape[part])
    else return []
  }
  return here
}

/** What the schema expects, in words ("a whole number from 1 to 4", "one of "ok", "denied""), or null. */
function expectation(schema: SchemaLike[], issue: SchemaIssue): string | null {
  const core = schema[schema.length - 1]
  const type = core?._zod?.def?.type ?? issue.expected ?? issue.origin
  if (type === 'number' || type === 'int') {
    const whole = core?.isInt === true || issue.expected === 'int'
    const noun = whole ? 'a whole number' : 'a number'
    const min = core?.minValue ?? (issue.code === 'too_small' ? issue.minimum : undefined)
    const max = core?.maxValue ?? (issue.code === 'too_big' ? issue.maximum : undefined)
    const bounded = (n: unknown) => n !== undefined && n !== null && Number.isFinite(Number(n)) && Math.abs(Number(n)) < Number.MAX_SAFE_INTEGER
    if (bounded(min) && bounded(max)) return `${noun} from ${min} to ${max}`
    if (bounded(min)) return `${noun} of at least ${min}`
    if (bounded(max)) return `${noun} of at most ${max}`
    return noun
  }
  if (type === 'enum' || issue.values) {
    const values = issue.values ?? core?.options ?? core?._zod?.def?.values ?? []
    if (values.length === 1) return JSON.stringify(values[0])
    if (values.length) return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`
  }
  if (type === 'string') {
    const min = core?.minLength ?? 0
    const max = core?.maxLength ?? null
    if (max !== null && min > 0) return `text of ${min} to ${max} characters`
    if (max !== null) return `text of at most ${max} characters`
    if (min > 0) return min === 1 ? 'text that is not empty' : `text of at least ${min} characters`
    return 'text'
  }
  if (type === 'boolean') return 'true or false'
  if (type === 'array') return 'a list'
  if (type === 'object') return 'an object'
  return null
}

/** The raw value as a user wrote it: numbers bare, anything else JSON (strings quoted, so "" shows). */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    // query values arrive as strings: a number-looking one is shown bare, as the user typed it
    return /^-?\d+(\.\d+)?$/.test(value) ? value : JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  }
  const json = JSON.stringify(value)
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 60)}…` : json
}

function issueMessage(issue: SchemaIssue, value: unknown, schema: SchemaLike[]): string {
  const description = schema.map((s) => s.description).find((d) => typeof d === 'string' && d.length > 0)
  const expected = expectation(schema, issue)
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    return description ? `missing; give ${description}` : expected ? `missing; expected ${expected}` : 'missing'
  }
  const want = expected ?? description ?? null
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      if (want) return `expected ${want}, got ${shown(value)}`
      break
    case 'invalid_format':
      return `expected ${issue.format === 'datetime' ? 'a date and time such as 2026-01-31T12:00:00Z' : (issue.format ?? 'another format')}, got ${shown(value)}`
    case 'unrecognized_keys':
      return issue.message
  }
  // any other issue (a service-side refinement): its own message, which the route wrote for users
  return issue.message
}
