import type { Access, Store } from '../store/store.js'
import { ReadInPartError } from './cable-versions.js'
import { findCable, findPartialCable } from './find-cable.js'
import { redactText, type Redaction } from './redact.js'

/** A releasable rendering of a stored cable: `redactText`'s answer with the cable's archive key. */
export interface CableRedaction extends Redaction {
  key: string
}

/**
 * `cable redact ID --for LEVEL[,CAVEATS]` and `GET /api/cables/{id}/redact`: the stored cable `id` names
 * (canonical or as-written id, or `sha256:` key), rendered for a reader cleared for `target`. The caller
 * (`access`) must be able to read the cable whole: null when he may not (or it does not exist), so nothing
 * here depends on a cable he may not read; one he may read only in part (portion-level access: search and `show`
 * give it him) is no "not in the archive": `ReadInPartError` (`asked: 'redact'`), said whatever the cable holds
 * (QA 10 F2). Unmarked portions count at the level and caveats the archive files
 * the cable under (publisher metadata), not only those its text states: an UNCLAS-headed text filed SECRET
 * never shows its unmarked paragraphs to a CONFIDENTIAL reader.
 *
 * @example
 *   await redactStoredCable(store, '09DUSHANBE123', { level: 2, caveats: [] }, callerAccess)
 *   // { key: '09DUSHANBE123', text: '…2. (S//NF) [Paragraph 2 withheld: …]…', withheld: [...], reader: 'CONFIDENTIAL' }
 */
export async function redactStoredCable(store: Store, id: string, target: Access, access?: Access): Promise<CableRedaction | null> {
  const cable = await findCable(store, id, access)
  if (!cable && access && (await findPartialCable(store, id, access))) throw new ReadInPartError(id, 'redact')
  if (!cable) return null
  return { key: cable.key, ...redactText(cable.text, target, { level: cable.level, caveats: cable.caveats }) }
}
