import type { Access, CableSummary, Store, StoredCable } from '../store/store.js'
import { idValue } from './query/field-values.js'

export interface ResolvedReference {
  letter: string | null
  id: string | null
  text: string
  /** The cited cable when the archive holds it (and the reader may see it), else null. */
  cable: CableSummary | null
}

export interface CableView {
  cable: StoredCable
  references: ResolvedReference[]
  citedBy: CableSummary[]
}

/**
 * A cable with its references resolved against the archive and the cables that cite it; null when the
 * id names no visible cable. Accepts raw ids (`09STATE099704`) as well as canonical ones.
 *
 * @example
 *   const view = await showCable(store, '09STATE99704')
 */
export async function showCable(store: Store, id: string, access?: Access): Promise<CableView | null> {
  const cable = (await store.getCable(idValue(id), access)) ?? (await store.getCable(id, access))
  if (!cable) return null
  const found = await store.resolve(cable.references.flatMap((r) => (r.id ? [r.id] : [])), access)
  const references = cable.references.map((r) => ({ ...r, cable: r.id ? (found.get(r.id) ?? null) : null }))
  const citedBy = cable.id ? await store.citing(cable.id, access) : []
  return { cable, references, citedBy }
}
