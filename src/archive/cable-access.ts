import type { Cable } from '../format/model.js'
import { caveatsOfCaption, LEVEL_RANK, parseClassification, parsePortionMark, publisherClassification, RESTRICTIVE_CAVEATS, type Level } from '../format/classification.js'

/** Rank given to a cable whose level nothing in it states: fail closed, only the highest clearance sees it. */
export const UNKNOWN_LEVEL_RANK = LEVEL_RANK['TOP SECRET']

const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

export interface CableAccess {
  level: number
  caveats: string[]
  /** Publisher-style label (`SECRET//NOFORN`), null when no level is stated anywhere. */
  classification: string | null
}

/**
 * Who may read a cable: its level is the highest of the overall classification, the container's
 * classification and every portion mark (a cable is never under its portions, spec §7 rule 1); its caveats
 * are the restrictive ones named by the classification, the captions and the portion marks (rule 4:
 * a NOFORN portion makes the whole cable NOFORN). SBU without a higher level comes from the SENSITIVE caption.
 *
 * @example
 *   cableAccess(parseCable(text)) // { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }
 */
export function cableAccess(cable: Cable, statedElsewhere: string | null = null): CableAccess {
  let rank = -1
  const caveats = new Set<string>()
  const raise = (level: Level, found: readonly string[]) => {
    rank = Math.max(rank, LEVEL_RANK[level])
    for (const c of found) if (RESTRICTIVE.includes(c)) caveats.add(c)
  }
  const stated = [cable.classification, cable.container?.metadata['classification'] ?? null, statedElsewhere]
  for (const value of stated) if (value && value.trim()) raise(parseClassification(value).level, parseClassification(value).caveats)
  for (const caption of cable.captions) {
    const c = caption.toUpperCase().replace(/\s+/g, ' ').trim()
    for (const caveat of caveatsOfCaption(c)) caveats.add(caveat)
    if ((c === 'SENSITIVE' || c === 'SENSITIVE BUT UNCLASSIFIED') && rank < LEVEL_RANK.SBU) rank = LEVEL_RANK.SBU
  }
  const marks = [cable.subjectMarking, ...cable.paragraphs.map((p) => p.marking)]
  for (const mark of marks) {
    const m = mark ? parsePortionMark(mark) : null
    if (m) raise(m.level, m.caveats)
  }
  const list = RESTRICTIVE.filter((c) => caveats.has(c))
  if (rank < 0) return { level: UNKNOWN_LEVEL_RANK, caveats: list, classification: null }
  const level = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === rank)!
  return { level: rank, caveats: list, classification: publisherClassification(level, list) }
}
