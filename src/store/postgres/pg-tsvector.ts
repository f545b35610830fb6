import { indexTokens } from '../query/ast.js'

/**
 * Builds a cable's tsvector in the writer, with the tokeniser the SQLite engine's FTS5 index and the query
 * parser share (`indexTokens`: runs of letters and digits, case-folded, diacritics removed; FTS5's
 * `unicode61 remove_diacritics 2`). PostgreSQL's own parser splits differently (it keeps `zanu-pf`, reads
 * `1.5` as a number, e-mail addresses whole), so the vector is handed over as a tsvector literal and
 * PostgreSQL does no parsing of its own: both engines index the same words.
 *
 * Layout: subject (weight A) from position 1, then one empty position, addressees (B), another empty
 * position, then the body (D). The gaps keep a phrase from running from one field into the next; weights
 * tell the fields apart for `subject:` and `to:`.
 *
 * PostgreSQL keeps at most 256 positions per lexeme. Occurrences past the 256th of a word go to overflow
 * lexemes `word~1`, `word~2`, … (`~` never occurs in a token), which phrase and NEAR queries include up to
 * the archive's highest bucket, so a phrase of common words still matches deep in a long cable.
 * Positions above 16,383 (PostgreSQL's limit) collapse onto 16,383: phrases past that point in cables of
 * more than about 16,000 words are not found (presence of words still is).
 */

/** PostgreSQL's position limits for a lexeme. */
const MAX_POSITIONS = 256
const MAX_POSITION = 16383
/** PostgreSQL refuses lexemes of 2 KB or more; a token that long is no word anyone searches. */
const MAX_LEXEME_BYTES = 2000
/** Keep a vector under PostgreSQL's 1 MB tsvector limit; beyond, positions are dropped (words still match). */
const MAX_VECTOR_BYTES = 900_000

/** Between addressees, as in the SQLite engine: a phrase cannot run from one addressee into the next. */
export const ADDRESSEE_SEPARATOR = ' zzaddrsep '

export interface BuiltVector {
  /** tsvector input text: `'word':1A,5A 'other':9D`. */
  literal: string
  /** Highest overflow bucket used (0 when no word occurs more than 256 times). */
  maxBucket: number
}

/**
 * The tsvector literal of one cable.
 *
 * @example
 *   cableVector('NUCLEAR TALKS', ['AMEMBASSY PARIS'], 'Talks went well.').literal
 *   // "'nuclear':1A 'talks':2A,9D 'amembassy':4B 'paris':5B 'went':10D 'well':11D"
 */
export function cableVector(subject: string | null, addressees: string[], body: string): BuiltVector {
  const lexemes = new Map<string, { positions: number[]; weight: string }[]>()
  const occurrences = new Map<string, number>()
  let maxBucket = 0
  let position = 0
  const add = (text: string, weight: string) => {
    for (const token of indexTokens(text)) {
      position++
      if (Buffer.byteLength(token, 'utf8') > MAX_LEXEME_BYTES) continue
      const seen = occurrences.get(token) ?? 0
      occurrences.set(token, seen + 1)
      const bucket = Math.floor(seen / MAX_POSITIONS)
      if (bucket > maxBucket) maxBucket = bucket
      const lexeme = bucket === 0 ? token : `${token}~${bucket}`
      let list = lexemes.get(lexeme)
      if (!list) lexemes.set(lexeme, (list = []))
      const last = list[list.length - 1]
      if (last && last.weight === weight) last.positions.push(Math.min(position, MAX_POSITION))
      else list.push({ positions: [Math.min(position, MAX_POSITION)], weight })
    }
    position++ // the gap before the next field
  }
  add(subject ?? '', 'A')
  add(addressees.join(ADDRESSEE_SEPARATOR), 'B')
  add(body, 'D')
  let size = 0
  for (const [lexeme, runs] of lexemes) size += lexeme.length + 8 + 2 * runs.reduce((n, r) => n + r.positions.length, 0)
  const strip = size > MAX_VECTOR_BYTES
  const parts: string[] = []
  for (const [lexeme, runs] of lexemes) {
    if (strip) {
      if (!lexeme.includes('~')) parts.push(`'${lexeme}'`)
      continue
    }
    // positions of one lexeme must be distinct: clamped ones (past 16,383) are written once
    const seen = new Set<number>()
    const items: string[] = []
    for (const run of runs) {
      for (const p of run.positions) {
        if (seen.has(p)) continue
        seen.add(p)
        items.push(`${p}${run.weight}`)
      }
    }
    parts.push(`'${lexeme}':${items.join(',')}`)
  }
  return { literal: parts.join(' '), maxBucket: strip ? 0 : maxBucket }
}

/** The subject alone as a tsvector literal (positions from 1, no weight): orders ranked pages. */
export function subjectVector(subject: string | null): string {
  const positions = new Map<string, number[]>()
  indexTokens(subject ?? '').forEach((token, i) => {
    if (i >= MAX_POSITIONS || Buffer.byteLength(token, 'utf8') > MAX_LEXEME_BYTES) return
    const list = positions.get(token)
    if (list) list.push(i + 1)
    else positions.set(token, [i + 1])
  })
  return [...positions].map(([t, ps]) => `'${t}':${ps.join(',')}`).join(' ')
}
