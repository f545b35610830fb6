import type { Chart } from 'chart.js'
import { useEffect, useRef, useState } from 'preact/hooks'
import { loadChart } from '../charts.js'
import { getGaps, type GapRow } from '../research-api.js'
import { hrefFor, navigate } from '../router.js'
import { Failure, useLoad } from './load.js'
import { useScopeOnScreen } from './scope.js'

const HELD = '#3b6ea8'
const MISSING = '#d08a2c'
const CITED = '#8c2d19'
/** Why an outlier is left out (GapRow.outliers[].reason), as the page says it. */
const OUTLIER_WHY: Record<GapRow['outliers'][number]['reason'], string> = {
  fence: "far outside the year's serials",
  scale: 'out of scale with every other serial of its post',
  date: 'above a held serial dated after every cable citing it',
}

/**
 * The MRN gap map (`#/gaps?origin=QUORIN&year=2008`): per originating post and year, the serials the archive
 * holds, those its cables cite but it lacks, and the estimated number missing. One origin and year draws
 * held, cited-but-missing and other estimated-missing serials by month and lists the known-but-missing ids;
 * one origin, its years.
 * The numbers are the server's (`GET /api/gaps`); filters live in the URL.
 */
export function GapsPage({ params }: { params: URLSearchParams }) {
  const origin = params.get('origin')?.trim() || null
  const year = params.get('year')?.trim() || null
  const { value: rows, error } = useLoad((s) => getGaps(origin, year, s), [origin, year])

  // serials and cited ids come from every visible cable's id and REF lines
  useScopeOnScreen('*')

  const single = rows?.length === 1 ? rows[0] : null
  const oneOrigin = rows && rows.length > 1 && rows.every((r) => r.origin === rows[0].origin) ? rows : null
  return (
    <div class="research-page gaps-page">
      <h1>MRN gap map</h1>
      <p class="muted">
        Each post numbers its cables 1, 2, 3, … every year. Between the lowest and highest serial seen, every number nobody holds is a cable that exists and no
        corpus released.
      </p>
      <GapFilters origin={origin} year={year} />
      {error && <Failure error={error} />}
      {!rows && !error && <p aria-busy="true">Loading the gap map…</p>}
      {rows && rows.length === 0 && <p class="muted">No numbered cables {origin ? `from ${origin}` : ''} {year ? `in ${year}` : ''} in the archive.</p>}
      {single && <GapDetail row={single} />}
      {oneOrigin && (
        <GapChart
          title={`${oneOrigin[0].origin}: serials by year`}
          labels={oneOrigin.map((r) => String(r.year))}
          held={oneOrigin.map((r) => r.held)}
          missing={oneOrigin.map((r) => r.missing)}
          cited={oneOrigin.map((r) => r.cited)}
        />
      )}
      {rows && rows.length > 0 && <GapTable rows={rows} />}
    </div>
  )
}

function GapFilters({ origin, year }: { origin: string | null; year: string | null }) {
  const [o, setO] = useState(origin ?? '')
  const [y, setY] = useState(year ?? '')
  useEffect(() => {
    setO(origin ?? '')
    setY(year ?? '')
  }, [origin, year])
  return (
    <form
      class="filters"
      aria-label="Gap map filters"
      onSubmit={(e) => {
        e.preventDefault()
        navigate(hrefFor(['gaps'], { origin: o.trim(), year: y.trim() }))
      }}
    >
      <label>
        Origin <input name="origin" value={o} placeholder="QUORIN or AMEMBASSY QUORIN" onInput={(e) => setO(e.currentTarget.value)} />
      </label>
      <label>
        Year <input name="year" value={y} inputMode="numeric" size={6} placeholder="YYYY" onInput={(e) => setY(e.currentTarget.value)} />
      </label>
      <button type="submit">Show</button>
      {(origin || year) && <a href={hrefFor(['gaps'])}>All origins and years</a>}
    </form>
  )
}

function GapDetail({ row }: { row: GapRow }) {
  return (
    <section aria-labelledby="gap-detail-h" class="gap-detail">
      <h2 id="gap-detail-h">
        {row.origin} {row.year}
      </h2>
      <p data-testid="gap-summary">
        {row.held + row.cited === 0 ? 'No serial left once the outliers are set aside' : `Serials ${row.first}–${row.last}`}: {row.held} held, {row.cited} cited but not held, about {row.missing} missing ({(row.coverage * 100).toFixed(1)}% coverage).
      </p>
      <GapChart
        title={`${row.origin} ${row.year}: serials by month`}
        labels={row.byMonth.map((m) => m.month)}
        held={row.byMonth.map((m) => m.held)}
        missing={row.byMonth.map((m) => m.missing)}
        cited={row.byMonth.map((m) => m.cited)}
      />
      <h3>Known but missing (cited, never released)</h3>
      {row.citedMissing.length === 0 ? (
        <p class="muted">None: no held cable cites a serial the archive lacks.</p>
      ) : (
        <ul class="id-list" data-testid="cited-missing">
          {row.citedMissing.map((id) => (
            <li key={id}>
              <a href={hrefFor(['search'], { q: `cites:${id}` })} title={`Cables citing ${id}`}>
                {id}
              </a>
            </li>
          ))}
        </ul>
      )}
      {row.outliers.length > 0 && (
        <>
          <h3>Outliers (cited serials that cannot be cables of this year, not counted)</h3>
          <ul class="id-list" data-testid="gap-outliers">
            {row.outliers.map((o) => (
              <li key={o.id}>
                <a href={hrefFor(['search'], { q: `cites:${o.id}` })} title={`Cited by ${o.citedBy.join(', ')}`}>
                  {o.id}
                </a>{' '}
                <span class="muted">
                  {OUTLIER_WHY[o.reason]}; cited by {o.citedBy.join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

/**
 * Held, cited-but-missing and other estimated-missing serials as stacked bars (Chart.js; `missing` counts the
 * cited ones too, so a bar is as high as held + missing), with a legend and the same numbers as a table.
 */
function GapChart({ title, labels, held, missing, cited }: { title: string; labels: string[]; held: number[]; missing: number[]; cited: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const key = JSON.stringify([labels, held, missing, cited])
  useEffect(() => {
    let chart: Chart | null = null
    let cancelled = false
    loadChart().then((ChartJs) => {
      if (cancelled || !canvas.current) return
      chart = new ChartJs(canvas.current, {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: 'Held', data: held, backgroundColor: HELD, stack: 'serials' },
            { label: 'Cited but not held', data: cited, backgroundColor: CITED, stack: 'serials' },
            { label: 'Other estimated missing', data: missing.map((m, i) => m - cited[i]), backgroundColor: MISSING, stack: 'serials' },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        },
      })
    })
    return () => {
      cancelled = true
      chart?.destroy()
    }
  }, [key])
  const summary = labels.map((l, i) => `${l}: ${held[i]} held, ${missing[i]} missing, ${cited[i]} of them cited`).join('; ')
  return (
    <figure class="chart-card gap-chart">
      <figcaption>
        {title}{' '}
        <span class="legend" data-testid="gap-legend">
          <span class="swatch" style={{ background: HELD }} /> held <span class="swatch" style={{ background: CITED }} /> cited but not held{' '}
          <span class="swatch" style={{ background: MISSING }} /> other estimated missing
        </span>
      </figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} data-testid="gap-chart" />
      </div>
      <details>
        <summary>As a table</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Held</th>
              <th scope="col">Estimated missing</th>
              <th scope="col">Of them cited</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                <td>{held[i]}</td>
                <td>{missing[i]}</td>
                <td>{cited[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

function GapTable({ rows }: { rows: GapRow[] }) {
  return (
    <section aria-labelledby="gap-rows-h">
      <h2 id="gap-rows-h">
        {rows.length.toLocaleString('en-US')} origin{rows.length === 1 ? '' : 's'} and year{rows.length === 1 ? '' : 's'}
      </h2>
      <table class="data gap-table">
        <thead>
          <tr>
            <th scope="col">Origin</th>
            <th scope="col">Year</th>
            <th scope="col">First</th>
            <th scope="col">Last</th>
            <th scope="col">Held</th>
            <th scope="col">Cited</th>
            <th scope="col">Missing</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.origin} ${r.year}`}>
              <th scope="row">
                <a href={hrefFor(['gaps'], { origin: r.origin })}>{r.origin}</a>
              </th>
              <td>
                <a href={hrefFor(['gaps'], { origin: r.origin, year: r.year })} aria-label={`${r.origin} ${r.year} by month`}>
                  {r.year}
                </a>
              </td>
              <td>{r.held + r.cited === 0 ? '–' : r.first}</td>
              <td>{r.held + r.cited === 0 ? '–' : r.last}</td>
              <td>{r.held}</td>
              <td>{r.cited}</td>
              <td>{r.missing}</td>
              <td>{(r.coverage * 100).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
