import type { Core } from 'cytoscape'
import { useEffect, useRef, useState } from 'preact/hooks'
import { getStats, type FacetCounts } from '../archive-api.js'
import { searchParamsOf } from '../archive/query-state.js'
import { getNetwork } from '../research-api.js'
import { hrefFor, navigate } from '../router.js'
import { Failure, useLoad } from './load.js'
import { useScopeOnScreen } from './scope.js'

/** Above this many stations the force layout takes too long in a browser: rings by degree instead. */
const FORCE_LAYOUT_MAX = 150

/** The search for the cables a station sent (an origin filter, as the facet sidebar makes it). */
export function originSearchHref(station: string): string {
  return hrefFor(['search'], searchParamsOf({ q: '', filters: [{ field: 'origin', value: station, exclude: false }], from: null, to: null, sort: 'date', page: 1, snapshot: null }))
}

/**
 * The origin→addressee network (`#/network?year=2008&min=2`) as an interactive graph: one node per station
 * sized by the cables it sent and received, one arrow per origin and addressee, as thick as the cables
 * between them. Drawn with Cytoscape (loaded on demand); a node opens the search for the cables it sent. The
 * tables under the graph give the same links to keyboard and screen-reader users.
 */
export function NetworkPage({ params }: { params: URLSearchParams }) {
  const year = params.get('year') || null
  const min = Math.max(1, Number(params.get('min')) || 1)
  const [years, setYears] = useState<FacetCounts>([])
  const box = useRef<HTMLDivElement>(null)
  const cy = useRef<Core | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    getStats(abort.signal).then((s) => setYears(s.byYear.filter((y) => /^\d{4}$/.test(y.value))), () => setYears([]))
    return () => abort.abort()
  }, [])
  const { value: network, error } = useLoad((s) => getNetwork(year, s), [year])

  const edges = network ? network.edges.filter((e) => e.attributes.weight >= min).sort((a, b) => b.attributes.weight - a.attributes.weight) : []
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]))
  const nodes = network ? network.nodes.filter((n) => linked.has(n.key)).sort((a, b) => b.attributes.sent - a.attributes.sent || (a.key < b.key ? -1 : 1)) : []
  const shape = JSON.stringify([nodes.map((n) => n.key), edges.map((e) => [e.source, e.target, e.attributes.weight])])

  useEffect(() => {
    if (!network || !box.current) return
    let cancelled = false
    import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !box.current) return
      cy.current?.destroy()
      const max = Math.max(1, ...nodes.map((n) => n.attributes.sent + n.attributes.received))
      const container = box.current
      cy.current = cytoscape({
        container,
        elements: [
          ...nodes.map((n) => ({ data: { id: n.key, label: n.key, size: 14 + 36 * Math.sqrt((n.attributes.sent + n.attributes.received) / max), sent: n.attributes.sent } })),
          ...edges.map((e) => ({ data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, width: 1 + Math.log2(e.attributes.weight), label: String(e.attributes.weight) } })),
        ],
        layout: nodes.length <= FORCE_LAYOUT_MAX ? { name: 'cose', animate: false, randomize: false } : { name: 'concentric', concentric: (n) => n.degree(false), levelWidth: () => 2, animate: false },
        style: [
          { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'font-size': 10, 'background-color': '#3b6ea8', color: '#111', 'text-valign': 'bottom', 'text-margin-y': 3 } },
          { selector: 'node[sent = 0]', style: { 'background-color': '#9aa5b1' } },
          { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#444' } },
          { selector: 'node:active, node:selected', style: { 'background-color': '#b0413e' } },
        ],
      })
      const core = cy.current
      // node centres in CSS pixels once laid out, for automation (the browser tests click a node)
      const publish = () => container.setAttribute('data-nodes', JSON.stringify(core.nodes().map((n) => {
          const at = n.renderedPosition()
          return [n.id(), Math.round(at.x), Math.round(at.y)]
        })))
      core.on('render', publish)
      publish()
      core.on('tap', 'node', (evt) => navigate(originSearchHref(evt.target.id() as string)))
    })
    return () => {
      cancelled = true
    }
  }, [shape, network])
  useEffect(() => () => cy.current?.destroy(), [])

  // stations and weights come from the headers of the visible cables
  useScopeOnScreen('*')

  const go = (next: { year?: string | null; min?: number }) => navigate(hrefFor(['network'], { year: next.year === undefined ? year : next.year, min: (next.min ?? min) > 1 ? (next.min ?? min) : undefined }), true)
  return (
    <div class="research-page network-page">
      <div class="cable-actions">
        <h1>Origin → addressee network</h1>
        <label>
          Year{' '}
          <select value={year ?? ''} onChange={(e) => go({ year: e.currentTarget.value || null })}>
            <option value="">All years</option>
            {years.map((y) => (
              <option key={y.value} value={y.value}>
                {y.value}
              </option>
            ))}
            {year && !years.some((y) => y.value === year) && <option value={year}>{year}</option>}
          </select>
        </label>
        <label>
          At least{' '}
          <input type="number" min={1} value={min} size={4} onChange={(e) => go({ min: Math.max(1, Number(e.currentTarget.value) || 1) })} /> cables per arrow
        </label>
      </div>
      {error && <Failure error={error} />}
      <div
        class="graph-box"
        ref={box}
        role="img"
        aria-label={network ? `Network: ${nodes.length} stations, ${edges.length} origin-addressee links` : 'Network loading'}
        data-testid="network"
      />
      {network && (
        <div class="network-tables">
          <section aria-labelledby="stations-h">
            <h2 id="stations-h">{nodes.length} stations</h2>
            <table class="data" data-testid="stations">
              <thead>
                <tr>
                  <th scope="col">Station</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((n) => (
                  <tr key={n.key}>
                    <th scope="row">{n.attributes.sent > 0 ? <a href={originSearchHref(n.key)}>{n.key}</a> : n.key}</th>
                    <td>{n.attributes.sent}</td>
                    <td>{n.attributes.received}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="links-h">
            <h2 id="links-h">{edges.length} links</h2>
            <table class="data" data-testid="links">
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Cables</th>
                  <th scope="col">Action</th>
                  <th scope="col">Info</th>
                </tr>
              </thead>
              <tbody>
                {edges.map((e) => (
                  <tr key={`${e.source}>${e.target}`}>
                    <td>{e.source}</td>
                    <td>{e.target}</td>
                    <td>{e.attributes.weight}</td>
                    <td>{e.attributes.action}</td>
                    <td>{e.attributes.info}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  )
}
