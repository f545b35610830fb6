import { parseRecordText } from '../format/parse.js'
import { versionsFiling } from '../store/filing.js'
import type { Access, SourceRecord } from '../store/store.js'
import { cableAccess, type CableAccess } from './cable-access.js'
import { cfpfTextKeys } from './import/cfpf-columns.js'

/**
 * What a reader below a source's text column is shown in its place (`shownSources`): the same words whatever the
 * column holds, so the note depends on nothing withheld.
 */
export const SOURCE_TEXT_WITHHELD = '[Text withheld: a text of this cable kept by its publisher, shown only to readers who may read all of it]'

/**
 * The access the text columns of a source's metadata demand (`cfpfTextKeys`: History Lab `raw_body`, AAD
 * `Telegram Text` beside `Message Text`), each read as the record's own text is filed (`parseRecordText` with the
 * record's columns, then `cableAccess` with its classification column): the highest level and every caveat any of
 * them states; null when the metadata holds no text column. A text column is a text of the cable (docs/archive.md,
 * "CFPF exports"): its class line and portion marks count as the text's do (QA 14 round 8, F8).
 *
 * @example
 *   sourceTextAccess({ shape: 'history-lab', classification: 'CONFIDENTIAL', raw_body: 'SECRET QUORIN 0701\n\n1. (S) x\n' })
 *   // { level: 3, caveats: [], classification: 'SECRET' }
 */
export function sourceTextAccess(metadata: Readonly<Record<string, string>>): CableAccess | null {
  let access: CableAccess | null = null
  for (const key of cfpfTextKeys(metadata)) {
    const text = metadata[key]
    const own = cableAccess(parseRecordText(text, { ...metadata }, metadata['shape']), metadata['classification'] ?? null)
    access = access ? versionsFiling([access, own]) : own
  }
  return access
}

/**
 * `access` (a cable's filing, `cableAccess`) raised by the text columns of the source it is read from
 * (`sourceTextAccess`), so a cable is filed at least at the level and with every caveat any of its texts states
 * (fail closed). Unchanged for a source without text columns.
 *
 * @example
 *   filedWithSourceTexts({ level: 2, caveats: [], classification: 'CONFIDENTIAL' }, record.metadata)
 *   // { level: 3, caveats: [], classification: 'SECRET' } when its raw_body states SECRET
 */
export function filedWithSourceTexts(access: CableAccess, metadata: Readonly<Record<string, string>>): CableAccess {
  const texts = sourceTextAccess(metadata)
  return texts ? versionsFiling([access, texts]) : access
}

/**
 * A cable's sources as the reader `access` is shown them: every text column of a source (`cfpfTextKeys`) whose
 * stated level or caveats (`sourceTextAccess`) he does not hold is replaced by `SOURCE_TEXT_WITHHELD`, whatever the
 * cable is filed under (a record that only added a source to a cable stored before from another copy of its text
 * left the filing as it was). Without access (archive mode), the sources as stored.
 *
 * @example
 *   shownSources(cable.sources, { level: 2, caveats: [] })[0].metadata.raw_body // SOURCE_TEXT_WITHHELD
 */
export function shownSources(sources: SourceRecord[], access?: Access): SourceRecord[] {
  if (!access) return sources
  return sources.map((source) => {
    const keys = cfpfTextKeys(source.metadata)
    if (keys.length === 0) return source
    const demand = sourceTextAccess(source.metadata)!
    if (access.level >= demand.level && demand.caveats.every((c) => access.caveats.includes(c))) return source
    const metadata = { ...source.metadata }
    for (const key of keys) metadata[key] = SOURCE_TEXT_WITHHELD
    return { ...source, metadata }
  })
}
