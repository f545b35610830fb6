import { CliError } from './errors.js'

/**
 * Values of flags and arguments, checked where they are read: a bad one is a usage error (exit 2) that names
 * the flag and quotes what was given.
 */

/** A whole number from `min` to `max`. */
export function wholeNumber(name: string, value: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} must be ${wholeNumberRange(min, max)}, got "${value}"`)
  return n
}

function wholeNumberRange(min: number, max: number): string {
  if (max !== Number.MAX_SAFE_INTEGER) return `a whole number from ${min} to ${max}`
  if (min === 1) return 'a positive whole number'
  return min === 0 ? 'zero or a positive whole number' : `a whole number of at least ${min}`
}

/** A positive whole number (`draft 12`, `--batch 500`). */
export const positiveInt = (name: string, value: string): number => wholeNumber(name, value, 1)

/** One of a fixed set of words (`--format json`). */
export function oneOf<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T
  const allowed = choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`
  throw new CliError(`${name} must be ${allowed}, got "${value}"`)
}
