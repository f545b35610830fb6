import type { Access, CableSummary, ReferenceKindRecord, Store, StoredCable } from '../store/store.js'
import { parseCable } from '../format/parse.js'
import { recordCaptions, recordTags } from './record-fields.js'
import { findCable, findPartialCable } from './find-cable.js'
import { redactInPart } from './in-part.js'
import { shownDateOf, type WithheldPortion } from './redact.js'
import { datedAfterCiting } from './gap-map.js'
import { shownSources } from './source-texts.js'

export interface ResolvedReference {
  letter: string | null
  id: string | null
  text: string
  /** What the item names: `cable` (with `id`), or a document that is no cable (`memo`, `email`, …, `self`). */
  kind: ReferenceKindRecord
  /** The cited cable when the archive holds it (and the reader may see it), else null. */
  cable: CableSummary | null
  /**
   * True when that cable is dated after the citing one (beyond a week's slack, both dated to the day): it
   * cannot be the cable cited, most likely another year's with the same serial (`datedAfterCiting`).
   */
  datedAfter: boolean
}

export interface CableView {
  cable: StoredCable
  references: ResolvedReference[]
  citedBy: CableSummary[]
  /**
   * Set when the reader may read the cable only in part (portion-level access): the portions withheld from
   * `cable.text`, which is then the redacted rendering.
   */
  withheld?: WithheldPortion[]
  /**
   * Set with `withheld`: the fields not given to a reader in part because they are read from the whole text
   * (`references`: the REF items, which stand at the overall level; `diagnostics` and `errorCount`: positions and
   * messages of the whole parse; `sources`: hashes of the whole text). Their values in `cable` and `references`
   * are then empty and mean "withheld", never "none": adapters say so (`References: withheld …`).
   */
  withheldFields?: WithheldField[]
}

/** A field of a cable view withheld from a reader in part (`CableView.withheldFields`). */
export type WithheldField = 'references' | 'diagnostics' | 'errorCount' | 'sources'

/**
 * What a reader in part is never given, whatever the cable holds: said always, so that whether it is said
 * depends on nothing withheld (a cable without REF lines is told the same as one whose REF block is withheld).
 */
const WITHHELD_IN_PART: WithheldField[] = ['references', 'diagnostics', 'errorCount', 'sources']

/**
 * A cable with its references resolved against the archive and the cables that cite it; null when the
 * id names no visible cable. Accepts raw ids (`09STATE099704`) as well as canonical ones. Its sources as `access`
 * is shown them (`shownSources`: a CFPF text column he may not read all of is withheld).
 *
 * @example
 *   const view = await showCable(store, '09STATE99704')
 */
export async function showCable(store: Store, id: string, access?: Access): Promise<CableView | null> {
  const found = await findCable(store, id, access)
  if (!found) return access ? partialView(store, id, access) : null
  // a source's text columns he may not read all of are withheld (`shownSources`)
  const cable = { ...found, sources: shownSources(found.sources, access) }
  const cited = await store.resolve(cable.references.flatMap((r) => (r.id ? [r.id] : [])), access)
  const references = cable.references.map((r) => {
    const target = r.id ? (cited.get(r.id) ?? null) : null
    return { ...r, cable: target, datedAfter: target !== null && datedAfterCiting(target.date, cable.date) }
  })
  const citedBy = cable.id ? await store.citing(cable.id, access) : []
  return { cable, references, citedBy }
}

/**
 * A cable as the reader `access` may read it, for every command that works on one cable (`show`, `route`, …): the
 * stored cable when he may read it whole (`inPart: false`); when he may read it only in part (portion-level access),
 * the cable as `cable redact` renders it for him (`inPart: true`, `readInPart`: its text the rendering, every field
 * read back from it, the withheld portions listed); null when he may read none of it (or no cable has the id), so
 * a cable he may not read at all is "not in the archive" for him (no existence leak). Without access: the stored
 * cable, whole.
 *
 * @example
 *   const r = await readableCable(store, '09QUORIN41', { level: 2, caveats: [] })
 *   // { cable: { text: '… 2. (S) [Paragraph 2 withheld: …] …', references: [], … }, inPart: true, withheld: […] }
 */
export async function readableCable(store: Store, id: string, access?: Access): Promise<{ cable: StoredCable; inPart: false } | { cable: StoredCable; inPart: true; withheld: WithheldPortion[] } | null> {
  const cable = await findCable(store, id, access)
  if (cable) return { cable: { ...cable, sources: shownSources(cable.sources, access) }, inPart: false }
  return access ? readInPart(store, id, access) : null
}

/**
 * Portion-level access: a cable the reader may read only in part, as `cable redact` renders it for him.
 * Everything shown comes from the header or the portions he may read: the subject only when its portion is
 * readable, the date his rendering gives, no references (REF lines are unmarked, so at the overall level), no diagnostics, error count or
 * sources (their positions, messages and hashes are of the whole text). Cables citing it are listed as
 * for any cable (they are his to read).
 */
async function partialView(store: Store, id: string, access: Access): Promise<CableView | null> {
  const part = await readInPart(store, id, access)
  if (!part) return null
  const { cable, withheld } = part
  const citedBy = cable.id ? await store.citing(cable.id, access) : []
  return { cable, references: [], citedBy, withheld, withheldFields: [...WITHHELD_IN_PART] }
}

/** The cable `id` as a reader in part reads it (`readableCable`); null unless he may read it only in part. */
async function readInPart(store: Store, id: string, access: Access): Promise<{ cable: StoredCable; inPart: true; withheld: WithheldPortion[] } | null> {
  const whole = await findPartialCable(store, id, access)
  if (!whole) return null
  const r = await redactInPart(store, whole, access)
  // the header fields are those the rendering shows: read back from it, so a subject, TAGS or an addressee
  // that stood on a withheld line (a run-together header line, text glued to an address line) is not shown
  const shown = parseCable(r.text, { plain: true })
  const subjectWithheld = r.withheld.some((w) => w.portion === 'subject')
  const subject = !subjectWithheld && shown.subject === whole.subject ? whole.subject : null
  const shownTags = new Set(recordTags(shown))
  const shownCaptions = new Set(recordCaptions(shown))
  const shownPlads = new Set([...(shown.to ?? []).map((a) => `to ${a.name}`), ...(shown.info ?? []).map((a) => `info ${a.name}`)])
  const cable = {
    ...whole,
    text: r.text,
    subject,
    tags: whole.tags.filter((t) => shownTags.has(t)),
    captions: whole.captions.filter((c) => shownCaptions.has(c)),
    // the date his search shows too: none read or inferred from a withheld line (docs/search.md)
    ...shownDateOf(whole),
    // the id as written, only when his rendering writes it so (a partial record's takes its year from its dateline)
    rawId: shown.rawId === whole.rawId ? whole.rawId : null,
    // the origin his rendering's FM line gives, as his search shows it (none when the line is withheld)
    origin: shown.origin,
    addressees: whole.addressees.filter((a) => shownPlads.has(`${a.role} ${a.name}`)),
    references: [],
    diagnostics: [],
    errorCount: 0,
    sources: [],
  }
  return { cable, inPart: true, withheld: r.withheld }
}
