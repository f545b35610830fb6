import { forbiddenCharProblem } from '../format/control-chars.js'
import { ServiceError } from './service-error.js'

/**
 * The problems of operator-supplied texts other than drafts (directory names, user names, principals): the one rule
 * of draft input — no control character, no invisible character (every format character and default-ignorable
 * code point: bidi override, zero-width character, TAG character, variation selector, Hangul filler; U+2028/U+2029) — each named with the field and its place. Such a name is printed in FM/TO lines, user
 * lists and audit entries, where an override would make it read as another.
 *
 * @example forbiddenCharsIn([['fullName', 'Dana \u202eX']]) // ['fullName: invisible format character U+202E … at line 1, column 6 is not allowed']
 */
export function forbiddenCharsIn(fields: ReadonlyArray<readonly [string, string | null | undefined]>): string[] {
  const out: string[] = []
  for (const [label, value] of fields) {
    if (typeof value !== 'string') continue
    const problem = forbiddenCharProblem(value)
    if (problem) out.push(`${label}: ${problem}`)
  }
  return out
}

/** As forbiddenCharsIn, throwing ServiceError('INVALID') (`what: problem; …`) when there is any. */
export function refuseForbiddenChars(what: string, fields: ReadonlyArray<readonly [string, string | null | undefined]>): void {
  const problems = forbiddenCharsIn(fields)
  if (problems.length) throw new ServiceError('INVALID', `${what}: ${problems.join('; ')}`, problems)
}
