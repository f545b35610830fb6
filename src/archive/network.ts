import { DirectedGraph } from 'graphology'
import type { Access, AddresseeRecord, Store } from '../store/store.js'
import { csvCell } from './output/csv-cell.js'
import { stationOfAddress } from '../messaging/recipients.js'
import { readAddressee, shippedDirectory, type RoutingDirectory } from '../messaging/routing-replay.js'
import type { SerializedGraph } from 'graphology-types'
import { breather } from './breather.js'
import { cableAddressees } from './cable-addressees.js'
import { parseCable } from '../format/parse.js'
import { researchAccess } from './portion-access.js'
import { readableCable } from './show-cable.js'

/**
 * The origin→addressee network: one node per station (the FM post as `stationOfAddress` reads it, and every TO/INFO
 * addressee as the routing replay reads it, `addresseeStation`: routing indicator, office/attention note after `//`
 * and an embassy's country code dropped, then the directory's post or collective, or the post its routing indicator
 * names), so `JOINT STAFF WASHDC//J-3/J-5//` and `JOINT STAFF WASHINGTON DC//J3//` are one node; one directed edge per origin and addressee, weighted by the number of cables, in
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
 * as his search finds it: no station, edge or weight comes from a line withheld from him. `directory`: the one the
 * routing replay reads addressees with (a database's messaging directory, else the shipped one).
 *
 * @example
 *   const g = await cableNetwork(store)
 *   g.getEdgeAttributes('SECSTATE WASHDC', 'AMEMBASSY DUSHANBE').years // { '2009': 1 }
 */
export async function cableNetwork(store: Store, access?: Access, year?: number, directory: RoutingDirectory = shippedDirectory()): Promise<CableNetwork> {
  // one reading per addressee line as the routing replay reads it (`readAddressee`), remembered for the run
  const stations = new Map<string, string>()
  const station = async (a: Pick<AddresseeRecord, 'name' | 'route'>): Promise<string> => {
    const k = `${a.route ?? ''}\t${a.name}`
    if (!stations.has(k)) stations.set(k, await addresseeStation(a, directory))
    return stations.get(k)!
  }
  // each cable's origin and addressee stations, read first: an origin from the container record is named once every
  // origin the reader's cables give by their FM lines is known (`originNames`)
  const sent: SentCable[] = []
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
    // the addressees the route reads (`cableAddressees`): his rendering's lines when read in part, the text's, or
    // the container record's when the text has none
    const read = cableAddressees(cable, inPart ? parseCable(cable.text, { plain: true }) : undefined)
    const to: SentCable['to'] = []
    for (const [role, list] of [['to', read.to], ['info', read.info]] as const) for (const a of list) to.push({ station: await station(a), role })
    sent.push({ origin: stationOfAddress(cable.origin), key: cable.originKey, fromContainer: !inPart && cable.diagnostics.some((d) => d.code === 'ORIGIN_FROM_CONTAINER'), year: y, to })
  }
  const names = await originNames(sent, directory)
  const g: CableNetwork = new DirectedGraph<NodeData, EdgeData>()
  const node = (name: string) => {
    if (!g.hasNode(name)) g.addNode(name, { sent: 0, received: 0 })
    return name
  }
  for (const c of sent) {
    const from = node(names(c))
    g.updateNodeAttribute(from, 'sent', (n) => (n ?? 0) + 1)
    const seen = new Set<string>()
    for (const a of c.to) {
      const to = a.station
      if (seen.has(to) || to === from) continue
      seen.add(to)
      node(to)
      g.updateNodeAttribute(to, 'received', (n) => (n ?? 0) + 1)
      // its key in the output is the edge itself (`networkExport`), never the generated one
      if (!g.hasEdge(from, to)) g.addEdge(from, to, { weight: 0, years: {}, action: 0, info: 0 })
      g.updateEdgeAttributes(from, to, (e) => ({
        weight: e.weight + 1,
        years: { ...e.years, [c.year]: (e.years[c.year] ?? 0) + 1 },
        action: e.action + (a.role === 'to' ? 1 : 0),
        info: e.info + (a.role === 'info' ? 1 : 0),
      }))
    }
  }
  return g
}

/** One cable of the network as read: its origin station and station key, whether the origin is the container's, its year and addressee stations. */
interface SentCable {
  origin: string
  key: string | null
  fromContainer: boolean
  year: string
  to: { station: string; role: 'to' | 'info' }[]
}

/**
 * The node of each cable's origin: one node per station (QA 10 F3). An origin read from the text's FM line is its
 * station (`stationOfAddress`); one the container record gives (a CFPF `from_field`: `QUORIN`, where the text says
 * `FM AMEMBASSY QUORIN`) is named by the archive's station key of the cable (`originKey`, as the id spells its
 * origin: the directory of stations, src/format/stations.ts, repairs it at import): the directory's post of that
 * origin (`postOfOrigin`: `KINSHASA` → `AMEMBASSY KINSHASA`), else the one station the reader's cables of that key
 * name on their FM lines, else its own name (two such stations, `AMEMBASSY GENEVA` and `USMISSION GENEVA`: no
 * guess). Only the cables the reader reads count, through the lines he may read.
 */
async function originNames(sent: readonly SentCable[], directory: RoutingDirectory): Promise<(c: SentCable) => string> {
  const textNames = new Map<string, Set<string>>()
  for (const c of sent) {
    if (c.fromContainer || !c.key) continue
    const set = textNames.get(c.key) ?? new Set<string>()
    set.add(c.origin)
    textNames.set(c.key, set)
  }
  const named = new Map<string, string | null>()
  for (const c of sent) {
    if (!c.fromContainer || !c.key || named.has(c.key)) continue
    const post = (await directory.postOfOrigin?.(c.key)) ?? null
    const seen = [...(textNames.get(c.key) ?? [])]
    named.set(c.key, post?.plad ?? (seen.length === 1 ? seen[0] : null))
  }
  return (c) => (c.fromContainer && c.key ? (named.get(c.key) ?? c.origin) : c.origin)
}

/**
 * The node an addressee line (its name and routing indicator) makes, as the routing replay reads the line
 * (`readAddressee`): the directory's post or collective it names; for a name the directory does not know, the post
 * the replay reaches by the line's routing indicator when the line names that post and runs on past it in words
 * (`RUEHSW/AMEMBASSY BERN ZORBEK TALKS`, `AMEMBASSY ROME PRIORITY THE MOLE`, `AMEMBASSY LA PAZ MAR LIMA`: the rest
 * is prose, never a node; QA 14 round 9, F7), else the name itself, as the replay lists it "not in the directory"
 * (a station the directory does not hold: `AMEMBASSY QUORIN`, `CJTF HOA`; a routing indicator shared by another
 * station, `RUEHNY/ODC OSLO NO`, names no post of this line).
 */
export async function addresseeStation(a: Pick<AddresseeRecord, 'name' | 'route'>, directory: RoutingDirectory): Promise<string> {
  const read = await readAddressee(a, directory)
  if (read.kind === 'post') return read.post.plad
  if (read.kind === 'collective') return read.collective.plad
  return read.byRoute && read.name.startsWith(`${read.byRoute.plad} `) ? read.byRoute.plad : read.name
}

/** An edge's key: `source->target`, the same on every run (graphology's generated keys are not). */
const edgeKey = (source: string, target: string): string => `${source}->${target}`

/** Code-unit order, independent of locale. */
const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/**
 * The network as graphology's serialisation (`options`, `attributes`, `nodes`, `edges` with their attributes), nodes
 * and edges sorted by key and every edge keyed `source->target`: the same archive and reader give the same answer on
 * every run, so it can be compared and cited (`cable network --format json`, `GET /api/network`).
 */
export function networkExport(g: CableNetwork): SerializedGraph<NodeData, EdgeData> {
  const x = g.export()
  return { ...x, nodes: [...x.nodes].sort(byKey), edges: [...x.edges].map((e) => ({ ...e, key: edgeKey(e.source, e.target) })).sort(byKey) }
}

/** The network as JSON (`networkExport`), for charts. */
export function networkJson(g: CableNetwork): string {
  return JSON.stringify(networkExport(g), null, 2) + '\n'
}

/** One CSV row per edge and year: `source,target,year,weight`, edges in key order. */
export function networkCsv(g: CableNetwork): string {
  let out = 'source,target,year,weight\n'
  for (const e of networkExport(g).edges) {
    for (const [year, n] of Object.entries(e.attributes!.years).sort()) out += `${csvCell(e.source)},${csvCell(e.target)},${year},${n}\n`
  }
  return out
}

/** Graphviz DOT: a digraph whose edge labels and pen widths give the weight, nodes and edges in key order. */
export function networkDot(g: CableNetwork): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`
  let out = 'digraph cables {\n  rankdir=LR;\n  node [shape=box, fontname="Helvetica"];\n'
  const x = networkExport(g)
  for (const { key: n, attributes: a } of x.nodes) out += `  ${q(n)} [tooltip=${q(`sent ${a!.sent}, received ${a!.received}`)}];\n`
  for (const { attributes, source: s, target: t } of x.edges) {
    const a = attributes!
    const years = Object.entries(a.years).sort().map(([y, n]) => `${y}: ${n}`).join(', ')
    out += `  ${q(s)} -> ${q(t)} [weight=${a.weight}, label=${q(String(a.weight))}, tooltip=${q(years)}, penwidth=${(1 + Math.log2(a.weight)).toFixed(2)}];\n`
  }
  return out + '}\n'
}
