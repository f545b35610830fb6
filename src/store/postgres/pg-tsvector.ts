import { indexTokens } from '../query/ast.js'
import type { CableRecord, PortionRecord, PreparedIndex } from '../store.js'
import { isFieldPortion } from '../portion-access.js'

/**
 * Builds a cable's tsvector in the writer, with the tokeniser the SQLite engine's FTS5 index and the query
 * parser share (`indexTokens`: runs of letters and digits, case-folded, diacritics removed; FTS5's
 * `unicode61 remove_diacritics 2`). PostgreSQL's own parser splits differently (it keeps `zanu-pf`, reads
 * `1.5` as a number, e-mail addresses whole), so the vector is handed over built, in PostgreSQL's binary
 * tsvector format, and PostgreSQL does no parsing of its own: both engines index the same words.
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
  /** The subject and body vector in PostgreSQL's binary tsvector format (see `VectorBuilder.binary`). */
  fts: Uint8Array
  /** The addressees' vector, in the same format. */
  to: Uint8Array
  /** Highest overflow bucket used (0 when no word occurs more than 256 times). */
  maxBucket: number
}

/**
 * The tsvectors of one cable, in PostgreSQL's binary input format: the server takes them with
 * `tsvectorrecv`, which copies lexemes and positions, instead of parsing a text literal (the text form cost
 * the server about 150 µs a cable, most of an import's time in PostgreSQL).
 *
 * @example
 *   cableVector('NUCLEAR TALKS', ['AMEMBASSY PARIS'], 'Talks went well.').fts // read back as
 *   // "'nuclear':1A 'talks':2A,4 'went':5 'well':6"
 */
export function cableVector(subject: string | null, addressees: string[], body: string): BuiltVector {
  const main = cableMain(subject, body)
  const to = cableTo(addressees)
  const fts = main.binary()
  const toBytes = to.binary()
  // read after binary(): a vector stripped of its positions has no overflow lexemes
  return { fts, to: toBytes, maxBucket: Math.max(main.maxBucket, to.maxBucket) }
}

/**
 * The same vectors as `cableVector` in tsvector input text (`'word':1A,5 'other':9`), for reading and
 * for checking the binary form against PostgreSQL's own parser.
 */
export function cableVectorText(subject: string | null, addressees: string[], body: string): { fts: string; to: string } {
  return { fts: cableMain(subject, body).literal(), to: cableTo(addressees).literal() }
}

function cableMain(subject: string | null, body: string): VectorBuilder {
  const main = new VectorBuilder()
  main.add(subject ?? '', 'A')
  main.add(body, 'D')
  return main
}

function cableTo(addressees: string[]): VectorBuilder {
  const to = new VectorBuilder()
  to.add(addressees.join(ADDRESSEE_SEPARATOR), 'D')
  return to
}

/** tsvector weights as stored in a position's top two bits. */
const WEIGHT_BITS: Record<string, number> = { A: 3 << 14, B: 2 << 14, C: 1 << 14, D: 0 }

/** One lexeme of a finished vector: its positions (each with its weight bits), ascending and distinct. */
interface Entry {
  lexeme: string
  positions: number[]
}

/**
 * A token's occurrences so far and its positions, 256 occurrences to a list: list 0 is the token's lexeme,
 * list `b` its overflow lexeme `token~b`.
 */
interface Slot {
  count: number
  lists: number[][]
}

/** Positions of each lexeme of one vector, fields added in order with one empty position between them. */
class VectorBuilder {
  private readonly tokens = new Map<string, Slot>()
  maxBucket = 0
  private position = 0
  /** PostgreSQL's size of the vector, roughly: what decides whether positions are dropped. */
  private size = 0
  /** Some token is not ASCII (its UTF-8 must be measured and encoded)… */
  private nonAscii = false
  /** …or holds a code unit of U+D800 or above (UTF-16 order is then not UTF-8 byte order). */
  private wide = false

  add(text: string, weight: 'A' | 'D'): void {
    this.addTokens(indexTokens(text), weight)
  }

  addTokens(tokens: string[], weight: 'A' | 'D'): void {
    const bits = WEIGHT_BITS[weight]
    for (const token of tokens) {
      const position = ++this.position
      // a UTF-16 unit is at most 3 bytes of UTF-8: only long tokens need measuring
      if (token.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(token, 'utf8') > MAX_LEXEME_BYTES) continue
      this.size += 2
      let slot = this.tokens.get(token)
      if (!slot) {
        this.tokens.set(token, (slot = { count: 0, lists: [[]] }))
        this.size += token.length + 8
        for (let i = 0; i < token.length; i++) {
          const c = token.charCodeAt(i)
          if (c > 0x7f) this.nonAscii = true
          if (c >= 0xd800) this.wide = true
        }
      }
      // the 257th occurrence and on go to the overflow lexemes token~1, token~2, …
      const bucket = (slot.count++ / MAX_POSITIONS) | 0
      let list = slot.lists[bucket]
      if (!list) {
        slot.lists.push((list = []))
        if (bucket > this.maxBucket) this.maxBucket = bucket
        this.size += token.length + String(bucket).length + 9
      }
      // positions past 16,383 collapse onto it: one lexeme keeps each position once, the first weight seen
      const p = position < MAX_POSITION ? position : MAX_POSITION
      if (list.length === 0 || (list[list.length - 1] & MAX_POSITION) !== p) list.push(p | bits)
    }
    this.position++ // the gap before the next field
  }

  /** Lexemes in PostgreSQL's order (bytes of the UTF-8, a prefix first), as the server keeps them. */
  private entries(): Entry[] {
    // beyond PostgreSQL's size limit positions are dropped (words still match), and with them the overflow lexemes
    const strip = this.size > MAX_VECTOR_BYTES
    if (strip) this.maxBucket = 0
    if (!this.wide && (strip || this.maxBucket === 0)) {
      // one lexeme per token: sorting the tokens (default sort: UTF-16 order) is enough, and cheapest
      return [...this.tokens.keys()].sort().map((token) => ({ lexeme: token, positions: strip ? [] : this.tokens.get(token)!.lists[0] }))
    }
    const out: Entry[] = []
    for (const [token, slot] of this.tokens) {
      if (strip) {
        out.push({ lexeme: token, positions: [] })
        continue
      }
      slot.lists.forEach((positions, b) => out.push({ lexeme: b === 0 ? token : `${token}~${b}`, positions }))
    }
    if (this.wide) out.sort((a, b) => Buffer.compare(Buffer.from(a.lexeme), Buffer.from(b.lexeme)))
    else out.sort((a, b) => (a.lexeme < b.lexeme ? -1 : a.lexeme > b.lexeme ? 1 : 0))
    return out
  }

  /**
   * `tsvectorrecv`'s format: int32 number of lexemes; per lexeme its UTF-8, a NUL, uint16 number of
   * positions, and each position as uint16 (weight in the top two bits), all big-endian.
   */
  binary(): Buffer {
    const entries = this.entries()
    let size = 4
    for (const e of entries) size += (this.nonAscii ? Buffer.byteLength(e.lexeme, 'utf8') : e.lexeme.length) + 3 + 2 * e.positions.length
    // a buffer of its own (not a slice of Node's pool): posted from the parse worker, it copies only itself
    const out = Buffer.allocUnsafeSlow(size)
    out.writeInt32BE(entries.length, 0)
    let at = 4
    for (const { lexeme, positions } of entries) {
      if (this.nonAscii) at += out.write(lexeme, at, 'utf8')
      else for (let i = 0; i < lexeme.length; i++) out[at++] = lexeme.charCodeAt(i)
      out[at++] = 0
      out[at++] = positions.length >>> 8
      out[at++] = positions.length & 0xff
      for (const p of positions) {
        out[at++] = p >>> 8
        out[at++] = p & 0xff
      }
    }
    return out
  }

  /** tsvector input text of the same vector. */
  literal(): string {
    const weight = (p: number) => 'DCBA'[p >> 14].replace('D', '')
    return this.entries()
      .map((e) => (e.positions.length ? `'${e.lexeme}':${e.positions.map((p) => `${p & MAX_POSITION}${weight(p)}`).join(',')}` : `'${e.lexeme}'`))
      .join(' ')
  }
}

/**
 * The words of one portion (portion-level access, docs/search.md) in binary tsvector format, laid out as a
 * cable's `fts`: a subject portion at weight A, a body portion (a paragraph with its continuation lines) at
 * weight D, so `subject:`, phrases and NEAR read a portion as they read a cable. `maxBucket` as in
 * `cableVector`.
 *
 * @example
 *   portionVector('body', '1. (C) The talks resumed.').fts // read back as "'1':2 'c':3 'resumed':6 'talks':5 'the':4"
 */
export function portionVector(kind: PortionRecord['kind'], text: string): { fts: Buffer; maxBucket: number } {
  // a shown field value (`tag`, `caption`, `date`, `date-source`) is no text: an empty vector, so no word ever matches it
  if (isFieldPortion({ kind })) return { fts: new VectorBuilder().binary(), maxBucket: 0 }
  const b = kind === 'subject' ? cableMain(text, '') : cableMain(null, text)
  const fts = b.binary()
  return { fts, maxBucket: b.maxBucket }
}

/** A record's vectors as the writer stores a new cable's: computed ahead by the import's parse worker. */
export function preparePgIndex(r: CableRecord): PreparedIndex {
  const v = cableVector(r.subject, r.addressees.map((a) => a.name), r.text)
  return { engine: 'postgres', fts: v.fts, to: v.to, subject: subjectVector(r.subject), maxBucket: v.maxBucket }
}

/**
 * The subject alone in binary tsvector format (positions from 1, weight D): what `subject:` searches (archive-010
 * indexes it) and what orders ranked pages. Every token, with the overflow lexemes of `fts`, so it holds exactly
 * the subject's part of `fts` (weight A there, positions alike): `subject:` finds the cables it found by weight.
 */
export function subjectVector(subject: string | null): Buffer {
  const b = new VectorBuilder()
  b.add(subject ?? '', 'D')
  return b.binary()
}
