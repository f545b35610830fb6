import type { Chart } from 'chart.js'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { FacetCounts, HistogramInterval } from '../archive-api.js'
import { loadChart } from '../charts.js'

interface Props {
  bins: FacetCounts
  interval: HistogramInterval
  from: string | null
  to: string | null
  /** A range of bins chosen (by drag, click or the inputs); null clears it. */
  onRange: (from: string | null, to: string | null) => void
}

/**
 * The date histogram of the whole result (bins from the API). Drag across bars to select a range, click a
 * bar to zoom into it (year → months, month → days); the inputs below do the same from the keyboard.
 */
export function Histogram({ bins, interval, from, to, onRange }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<Chart | null>(null)
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null)
  const dated = bins.filter((b) => b.value !== '(none)')
  const undated = bins.find((b) => b.value === '(none)')?.count ?? 0

  useEffect(() => {
    let cancelled = false
    loadChart().then((ChartJs) => {
      if (cancelled || !canvas.current) return
      chart.current?.destroy()
      chart.current = new ChartJs(canvas.current, {
        type: 'bar',
        data: { labels: dated.map((b) => b.value), datasets: [{ label: 'Cables', data: dated.map((b) => b.count), backgroundColor: '#3b6ea8', barPercentage: 1, categoryPercentage: 0.95 }] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${Number(c.raw).toLocaleString('en-US')} cables` } } },
          scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
        plugins: [
          {
            // bar centres in CSS pixels after every layout, for automation (the browser tests drag between them)
            id: 'bar-centres',
            afterLayout: (c) => {
              const x = c.scales.x
              c.canvas.parentElement?.setAttribute('data-bars', JSON.stringify(dated.map((b, i) => [b.value, Math.round(x.getPixelForValue(i))])))
            },
          },
        ],
      })
    })
    return () => {
      cancelled = true
    }
  }, [JSON.stringify(dated)])
  useEffect(() => () => chart.current?.destroy(), [])

  const indexAt = (clientX: number): number | null => {
    const c = chart.current
    if (!c || !canvas.current || dated.length === 0) return null
    const x = clientX - canvas.current.getBoundingClientRect().left
    const v = c.scales.x.getValueForPixel(x)
    if (v === undefined) return null
    return Math.max(0, Math.min(dated.length - 1, Math.round(v)))
  }

  const onPointerDown = (e: PointerEvent) => {
    const i = indexAt(e.clientX)
    if (i === null) return
    ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    setDrag({ a: i, b: i })
  }
  const onPointerMove = (e: PointerEvent) => {
    if (!drag) return
    const i = indexAt(e.clientX)
    if (i !== null && i !== drag.b) setDrag({ ...drag, b: i })
  }
  const onPointerUp = () => {
    if (!drag) return
    const lo = dated[Math.min(drag.a, drag.b)].value
    const hi = dated[Math.max(drag.a, drag.b)].value
    setDrag(null)
    onRange(lo, hi)
  }

  const overlay = (() => {
    const c = chart.current
    if (!drag || !c) return null
    const lo = Math.min(drag.a, drag.b)
    const hi = Math.max(drag.a, drag.b)
    const half = dated.length > 1 ? (c.scales.x.getPixelForValue(1) - c.scales.x.getPixelForValue(0)) / 2 : 20
    return { left: c.scales.x.getPixelForValue(lo) - half, width: c.scales.x.getPixelForValue(hi) - c.scales.x.getPixelForValue(lo) + 2 * half }
  })()

  const total = dated.reduce((n, b) => n + b.count, 0)
  const summary = dated.length ? `Cables per ${interval}, ${dated[0].value} to ${dated[dated.length - 1].value}: ${total.toLocaleString('en-US')} dated` : 'No dated cables'
  return (
    <section class="histogram" aria-label="Date histogram">
      <div class="histogram-head">
        <h2>
          Dates <span class="muted">by {interval}</span>
        </h2>
        {(from || to) && (
          <button type="button" onClick={() => onRange(null, null)}>
            Zoom out (all dates)
          </button>
        )}
        {undated > 0 && <span class="muted">{undated.toLocaleString('en-US')} undated</span>}
      </div>
      <div class="histogram-plot" data-testid="histogram" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}>
        <canvas ref={canvas} role="img" aria-label={summary} />
        {overlay && <div class="drag-overlay" style={{ left: `${overlay.left}px`, width: `${overlay.width}px` }} />}
      </div>
      <RangeInputs from={from} to={to} onRange={onRange} />
    </section>
  )
}

function RangeInputs({ from, to, onRange }: { from: string | null; to: string | null; onRange: Props['onRange'] }) {
  const [a, setA] = useState(from ?? '')
  const [b, setB] = useState(to ?? '')
  useEffect(() => {
    setA(from ?? '')
    setB(to ?? '')
  }, [from, to])
  return (
    <form
      class="range-inputs"
      aria-label="Date range"
      onSubmit={(e) => {
        e.preventDefault()
        onRange(a.trim() || null, b.trim() || null)
      }}
    >
      <label>
        From <input value={a} placeholder="YYYY[-MM[-DD]]" size={11} onInput={(e) => setA(e.currentTarget.value)} />
      </label>
      <label>
        to <input value={b} placeholder="YYYY[-MM[-DD]]" size={11} onInput={(e) => setB(e.currentTarget.value)} />
      </label>
      <button type="submit">Apply range</button>
    </form>
  )
}
