import type { Access, CableSummary, ReferenceKindRecord, Store } from '../store/store.js'
import { readableCable } from './show-cable.js'

export interface GraphNode {
  key: string
  /** Null when the archive holds no (visible) cable with that id. */
  cable: CableSummary | null
}

/** `from` cites `to` (under REF letter `letter`). */
export interface GraphEdge {
  from: string
  to: string
  letter: string | null
}

/** A REF item of the root that names no cable (a memo, an e-mail, …): listed, never an edge. */
export interface GraphDocument {
  letter: string | null
  kind: ReferenceKindRecord
  text: string
}

export interface ReferenceGraph {
  root: string
  depth: number
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** The root's references to documents that are no cable, in REF order. */
  documents: GraphDocument[]
  /**
   * True when the reader may read the root only in part (portion-level access): its REF lines stand at its overall
   * level, so what it cites is withheld (no edge from it, no documents); the cables citing it are listed as ever.
   */
  referencesWithheld: boolean
}

/**
 * The reference graph around a cable, both ways, out to `depth` hops: what it cites and what cites it,
 * then the same for each of those. Cited ids missing from the archive are nodes with `cable: null`.
 * Null when the reader may read none of the root; one who may read it only in part gets what cites it, and
 * `referencesWithheld` (its REF lines stand at its overall level).
 *
 * @example
 *   const g = await referenceGraph(store, '09STATE99704', 2)
 */
export async function referenceGraph(store: Store, id: string, depth: number, access?: Access): Promise<ReferenceGraph | null> {
  const found = await readableCable(store, id, access)
  if (!found) return null
  // read in part: the cable as he may read it (its references withheld: `readableCable` gives none)
  const root = found.cable
  const nodes = new Map<string, GraphNode>([[root.key, { key: root.key, cable: root }]])
  const edges = new Map<string, GraphEdge>()
  let frontier = [root.key]
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = []
    const add = (key: string, cable: CableSummary | null) => {
      if (nodes.has(key)) return
      nodes.set(key, { key, cable })
      next.push(key)
    }
    for (const key of frontier) {
      if (!nodes.get(key)?.cable) continue
      const cable = await store.getCable(key, access)
      const cited = (cable?.references ?? []).filter((r) => r.id !== null)
      const found = await store.resolve(cited.map((r) => r.id!), access)
      for (const r of cited) {
        edges.set(`${key}>${r.id}`, { from: key, to: r.id!, letter: r.letter })
        add(r.id!, found.get(r.id!) ?? null)
      }
      for (const c of await store.citing(key, access)) {
        const letter = (await store.getCable(c.key, access))?.references.find((r) => r.id === key)?.letter ?? null
        edges.set(`${c.key}>${key}`, { from: c.key, to: key, letter })
        add(c.key, c)
      }
    }
    frontier = next
  }
  const documents = root.references.filter((r) => r.id === null).map((r) => ({ letter: r.letter, kind: r.kind, text: r.text }))
  return { root: root.key, depth, nodes: [...nodes.values()], edges: [...edges.values()], documents, referencesWithheld: found.inPart }
}
