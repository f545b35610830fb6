import type { PrecedenceWord } from '../format/model.js'
import { highestPrecedence, PRECEDENCE_ORDER, precedenceRank } from '../format/precedence.js'

export { prosignOf, precedenceRank } from '../format/precedence.js'

/** Queue rank of each precedence: lower is delivered first (FLASH 1 … ROUTINE 5, spec §8). */
export const PRECEDENCE_RANK: Readonly<Record<PrecedenceWord, number>> = Object.fromEntries(
  PRECEDENCE_ORDER.map((p) => [p, precedenceRank(p)]),
) as Record<PrecedenceWord, number>

export const PRECEDENCE_WORDS: readonly PrecedenceWord[] = PRECEDENCE_ORDER

/** Parses a precedence as a user types it (`flash`, `niact immediate`, `niact`); null when unknown. */
export function parsePrecedence(text: string): PrecedenceWord | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, ' ')
  const word = t === 'NIACT' ? 'NIACT IMMEDIATE' : t
  return (PRECEDENCE_ORDER as readonly string[]).includes(word) ? (word as PrecedenceWord) : null
}

/** The higher (more urgent) of two precedences (the one rule of format/precedence.ts: two words of one rank are one word). */
export function higherPrecedence(a: PrecedenceWord, b: PrecedenceWord): PrecedenceWord {
  return highestPrecedence([a, b])!
}
