import type { Core } from 'cytoscape'
import { useEffect, useRef, useState } from 'preact/hooks'
import { getGraph, type ReferenceGraph } from '../archive-api.js'
import { useOnScreen } from '../banner.js'
import { hrefFor, navigate } from '../router.js'

/**
 * The reference graph around a cable, both directions, `depth` hops (from the API). Drawn with Cytoscape
 * (loaded on demand): layout, zoom and hit-testing are its job, not hand-written SVG. A node opens its cable;
 * the list under the graph offers the same links to keyboard and screen-reader users.
 */
export function GraphPage({ id, params }: { id: string; params: URLSearchParams }) {
  const depth = Math.min(4, Math.max(1, Number(params.get('depth') ?? '1') || 1))
  const [graph, setGraph] = useState<ReferenceGraph | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const box = useRef<HTMLDivElement>(null)
  const cy = useRef<Core | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    setError(null)
    getGraph(id, depth, abort.signal).then(setGraph, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))))
    return () => abort.abort()
  }, [id, depth])

  useEffect(() => {
    if (!graph || !box.current) return
    let cancelled = false
    import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !box.current) return
      cy.current?.destroy()
      cy.current = cytoscape({
        container: box.current,
        elements: [
          ...graph.nodes.map((n) => ({ data: { id: n.key, label: n.cable?.id ?? n.key, missing: n.cable ? 0 : 1, root: n.key === graph.root ? 1 : 0 } })),
          ...graph.edges.map((e) => ({ data: { id: `${e.from}>${e.to}`, source: e.from, target: e.to, label: e.letter ?? '' } })),
        ],
        layout: { name: 'breadthfirst', directed: true, roots: [graph.root], spacingFactor: 1.1 },
        style: [
          { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'background-color': '#3b6ea8', color: '#111', 'text-valign': 'bottom', 'text-margin-y': 4 } },
          { selector: 'node[missing = 1]', style: { 'background-color': '#bbb', 'border-width': 1, 'border-style': 'dashed', 'border-color': '#555' } },
          { selector: 'node[root = 1]', style: { 'background-color': '#b0413e', width: 36, height: 36 } },
          { selector: 'edge', style: { width: 1.5, 'line-color': '#888', 'target-arrow-color': '#888', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9 } },
        ],
      })
      cy.current.on('tap', 'node', (evt) => {
        if (evt.target.data('missing') === 1) return
        navigate(hrefFor(['cable', evt.target.data('label') as string]))
      })
    })
    return () => {
      cancelled = true
    }
  }, [graph])
  useEffect(() => () => cy.current?.destroy(), [])

  useOnScreen(graph ? graph.nodes.map((n) => (n.cable ? n.cable.classification : 'UNCLASSIFIED')) : [])

  return (
    <div class="graph-page">
      <div class="cable-actions">
        <button type="button" onClick={() => history.back()}>
          ← Back
        </button>
        <h1>References around {id}</h1>
        <label>
          Depth{' '}
          <select value={String(depth)} onChange={(e) => navigate(hrefFor(['graph', id], { depth: e.currentTarget.value }), true)}>
            {[1, 2, 3, 4].map((d) => (
              <option key={d} value={String(d)}>
                {d} hop{d > 1 ? 's' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <div class="graph-box" ref={box} role="img" aria-label={graph ? `Reference graph: ${graph.nodes.length} cables, ${graph.edges.length} references` : 'Reference graph loading'} data-testid="graph" />
      {graph && (
        <section aria-label="Cables in the graph">
          <h2>
            {graph.nodes.length} cables, {graph.edges.length} references
          </h2>
          <ul class="graph-list">
            {graph.nodes.map((n) => (
              <li key={n.key}>
                {n.cable ? <a href={hrefFor(['cable', n.cable.id ?? n.key])}>{n.cable.id ?? n.key}</a> : <span>{n.key} <span class="muted">(not in archive)</span></span>}
                {n.cable?.subject && <span class="muted small"> — {n.cable.subject}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
