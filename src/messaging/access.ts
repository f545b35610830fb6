import type { Cable } from '../format/model.js'
import { cableAccess } from '../archive/cable-access.js'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS, type Level } from '../format/classification.js'
import type { Marking, ReaderAccess, User } from './types.js'


/** The caveats a reader can be read into (spec §7; the archive's restrictive set). */
export const KNOWN_CAVEATS: readonly string[] = RESTRICTIVE_CAVEATS

export const LEVEL_NAMES: readonly Level[] = ['UNCLASSIFIED', 'SBU', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET']

/** Level rank from a name users type (`secret`, `TS`, `sbu`); null when it names no level. */
export function levelRank(name: string): number | null {
  const n = name.trim().toUpperCase()
  const alias: Record<string, Level> = { U: 'UNCLASSIFIED', UNCLAS: 'UNCLASSIFIED', C: 'CONFIDENTIAL', S: 'SECRET', TS: 'TOP SECRET', LOU: 'SBU', FOUO: 'SBU' }
  const level = (alias[n] ?? n) as Level
  return level in LEVEL_RANK ? LEVEL_RANK[level] : null
}


/**
 * What a cable demands of its reader: the archive's own derivation (highest of classification, captions
 * and every portion mark; caveats from all three; an unstated level fails closed at TOP SECRET), so
 * messaging and archive can never disagree about one cable.
 */
export function markingOf(cable: Cable): Marking {
  const a = cableAccess(cable)
  return { level: a.level, caveats: [...a.caveats].sort() }
}

/** A user's access; an inactive user holds none beyond unclassified. */
export function accessOf(user: Pick<User, 'clearance' | 'caveats' | 'active'>): ReaderAccess {
  return user.active ? { level: user.clearance, caveats: [...user.caveats].sort() } : { level: -1, caveats: [] }
}

/**
 * THE access rule: a reader sees a cable only if cleared for its level and read into every caveat on it.
 * Every path that shows any part of a cable (inbox, read, search, snippets, counts, references, exports)
 * decides with this function or with the equivalent SQL filter built from the same `ReaderAccess`.
 *
 * @example
 *   canRead({ level: 3, caveats: [] }, { level: 3, caveats: ['NOFORN'] }) // false
 */
export function canRead(access: ReaderAccess, marking: Marking): boolean {
  if (access.level < marking.level) return false
  return marking.caveats.every((c) => access.caveats.includes(c))
}

/** Names a marking for messages and audit detail: `SECRET//NOFORN`. */
export function describeMarking(marking: Marking): string {
  const name = LEVEL_NAMES[marking.level] ?? `level ${marking.level}`
  return [name, ...marking.caveats].join('//')
}
