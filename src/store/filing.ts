import { classificationLabel, LEVEL_RANK, RESTRICTIVE_CAVEATS, UNREADABLE_MARKING_LABEL, type Level } from '../format/classification.js'

/**
 * How a stored cable (or one of its versions) is filed: `level` (clearance rank, UNCLASSIFIED 0 … TOP SECRET 4),
 * the caveats a reader must hold, and the label lists and facets show (`classificationLabel`; null when nothing
 * states a level, the cable then filed at TOP SECRET; `UNREADABLE_MARKING_LABEL` when a marking cannot be read).
 */
export interface Filing {
  level: number
  caveats: string[]
  classification: string | null
}

/** Caveats in one order whatever order they were met in: the restrictive ones as labels write them, any other after, sorted. */
function canonicalCaveats(caveats: Iterable<string>): string[] {
  const set = new Set(caveats)
  const known: readonly string[] = RESTRICTIVE_CAVEATS
  return [...known.filter((c) => set.has(c)), ...[...set].filter((c) => !known.includes(c)).sort()]
}

/** The label of a stated level with these caveats (`classificationLabel`). */
function labelOf(level: number, caveats: readonly string[]): string {
  const name = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === level)
  if (name === undefined) throw new RangeError(`filing level ${level} is not a clearance rank`)
  return classificationLabel(name, caveats)
}

/**
 * The filing of one text from the filings its sources give it (each read by the service layer from the text and
 * that source's publisher fields: a cables.csv `classification` column, a History Lab `orighand`, a Cablegate
 * page's classification cell). Access fails closed (docs/research.md): the highest level any source states and
 * every caveat any names. A source that states no level (null label: only the fail-closed TOP SECRET of an
 * unstated level) adds its caveats, not a level, when another source states one, as the text read with that
 * source's fields alone is filed; a marking one of them cannot read files the text TOP SECRET (marking not
 * understood). Commutative and associative, so the stored filing never depends on the order sources arrive
 * (QA 14r8 F5).
 *
 * @example
 *   mergeSourceFilings({ level: 3, caveats: [], classification: 'SECRET' }, { level: 4, caveats: ['NOFORN'], classification: 'TOP SECRET//NOFORN' })
 *   // { level: 4, caveats: ['NOFORN'], classification: 'TOP SECRET//NOFORN' }
 */
export function mergeSourceFilings(a: Filing, b: Filing): Filing {
  const caveats = canonicalCaveats([...a.caveats, ...b.caveats])
  if (a.classification === UNREADABLE_MARKING_LABEL || b.classification === UNREADABLE_MARKING_LABEL) {
    return { level: Math.max(a.level, b.level), caveats, classification: UNREADABLE_MARKING_LABEL }
  }
  const stated = [a, b].filter((f) => f.classification !== null)
  if (stated.length === 0) return { level: Math.max(a.level, b.level), caveats, classification: null }
  const level = Math.max(...stated.map((f) => f.level))
  return { level, caveats, classification: labelOf(level, caveats) }
}

/**
 * The filing of a cable with several texts (versions): the highest level of any of them (a text whose level nothing
 * states counts as TOP SECRET: fail closed) and every caveat of each; the label is that of the highest (a version
 * not understood or stating nothing at that level lends its label), written with every caveat. Independent of the
 * versions' order.
 *
 * @example
 *   versionsFiling([{ level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }, { level: 3, caveats: [], classification: 'SECRET' }])
 *   // { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }
 */
export function versionsFiling(versions: readonly Filing[]): Filing {
  if (versions.length === 0) throw new RangeError('a cable has at least one text')
  const level = Math.max(...versions.map((v) => v.level))
  const caveats = canonicalCaveats(versions.flatMap((v) => v.caveats))
  const top = versions.filter((v) => v.level === level)
  if (top.some((v) => v.classification === UNREADABLE_MARKING_LABEL)) return { level, caveats, classification: UNREADABLE_MARKING_LABEL }
  if (top.every((v) => v.classification === null)) return { level, caveats, classification: null }
  return { level, caveats, classification: labelOf(level, caveats) }
}

/** Whether two filings are the same (caveats in any order). */
export function sameFiling(a: Filing, b: Filing): boolean {
  return a.level === b.level && a.classification === b.classification && canonicalCaveats(a.caveats).join(' ') === canonicalCaveats(b.caveats).join(' ')
}

/** The filing a `cable_versions` row stores (caveats space-joined there). */
export function filingOfColumns(v: { level: number; caveats: string; classification: string | null }): Filing {
  return { level: v.level, caveats: v.caveats === '' ? [] : v.caveats.split(' '), classification: v.classification }
}

/** The `cable_versions` columns of a filing. */
export function filingColumns(f: Filing): { level: number; caveats: string; classification: string | null } {
  return { level: f.level, caveats: f.caveats.join(' '), classification: f.classification }
}
