import type { Cable } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import { filingColumns, filingOfColumns, mergeSourceFilings, versionsFiling, type Filing } from './filing.js'
import { packText, textSha256, unpackText } from './pack-text.js'
import { versionPortions } from './portion-access.js'
import type { CableRecord, CableVersion, SourceRecord, VersionSection } from './store.js'
import { compareShown, compareVersions, contentSha256, withheldRuns, type VersionColumns, type VersionRank } from './version-identity.js'

/**
 * The parts model (QA 14 F6, docs/research.md "Sections"): a telegram sent in sections (`SECTION 02 OF 03` on the
 * class line, spec §5.2) reaches an archive as one record per section. Such records are **sections of one version**,
 * not versions: the cable's text is its sections in order (a missing one stated as missing), every section's words are
 * found, a phrase never runs from one section into the next, and the cable is filed at the highest level and every
 * caveat any section (and any source of it) states. A different text of a section already stored (a redacted and an
 * unredacted copy of SECTION 02) is a version difference. Engines share these rules, so a SQLite and a PostgreSQL
 * archive assemble the same texts from the same records, in any import order.
 */

/** Which section of a sectioned telegram a text is: `number` of `of` (both from 1). */
export interface TelegramSection {
  number: number
  of: number
}

/** A page or section header inside a text (`VELDORA 00000452 002 OF 003`): the section it opens. */
const PAGE_SECTION = /\b0*(\d{1,3})(?:\.\d+)?\s+OF\s+0*(\d{1,3})\b/i

/**
 * The section a parsed text is, when it is one section alone of a telegram sent in several: its class line says
 * `SECTION n OF m` with 1 ≤ n ≤ m and m > 1 (spec §5.2, the parser's `classLine` block), and no page header inside it
 * opens another section (a text holding every section, as Cablegate publishes them, is the whole telegram). Null for
 * any other text.
 *
 * @example
 *   sectionOf(parseCable('…\nS E C R E T SECTION 02 OF 03 VELDORA 000452\n…')) // { number: 2, of: 3 }
 */
export function sectionOf(cable: Pick<Cable, 'body'>): TelegramSection | null {
  const line = cable.body.find((b) => b.type === 'classLine')
  if (!line || line.type !== 'classLine' || !line.section) return null
  const number = Number.parseInt(line.section.number, 10)
  const of = Number.parseInt(line.section.of, 10)
  if (!(of > 1 && number >= 1 && number <= of)) return null
  for (const b of cable.body) {
    if (b.type !== 'pageHeader') continue
    const m = PAGE_SECTION.exec(b.text)
    // a repeated class line of another section (`SECTION 02 OF 03`) or a page header `002 OF 003`
    const other = /SECTION\s+0*(\d{1,2})\s+OF/i.exec(b.text)?.[1] ?? m?.[1]
    if (other !== undefined && Number.parseInt(other, 10) !== number) return null
  }
  return { number, of }
}

/** `sectionOf` a text as the parser reads it. */
export function sectionOfText(text: string): TelegramSection | null {
  return sectionOf(parseCable(text))
}

/**
 * One stored text of a cable kept in the parts model: a section (`section` ≥ 1 of `of`) or, beside sections, a text
 * that is no section (`section` 0: the whole telegram, its own version). `content` is its `contentSha256` (what makes
 * two copies one text), `textSha256` that of the copy kept (`betterCopy`), `filing` the highest every source of it
 * states, `firstSeen` the import that first saw it.
 */
export interface PartText {
  section: number
  of: number
  content: string
  textSha256: string
  errorCount: number
  withheldRuns: number
  textBytes: number
  filing: Filing
  firstSeen: string
  text: string
}

/** The columns a `cable_parts` row stores of a part, as both engines name them (`text` deflated). */
export interface PartColumns extends VersionColumns {
  section: number
  sections: number
  first_seen: string
  text: Uint8Array
}

/** A stored part as the rules read it. */
export function partOfColumns(p: PartColumns): PartText {
  return {
    section: p.section,
    of: p.sections,
    content: p.content_sha256,
    textSha256: p.text_sha256,
    errorCount: p.error_count,
    withheldRuns: p.withheld_runs,
    textBytes: p.text_bytes,
    filing: filingOfColumns(p),
    firstSeen: p.first_seen,
    text: unpackText(p.text),
  }
}

/** The `cable_parts` columns of a part. */
export function partColumns(p: PartText): PartColumns {
  return {
    section: p.section,
    sections: p.of,
    content_sha256: p.content,
    text_sha256: p.textSha256,
    ...filingColumns(p.filing),
    error_count: p.errorCount,
    withheld_runs: p.withheldRuns,
    text_bytes: p.textBytes,
    first_seen: p.firstSeen,
    text: packText(p.text),
  }
}

/**
 * The versions of a cable kept in parts as `Store.versions` gives them (numbered as `partsVersions` orders them, the
 * one shown `current`): each with its text, filing, rank and sections, every section with its text, filing and
 * `sourcesOf` its part (the sources that carried that text; a text in several versions lists them in each).
 */
export function versionsOfParts(parts: readonly PartText[], sourcesOf: (content: string) => SourceRecord[]): CableVersion[] {
  const versions = partsVersions(parts)
  const shown = shownPartsVersion(versions)
  return versions.map((v, i) => {
    const sections: VersionSection[] | undefined =
      v.of === 0
        ? undefined
        : Array.from({ length: v.of }, (_, k): VersionSection => {
            const p = v.parts.find((x) => x.section === k + 1)
            if (!p) return { section: k + 1, of: v.of, missing: true, textSha256: '', classification: null, level: 0, caveats: [], errorCount: 0, firstSeen: '', sources: [], text: '' }
            return { section: k + 1, of: v.of, missing: false, textSha256: p.textSha256, ...p.filing, errorCount: p.errorCount, firstSeen: p.firstSeen, sources: sourcesOf(p.content), text: p.text }
          })
    const sources = [...new Map(v.parts.flatMap((p) => sourcesOf(p.content)).map((x) => [`${x.locator}\u0000${x.sha256}`, x])).values()]
    return {
      version: i + 1,
      current: v === shown,
      textSha256: v.textSha256,
      ...v.filing,
      // its parts' parse errors (the rank counts a missing section as one too)
      errorCount: v.rank.errorCount - v.missing.length,
      withheldRuns: v.rank.withheldRuns,
      firstSeen: v.firstSeen,
      sources,
      text: v.text,
      ...(sections ? { sections } : {}),
    }
  })
}

/** The part a record's text is (`section` from `CableRecord.section`; 0 when it is no section). */
export function partOfRecord(r: CableRecord, sha: string): PartText {
  return {
    section: r.section?.number ?? 0,
    of: r.section?.of ?? 0,
    content: contentSha256(r.text),
    textSha256: sha,
    errorCount: r.errorCount,
    withheldRuns: withheldRuns(r.text),
    textBytes: Buffer.byteLength(r.text, 'utf8'),
    filing: { level: r.level, caveats: r.caveats, classification: r.classification },
    firstSeen: r.source.importedAt,
    text: r.text,
  }
}

/** A stored text (a version of a cable stored before it had parts) as a part: its section read from the text. */
export function partOfText(text: string, filing: Filing, errorCount: number, firstSeen: string): PartText {
  const s = sectionOfText(text)
  return {
    section: s?.number ?? 0,
    of: s?.of ?? 0,
    content: contentSha256(text),
    textSha256: textSha256(text),
    errorCount,
    withheldRuns: withheldRuns(text),
    textBytes: Buffer.byteLength(text, 'utf8'),
    filing,
    firstSeen,
    text,
  }
}

/**
 * Whether a cable's texts are kept in parts (sections of versions) rather than as versions: when it has two texts or
 * more and one of them is surely a section alone, a section after the first (`SECTION 02 OF 03`). A text whose class
 * line says `SECTION 01 OF 03` may be the first section alone or the whole telegram with its section breaks lost (over
 * 1,000 of the 2,454 dev-corpus texts saying `SECTION nn OF` are whole telegrams with no page header left), so such
 * texts alone stay versions of each other, as before; beside a later section each is its first section.
 */
export function keptInParts(parts: readonly PartText[]): boolean {
  return parts.length > 1 && parts.some((p) => p.section >= 2)
}

/** What adding a text did: a cable's first, a section it lacked, another text of a section (a version), a better copy, nothing. */
export type PartChange = 'new' | 'new-section' | 'new-version' | 'replaced' | 'unchanged'

/**
 * `parts` with `p` added: a copy of a text already kept (same section, same `content`) is kept instead only when it is
 * the better copy (fewer parse errors, then the lower SHA-256: `betterCopy`), and either way the text is filed under
 * what every source of it states and first seen at the earliest; any other text is a part of its own. Commutative in
 * its outcome, so the parts never depend on import order.
 */
export function addPart(parts: readonly PartText[], p: PartText): { parts: PartText[]; change: PartChange } {
  const same = parts.find((x) => x.section === p.section && x.content === p.content)
  if (same) {
    const better = p.errorCount < same.errorCount || (p.errorCount === same.errorCount && p.textSha256 < same.textSha256)
    const kept = better ? p : same
    const merged: PartText = { ...kept, filing: mergeSourceFilings(same.filing, p.filing), firstSeen: same.firstSeen < p.firstSeen ? same.firstSeen : p.firstSeen }
    return { parts: parts.map((x) => (x === same ? merged : x)), change: better ? 'replaced' : 'unchanged' }
  }
  const change: PartChange = parts.length === 0 ? 'new' : p.section > 0 && !parts.some((x) => x.section === p.section) ? 'new-section' : 'new-version'
  return { parts: [...parts, p], change }
}

/** The line that stands for a section the archive holds no text of, in a version's text. */
export function missingSectionLine(section: number, of: number): string {
  return `[SECTION ${section} OF ${of} OF THIS TELEGRAM IS NOT IN THE ARCHIVE]`
}

/** One version of a cable kept in parts: its text (sections assembled), rank, filing and the parts it is made of. */
export interface PartsVersion {
  text: string
  textSha256: string
  contentSha256: string
  rank: VersionRank
  filing: Filing
  firstSeen: string
  /** Its parts in section order (a whole text: one, section 0); `missing` the sections it has no text of. */
  parts: PartText[]
  missing: number[]
  of: number
}

/** Orders parts best first (`compareVersions` on each part's own rank). */
function bestPart(a: PartText, b: PartText): number {
  return compareVersions(
    { errorCount: a.errorCount, withheldRuns: a.withheldRuns, textBytes: a.textBytes, contentSha256: a.content },
    { errorCount: b.errorCount, withheldRuns: b.withheldRuns, textBytes: b.textBytes, contentSha256: b.content },
  )
}

/**
 * A version's text: its sections in order, one blank line between them, a section it has no text of stated by
 * `missingSectionLine` where it would stand (never silently joined).
 */
export function assembleSections(sections: readonly (PartText | null)[], of: number): string {
  return sections
    .map((p, i) => (p ? p.text.replace(/\s+$/, '') : missingSectionLine(i + 1, of)))
    .join('\n\n') + '\n'
}

/**
 * The versions of a cable kept in parts, in the order they are numbered (`compareVersionNumbers`: the one ranked last
 * first, the one shown last; never import order). Sections: one version holds the best text of every section
 * (`compareVersions` per section), and each other text of a section makes one version more, the best texts of the
 * other sections around it (a redacted and an unredacted copy of SECTION 02: two versions, alike but there). A text
 * that is no section (section 0, the whole telegram) is a version of its own. A function of the set of parts alone,
 * so the versions, their texts and their hashes never depend on import order. Each version is filed under the
 * highest any of its parts states (fail closed).
 */
export function partsVersions(stored: readonly PartText[]): PartsVersion[] {
  const parts = wholeTelegrams(stored)
  const sections = parts.filter((p) => p.section > 0)
  const out: PartsVersion[] = []
  if (sections.length) {
    const of = Math.max(...sections.map((p) => Math.max(p.of, p.section)))
    const bySection = new Map<number, PartText[]>()
    for (const p of sections) bySection.set(p.section, [...(bySection.get(p.section) ?? []), p])
    for (const list of bySection.values()) list.sort(bestPart)
    const base = Array.from({ length: of }, (_, i) => bySection.get(i + 1)?.[0] ?? null)
    out.push(assembled(base, of))
    for (const [n, list] of bySection) {
      for (const other of list.slice(1)) out.push(assembled(base.map((p, i) => (i + 1 === n ? other : p)), of))
    }
  }
  for (const whole of parts.filter((p) => p.section === 0)) out.push(assembled([whole], 0))
  // numbered by rank (docs/research.md, "Version numbers"), never by when the archive first saw a text
  return out.sort((a, b) => shownFirst(b, a))
}

/**
 * Orders versions of a cable kept in parts best first, totally: `compareShown`, then (a whole telegram whose text is
 * its sections assembled byte for byte) the whole text before the sections.
 */
function shownFirst(a: PartsVersion, b: PartsVersion): number {
  return compareShown({ ...a.rank, textSha256: a.textSha256 }, { ...b.rank, textSha256: b.textSha256 }) || a.of - b.of
}

/** A part's numbered paragraphs: number → its words (lower case, letters and digits). */
function numberedParagraphs(p: PartText): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>()
  for (const b of parseCable(p.text).body) {
    if (b.type === 'para' && b.number > 0) out.set(b.number, new Set(b.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))
  }
  return out
}

/** Whether paragraph words `a` and `b` are one paragraph (a redacted and an unredacted copy of it): half the words of the shorter shared. */
function sameParagraph(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  if (small.size === 0) return false
  let shared = 0
  for (const w of small) if (large.has(w)) shared++
  return shared * 2 >= small.size
}

/**
 * The parts with every text that says it is one section but holds another whole (QA 14 F6: a whole telegram whose
 * section breaks were lost, its class line saying `SECTION 01 OF 03`) read as the whole telegram (section 0, a version
 * of its own): every numbered paragraph of a text of another section is in it, by number and words (a redacted copy
 * of the paragraph too), and it has a numbered paragraph that text lacks. Taken as its section, its later sections'
 * paragraphs would be shown twice, once in it and once in their own texts. A function of the set of parts alone.
 */
export function wholeTelegrams(parts: readonly PartText[]): PartText[] {
  const sections = parts.filter((p) => p.section > 0)
  if (sections.length < 2) return [...parts]
  const paragraphs = new Map(sections.map((p) => [p, numberedParagraphs(p)]))
  const holds = (p: PartText, q: PartText): boolean => {
    const mine = paragraphs.get(p)!
    const theirs = paragraphs.get(q)!
    if (theirs.size === 0 || mine.size <= theirs.size) return false
    for (const [n, words] of theirs) {
      const own = mine.get(n)
      if (!own || !sameParagraph(own, words)) return false
    }
    return true
  }
  return parts.map((p) => (p.section > 0 && sections.some((q) => q.section !== p.section && holds(p, q)) ? { ...p, section: 0, of: 0 } : p))
}

function assembled(list: (PartText | null)[], of: number): PartsVersion {
  const present = list.filter((p): p is PartText => p !== null)
  const missing = list.flatMap((p, i) => (p ? [] : [i + 1]))
  const text = of === 0 ? present[0].text : assembleSections(list, of)
  const contentSha = of === 0 ? present[0].content : contentSha256(text)
  return {
    text,
    textSha256: of === 0 ? present[0].textSha256 : textSha256(text),
    contentSha256: contentSha,
    // a missing section counts as a parse error: a whole text, or a version with all its sections, is shown first
    rank: {
      errorCount: present.reduce((n, p) => n + p.errorCount, 0) + missing.length,
      withheldRuns: present.reduce((n, p) => n + p.withheldRuns, 0),
      textBytes: Buffer.byteLength(text, 'utf8'),
      contentSha256: contentSha,
    },
    filing: present.map((p) => p.filing).reduce(mergeSourceFilings),
    firstSeen: present.map((p) => p.firstSeen).sort().at(-1)!,
    parts: present,
    missing,
    of,
  }
}

/** The version shown of a cable kept in parts: the best (`compareVersions`: fewer errors and missing sections first). */
export function shownPartsVersion(versions: readonly PartsVersion[]): PartsVersion {
  return [...versions].sort(shownFirst)[0]
}

/**
 * What the index holds of a cable kept in parts: every part's text once, in section order, separated so that a phrase
 * never runs from one section (or version) into the next (`separator`, the engine's version separator).
 */
export function partsIndexText(parts: readonly PartText[], separator: string): string {
  return [...parts].sort((a, b) => a.section - b.section || (a.content < b.content ? -1 : a.content > b.content ? 1 : 0)).map((p) => p.text).join(separator)
}

/**
 * How the service layer makes the record of a text (`toCableRecord` of its parse, src/archive/cable-record.ts,
 * registered when that module loads): the store assembles a cable's sections but reads no field itself.
 */
export type TextRecord = (text: string, source: SourceRecord) => CableRecord

let textRecord: TextRecord | null = null

/** Registers how the service layer reads a text into a record (called when src/archive/cable-record.ts loads). */
export function registerTextRecord(rule: TextRecord): void {
  textRecord = rule
}

/**
 * The record of a stored text as the service layer reads it (`toCableRecord` of its parse, registered by
 * src/archive/cable-record.ts), under key `key`: how an engine shows a version whose text it kept in a version row
 * when a write makes a version kept in a version row the one shown (`shownRow`, src/store/version-numbers.ts: its text read as an import reads it, with its earliest stored source, so what the container states outside the text counts as it did). Throws when no service layer registered how to read a text.
 */
export function recordOfText(key: string, text: string, source: SourceRecord): CableRecord {
  if (!textRecord) throw new Error('no service layer registered how to read a text (src/archive/cable-record.ts)')
  return { ...textRecord(text, source), key, source }
}

/**
 * The record an engine shows for a cable kept in parts: the shown version's assembled text read by the service layer,
 * under key `key`, filed under `filing` (the highest of every version and source, fail closed) and what the assembled
 * text itself states, its portions (portion-level access) cut under that filing from the shown text and, when there are several, as every version
 * renders alike (`versionPortions`). Throws when no service layer registered how to read a text.
 */
export function partsRecord(key: string, shown: PartsVersion, others: readonly PartsVersion[], filing: Filing, source: SourceRecord): CableRecord {
  if (!textRecord) throw new Error('no service layer registered how to read a text (src/archive/cable-record.ts)')
  const r = textRecord(shown.text, source)
  // the assembled text as read may state more than its sections alone (fail closed)
  const filed = versionsFiling([filing, { level: r.level, caveats: r.caveats, classification: r.classification }])
  const portions = versionPortions({
    key,
    level: filed.level,
    caveats: filed.caveats,
    text: shown.text,
    tags: r.tags,
    captions: r.captions,
    date: r.date,
    dateSource: r.dateSource,
    ...(others.length ? { versions: others.map((v) => v.text) } : {}),
  })
  return { ...r, key, level: filed.level, caveats: filed.caveats, classification: filed.classification, portions, source }
}

/** The filing of a cable kept in parts: every version's (`versionsFiling`), never below `floor` (what was stored). */
export function partsFiling(versions: readonly PartsVersion[], floor: Filing | null): Filing {
  return versionsFiling([...versions.map((v) => v.filing), ...(floor ? [floor] : [])])
}
