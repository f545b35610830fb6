import { LEVEL_RANK, RESTRICTIVE_CAVEATS, classificationLabel, type Level } from './classification.js'
import { markingParts } from './marking.js'

/** The classification of everything shown together: the highest level, every caveat, and its label. */
export interface ScreenClassification {
  level: Level
  /** Every caveat of any item, each once. */
  caveats: string[]
  /**
   * The label a banner shows: `classificationLabel` of the level and the restrictive caveats, then every other
   * caveat an item names (`FGI`), sorted, after a `/` — a banner never drops a caveat it was given.
   */
  label: string
}

/**
 * The classification of several texts on one screen or page (spec §7: the page is marked with the highest
 * classification of its contents and every caveat). Each item is a classification as the archive or the desk
 * gives it (`SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`, `CONFIDENTIAL//ORCON/NOFORN`) or null when
 * the item has none. No items at all is UNCLASSIFIED (the chrome itself).
 *
 * Fails closed: returns null when any item is null, or is a marking the format core cannot read (`SECRET//XYZZY`)
 * or that names no level — the screen may then hold anything, and the caller must say so.
 *
 * @example
 *   screenClassification(['CONFIDENTIAL', 'SECRET//NOFORN'])?.label          // 'SECRET//NOFORN'
 *   screenClassification(['CONFIDENTIAL//ORCON', 'SECRET//NOFORN'])?.label   // 'SECRET//ORCON/NOFORN'
 *   screenClassification(['SECRET', 'nonsense'])                             // null
 */
export function screenClassification(items: readonly (string | null)[]): ScreenClassification | null {
  let level: Level = 'UNCLASSIFIED'
  const caveats: string[] = []
  for (const item of items) {
    const parts = item === null ? null : markingParts(item.trim())
    if (!parts || !parts.level) return null
    if (LEVEL_RANK[parts.level] > LEVEL_RANK[level]) level = parts.level
    for (const c of parts.caveats) if (!caveats.includes(c)) caveats.push(c)
  }
  const restrictive: readonly string[] = RESTRICTIVE_CAVEATS
  const others = caveats.filter((c) => !restrictive.includes(c)).sort()
  const label = classificationLabel(level, caveats)
  return { level, caveats, label: others.length ? `${label}${label.includes('//') ? '/' : '//'}${others.join('/')}` : label }
}
