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

/**
 * The version of the rules the service layer files a text by (`cableAccess`, the source texts of a record, the merge
 * of several sources and versions above). Raise it with every change that may file a stored text otherwise (a mark
 * read where it was not, a caveat no longer lost): an archive whose stored filing was computed by older rules
 * (`FILING_SETTING` lower, or absent in an archive holding cables: version 0) is re-filed from its stored texts and
 * sources when it is opened, before anything is read from it (`refiledCable`), so no cable is served under stale
 * filing. 1: the fail-closed fixes of QA 14 round 8 (merged source filings, bracketless class words, header marks).
 * 2: those of round 9 (a mark split by a page break, controls on a letter-spaced class line, captions spelt with
 * separators, controls after a mark's bracket, a class line nobody reads demanded of every portion).
 * 3: those of round 10 (controls after the class word separated by blanks, `SECRET NF QUORIN`, and letter-spaced
 * after `//`; caption lines a letter or two off a caption, short forms spelt with separators, `N/F`, ORCON written
 * out, `HANDLE VIA COMINT CHANNELS ONLY`). 4: QA 10's marks (the restricting caveats recognised in a mark nobody can
 * read, `legibleCaveats`; a control after a mark's bracket and blanks, `(S) NF`, `(S)/ /NF`, and after the subject's
 * mark), landed after 3 was stamped. 5: those of issue 15's eighteenth mutation run (a caption line of controls
 * nobody reads, `TK` under the class line, demanded of every portion as such a class line is; a mark of separators
 * alone, `(//)`, a mark nobody can read). 6: a control after a mark is demanded at that mark's level, not the
 * overall level (`SUBJECT: (C) NODIS …` of a SECRET cable is a CONFIDENTIAL//NODIS portion): stored portions are cut again.
 * 7: QA 11's marks (a caveat after a mark's bracket in lower or mixed case, `(S) noforn`, `(S)//nf`; in a mark nobody
 * can read, a four-letter word one typing error off a caveat, `(S//ORCN)`, and a short form with a letter more, `(S//XNF)`).
 * 8: QA 11 F1's caption lines (a near miss of a caption of several words, word by word: `ORIGINATOR CONTROLED`; a
 * letter-spaced near miss, `E X D I Z`; handling written out over several caption lines, `HANDLE VIA` / `COMINT
 * CHANNELS ONLY`, and a `HANDLE VIA` never completed, held at the highest level).
 * 9: a rendering given a filing lower than its text still demands the caveats a mark nobody can read names
 * (`SUBJECT: (SNF) …`: NOFORN), so stored portions are cut again.
 * 10: QA 14 round 11 F1: a release to the United States alone (`REL TO USA ONLY`, `REL USA`, `RELEASABLE TO USA ONLY`)
 * demands NOFORN, as a caption line, in a portion mark and on the class line; a class line joining a REL TO list
 * (`SECRET//REL TO USA, GBR QUORIN 000801`) is read as one (it stated no level before).
 * 11: caption lines after the SUBJECT, E.O. and TAGS lines, which the parser takes for no caption line, are read as
 * the caption block is (`headerCaptionBlocks`): a near miss (`NOFRN`) demands its caption, a line of controls nobody
 * reads (`TK`, `HANDLE VIA COMINT CHANNELS ONLY`) holds the cable at the highest level (issue 15, nineteenth run).
 */
export const FILING_RULES = 11

/** Name of the setting in `archive_settings` holding the filing rules version the stored filings were computed by. */
export const FILING_SETTING = 'filing-rules'

/**
 * The filing rules version an archive's stored setting states: the number written, or, with none written, 0 when it
 * holds cables (filed by a version of Cablegram that kept no such setting) and `FILING_RULES` when it holds none
 * (nothing is filed in it yet). A value that is no whole number counts as 0 (re-filed: fail closed).
 */
export function storedFilingRules(value: string | null | undefined, holdsCables: boolean): number {
  if (value === null || value === undefined) return holdsCables ? 0 : FILING_RULES
  return /^\d{1,9}$/.test(value) ? Number(value) : 0
}

/** One source of a stored text as re-filing reads it: how it was rendered and its publisher's fields. */
export interface FilingSource {
  rendering: string
  metadata: Record<string, string>
}

/**
 * How the service layer files one text as one of its sources gives it (its text read with that source's publisher
 * fields: `sourceFiling` in src/archive/cable-record.ts, the rule an import files by). Registered once by the service
 * layer (`registerSourceFiling`); the store computes none itself.
 */
export type SourceFiling = (text: string, source: FilingSource) => Filing

let sourceFilingRule: SourceFiling | null = null

/** Registers how the service layer files a text (called when src/archive/cable-record.ts loads). */
export function registerSourceFiling(rule: SourceFiling): void {
  sourceFilingRule = rule
}

/** The registered filing rule; null when no service layer registered one (an archive then cannot be re-filed). */
export function registeredSourceFiling(): SourceFiling | null {
  return sourceFilingRule
}

/** A stored cable as re-filing reads it: its stored filing and each of its texts with the sources of that text. */
export interface StoredFiling {
  filing: Filing
  /** One entry per version (`version` its number, `filing` what its row stores); one with `version` null for a cable with a single text. */
  texts: { version: number | null; filing: Filing | null; text: string; sources: FilingSource[] }[]
}

/**
 * A stored cable re-filed by the current rules (`file`): each text under what every source of it states
 * (`mergeSourceFilings` of `file` for each source; a text no source names is filed as a plain text), never below what
 * is stored for it (`versionsFiling` with the stored filing: a stored filing may rest on what a text shows only inside
 * its container, an HTML page's hidden text; fail closed), and the cable under all its texts (`versionsFiling`).
 * Null when nothing changes; else the cable's filing and the versions whose filing changes.
 *
 * @example
 *   refiledCable({ filing: { level: 2, caveats: [], classification: 'CONFIDENTIAL' }, texts: [{ version: null, filing: null, text, sources }] }, sourceFiling)
 *   // { cable: { level: 3, caveats: ['NOFORN'], classification: 'SECRET//NOFORN' }, versions: [] }
 */
export function refiledCable(stored: StoredFiling, file: SourceFiling): { cable: Filing; versions: { version: number; filing: Filing }[] } | null {
  const texts = stored.texts.map((t) => {
    const sources = t.sources.length ? t.sources : [{ rendering: 'text', metadata: {} }]
    const computed = sources.map((s) => file(t.text, s)).reduce(mergeSourceFilings)
    const before = t.filing ?? stored.filing
    return { version: t.version, before, filing: versionsFiling([before, computed]) }
  })
  const cable = versionsFiling([stored.filing, ...texts.map((t) => t.filing)])
  const versions = texts.flatMap((t) => (t.version !== null && !sameFiling(t.filing, t.before) ? [{ version: t.version, filing: t.filing }] : []))
  return sameFiling(cable, stored.filing) && versions.length === 0 ? null : { cable, versions }
}
