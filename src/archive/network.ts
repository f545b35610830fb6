import { DirectedGraph } from 'graphology'
import type { Access, Store } from '../store/store.js'
import { csvCell } from './output/csv-cell.js'
import { stationOfAddress } from '../messaging/recipients.js'
import { breather } from './breather.js'
import { researchAccess } from './portion-access.js'
import { readableCable } from './show-cable.js'

/**
 * The origin→addressee network: one node per station (the FM post and every TO/INFO addressee as
 * `stationOfAddress` reads it: routing indicator, office/attention note after `//` and an embassy's country
 * code dropped, the routing replay's own normalisation), so `JOINT STAFF WASHDC//J-3/J-5//` and
 * `JOINT STAFF WASHINGTON DC//J3//` are one node; one directed edge per origin and addressee, weighted by the number of cables, in
 * total and per year. Built with graphology so callers can run its algorithms on it.
 */
export interface EdgeData {
  weight: number
  /** Cables per year (`{ '2009': 3 }`); `undated` for cables without a date. */
  years: Record<string, number>
  action: number
  info: number
}

export interface NodeData {
  /** Cables sent from this station. */
  sent: number
  /** Cables addressed to it. */
  received: number
}

export type CableNetwork = DirectedGraph<NodeData, EdgeData>

/**
 * Builds the network of every cable the reader may see; `year` keeps only the cables of that year. With
 * portion-level access on (docs/search.md), a cable he may read only in part counts through his rendering of it
 * (`readableCable`: the origin its FM line gives him, the addressee lines it shows, the date his search shows),
 * as his search finds it: no station, edge or weight comes from a line withheld from him.
 *
 * @example
 *   const g = await cableNetwork(store)
 *   g.getEdgeAttributes('SECSTATE WASHDC', 'AMEMBASSY DUSHANBE').years // { '2009': 1 }
 */
export async function cableNetwork(store: Store, access?: Access, year?: number): Promise<CableNetwork> {
  const g: CableNetwork = new DirectedGraph<NodeData, EdgeData>()
  const node = (name: string) => {
    if (!g.hasNode(name)) g.addNode(name, { sent: 0, received: 0 })
    return name
  }
  const pause = breather()
  for await (const hit of store.search(null, { sort: 'date' }, await researchAccess(store, access))) {
    await pause()
    const inPart = hit.partial !== undefined && access !== undefined
    // a cable read whole is dated as its hit is: one of another year is not read at all
    if (!inPart && year !== undefined && (hit.date?.slice(0, 4) ?? 'undated') !== String(year)) continue
    // read in part: the cable as his rendering gives it (origin, addressees, date), else the stored cable
    const cable = inPart ? (await readableCable(store, hit.key, access))?.cable : await store.getCable(hit.key, access)
    const y = cable?.date?.slice(0, 4) ?? 'undated'
    if (year !== undefined && y !== String(year)) continue
    if (!cable?.origin) continue
    const from = node(stationOfAddress(cable.origin))
    g.updateNodeAttribute(from, 'sent', (n) => (n ?? 0) + 1)
    const seen = new Set<string>()
    for (const a of cable.addressees) {
      const to = stationOfAddress(a.name)
      if (seen.has(to) || to === from) continue
      seen.add(to)
      node(to)
      g.updateNodeAttribute(to, 'received', (n) => (n ?? 0) + 1)
      if (!g.hasEdge(from, to)) g.addEdge(from, to, { weight: 0, years: {}, action: 0, info: 0 })
      g.updateEdgeAttributes(from, to, (e) => ({
        weight: e.weight + 1,
        years: { ...e.years, [y]: (e.years[y] ?? 0) + 1 },
        action: e.action + (a.role === 'to' ? 1 : 0),
        info: e.info + (a.role === 'info' ? 1 : 0),
      }))
    }
  }
  return g
}

/** The network as JSON: graphology's serialisation (`nodes`, `edges` with their attributes), for charts. */
export function networkJson(g: CableNetwork): string {
  return JSON.stringify(g.export(), null, 2) + '\n'
}

/** One CSV row per edge and year: `source,target,year,weight`. */
export function networkCsv(g: CableNetwork): string {
  let out = 'source,target,year,weight\n'
  g.forEachEdge((_e, attrs, source, target) => {
    for (const [year, n] of Object.entries(attrs.years).sort()) out += `${csvCell(source)},${csvCell(target)},${year},${n}\n`
  })
  return out
}

/** Graphviz DOT: a digraph whose edge labels and pen widths give the weight. */
export function networkDot(g: CableNetwork): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`
  let out = 'digraph cables {\n  rankdir=LR;\n  node [shape=box, fontname="Helvetica"];\n'
  g.forEachNode((n, a) => (out += `  ${q(n)} [tooltip=${q(`sent ${a.sent}, received ${a.received}`)}];\n`))
  g.forEachEdge((_e, a, s, t) => {
    const years = Object.entries(a.years).sort().map(([y, n]) => `${y}: ${n}`).join(', ')
    out += `  ${q(s)} -> ${q(t)} [weight=${a.weight}, label=${q(String(a.weight))}, tooltip=${q(years)}, penwidth=${(1 + Math.log2(a.weight)).toFixed(2)}];\n`
  })
  return out + '}\n'
}
