import { indexTokens } from '../query/ast.js'

/**
 * Builds a cable's tsvector in the writer, with the tokeniser the SQLite engine's FTS5 index and the query
 * parser share (`indexTokens`: runs of letters and digits, case-folded, diacritics removed; FTS5's
 * `unicode61 remove_diacritics 2`). PostgreSQL's own parser splits differently (it keeps `zanu-pf`, reads
 * `1.5` as a number, e-mail addresses whole), so the vector is handed over as a tsvector literal and
 * PostgreSQL does no parsing of its own: both engines index the same words.
 *
 * Layout: `fts` holds the subject (weight A) from position 1, one empty position, then the body (D); the
 * gap keeps a phrase from running from the subject into the body, and the weights tell them apart for
 * `subject:` and NEAR. The addressees get a vector of their own (`to_fts`), so a bare word needs no weight
 * test and the GIN index answers it without reading a vector.
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
  /** tsvector input text of subject and body: `'word':1A,5D 'other':9D`. */
  literal: string
  /** tsvector input text of the addressees. */
  to: string
  /** Highest overflow bucket used (0 when no word occurs more than 256 times). */
  maxBucket: number
}

/**
 * The tsvector literals of one cable.
 *
 * @example
 *   cableVector('NUCLEAR TALKS', ['AMEMBASSY PARIS'], 'Talks went well.').literal
 *   // "'nuclear':1A 'talks':2A,4D 'went':5D 'well':6D"
 */
export function cableVector(subject: string | null, addressees: string[], body: string): BuiltVector {
  const main = new VectorBuilder()
  main.add(subject ?? '', 'A')
  main.add(body, 'D')
  const to = new VectorBuilder()
  to.add(addressees.join(ADDRESSEE_SEPARATOR), '')
  const a = main.literal()
  const b = to.literal()
  return { literal: a.literal, to: b.literal, maxBucket: Math.max(a.maxBucket, b.maxBucket) }
}

/** Positions of each lexeme of one vector, fields added in order with one empty position between them. */
class VectorBuilder {
  private readonly lexemes = new Map<string, { positions: number[]; weight: string }[]>()
  private readonly occurrences = new Map<string, number>()
  private maxBucket = 0
  private position = 0

  add(text: string, weight: string): void {
    for (const token of indexTokens(text)) {
      this.position++
      if (Buffer.byteLength(token, 'utf8') > MAX_LEXEME_BYTES) continue
      const seen = this.occurrences.get(token) ?? 0
      this.occurrences.set(token, seen + 1)
      const bucket = Math.floor(seen / MAX_POSITIONS)
      if (bucket > this.maxBucket) this.maxBucket = bucket
      const lexeme = bucket === 0 ? token : `${token}~${bucket}`
      let list = this.lexemes.get(lexeme)
      if (!list) this.lexemes.set(lexeme, (list = []))
      const last = list[list.length - 1]
      const p = Math.min(this.position, MAX_POSITION)
      if (last && last.weight === weight) last.positions.push(p)
      else list.push({ positions: [p], weight })
    }
    this.position++ // the gap before the next field
  }

  literal(): { literal: string; maxBucket: number } {
    let size = 0
    for (const [lexeme, runs] of this.lexemes) size += lexeme.length + 8 + 2 * runs.reduce((n, r) => n + r.positions.length, 0)
    const strip = size > MAX_VECTOR_BYTES
    const parts: string[] = []
    for (const [lexeme, runs] of this.lexemes) {
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
    return { literal: parts.join(' '), maxBucket: strip ? 0 : this.maxBucket }
  }
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
