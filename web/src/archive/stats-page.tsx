import type { Chart } from 'chart.js'
import { useEffect, useRef, useState } from 'preact/hooks'
import { getStats, search, type ArchiveStats, type FacetCounts } from '../archive-api.js'
import { useOnScreen } from '../banner.js'
import { loadChart } from '../charts.js'

/** Archive statistics as charts: cables per month, by origin, by classification, top TAGS. */
export function StatsPage() {
  const [stats, setStats] = useState<ArchiveStats | null>(null)
  const [error, setError] = useState<Error | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    // top TAGS come from the facets of a search for every cable, when the stats route has none
    Promise.all([getStats(abort.signal), search({ q: '*', sort: 'date', offset: 0, limit: 1 }, abort.signal)]).then(
      ([s, all]) => setStats({ ...s, byTag: s.byTag ?? all.facets?.tag ?? [] }),
      (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))),
    )
    return () => abort.abort()
  }, [])
  useOnScreen(stats ? stats.byClassification.map((c) => c.value) : [])
  if (error)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    )
  if (!stats) return <p aria-busy="true">Loading statistics…</p>
  return (
    <div class="stats-page">
      <h1>Archive statistics</h1>
      <p>
        {stats.cables.toLocaleString('en-US')} cables from {stats.sources.toLocaleString('en-US')} source copies; {stats.withErrors.toLocaleString('en-US')} with parse errors.
      </p>
      <div class="chart-grid">
        <ChartCard title="Cables per month" counts={stats.byMonth} kind="line" />
        <ChartCard title="By origin (top 20)" counts={stats.byOrigin.slice(0, 20)} kind="hbar" />
        <ChartCard title="By classification" counts={stats.byClassification} kind="hbar" />
        {stats.byTag && stats.byTag.length > 0 && <ChartCard title="Top TAGS" counts={stats.byTag.slice(0, 20)} kind="hbar" />}
      </div>
    </div>
  )
}

function ChartCard({ title, counts, kind }: { title: string; counts: FacetCounts; kind: 'line' | 'hbar' }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    let chart: Chart | null = null
    let cancelled = false
    loadChart().then((ChartJs) => {
      if (cancelled || !canvas.current) return
      chart = new ChartJs(canvas.current, {
        type: kind === 'line' ? 'line' : 'bar',
        data: { labels: counts.map((c) => c.value), datasets: [{ label: 'Cables', data: counts.map((c) => c.count), backgroundColor: '#3b6ea8', borderColor: '#3b6ea8', pointRadius: 0, fill: kind === 'line' }] },
        options: {
          indexAxis: kind === 'hbar' ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } }, y: { ticks: { autoSkip: kind !== 'hbar' } } },
        },
      })
    })
    return () => {
      cancelled = true
      chart?.destroy()
    }
  }, [JSON.stringify(counts)])
  const summary = counts
    .slice(0, 10)
    .map((c) => `${c.value}: ${c.count}`)
    .join(', ')
  return (
    <figure class="chart-card">
      <figcaption>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}${counts.length > 10 ? ', …' : ''}`} />
      </div>
    </figure>
  )
}
