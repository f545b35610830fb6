import type { PrecedenceWord } from './model.js'

/** Precedence words from highest to lowest (spec §8). */
export const PRECEDENCE_ORDER: readonly PrecedenceWord[] = ['FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE']

/** Rank 1 (FLASH) … 5 (ROUTINE), as in data/precedence.tsv. */
export function precedenceRank(p: PrecedenceWord): number {
  return PRECEDENCE_ORDER.indexOf(p) + 1
}

export function highestPrecedence(words: Iterable<PrecedenceWord | null>): PrecedenceWord | null {
  let best: PrecedenceWord | null = null
  for (const w of words) if (w && (best === null || precedenceRank(w) < precedenceRank(best))) best = w
  return best
}

/** FL5 prosign letter ↔ precedence word. NIACT has no prosign of its own: it travels as O. */
export function precedenceOfProsign(letter: string): PrecedenceWord | null {
  switch (letter) {
    case 'Z':
      return 'FLASH'
    case 'O':
      return 'IMMEDIATE'
    case 'P':
      return 'PRIORITY'
    case 'R':
      return 'ROUTINE'
    default:
      return null
  }
}

export function prosignOf(p: PrecedenceWord): string {
  return p === 'FLASH' ? 'Z' : p === 'PRIORITY' ? 'P' : p === 'ROUTINE' ? 'R' : 'O'
}

/** Precedence words as written in addressee lines, misspellings seen in archives included (spec §10). */
export const PRECEDENCE_WORD =
  /\s(FLASH|NIACT\s+IMMED\w*|IMMEDIATE|IMMEDIAT|IMMEDAITE|IMMEIDATE|PRIORITY|PRIOITY|PIORITY|PRIORTY|PRORITY|ROUTINE|ROUTNE|ROUITNE)(?=\s|$)/i

/** Normalises a precedence word as written; `misspelled` tells whether it was repaired. */
export function normalizePrecedence(word: string): { word: PrecedenceWord; misspelled: boolean } {
  const w = word.toUpperCase().replace(/\s+/g, ' ')
  if (w.startsWith('NIACT')) return { word: 'NIACT IMMEDIATE', misspelled: w !== 'NIACT IMMEDIATE' }
  if (w.startsWith('F')) return { word: 'FLASH', misspelled: w !== 'FLASH' }
  if (w.startsWith('I')) return { word: 'IMMEDIATE', misspelled: w !== 'IMMEDIATE' }
  if (w.startsWith('P')) return { word: 'PRIORITY', misspelled: w !== 'PRIORITY' }
  return { word: 'ROUTINE', misspelled: w !== 'ROUTINE' }
}
