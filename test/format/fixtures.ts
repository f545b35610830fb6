import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Reads a synthetic fixture cable from test/fixtures. */
export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8')
}

/** Drops spans, for comparing fields. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'span' ? undefined : v)))
}
