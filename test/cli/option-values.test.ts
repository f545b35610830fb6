import { describe, expect, it } from 'vitest'
import { CliError } from '../../src/cli/errors.js'
import { oneOf, positiveInt, wholeNumber } from '../../src/cli/option-values.js'

describe('flag values', () => {
  it('reads whole numbers in range and names the flag and the value otherwise', () => {
    expect(wholeNumber('--offset', '0')).toBe(0)
    expect(wholeNumber('--depth', '10', 1, 10)).toBe(10)
    expect(positiveInt('draft', '12')).toBe(12)
    expect(() => wholeNumber('--depth', '11', 1, 10)).toThrow('--depth must be a whole number from 1 to 10, got "11"')
    expect(() => positiveInt('draft', '0')).toThrow('draft must be a positive whole number, got "0"')
    expect(() => wholeNumber('--limit', '2.5')).toThrow('--limit must be zero or a positive whole number, got "2.5"')
    expect(() => wholeNumber('--limit', '-1')).toThrow(CliError)
    // -3 is a whole number: the message names the range that was broken
    expect(() => wholeNumber('--limit', '-3')).toThrow('--limit must be zero or a positive whole number, got "-3"')
    expect(() => wholeNumber('--year', '5', 1966)).toThrow('--year must be a whole number of at least 1966, got "5"')
  })

  it('reads one of a set of words', () => {
    expect(oneOf('--format', 'json', ['text', 'json'] as const)).toBe('json')
    expect(() => oneOf('--format', 'xml', ['text', 'json'] as const)).toThrow('--format must be text or json, got "xml"')
    expect(() => oneOf('--sort', 'x', ['rank', 'date', 'date-desc'] as const)).toThrow('--sort must be one of rank, date, date-desc, got "x"')
  })
})
