import type { Chart as ChartType } from 'chart.js'

/**
 * Chart.js, loaded on first use with only the parts the screens draw (bar and line charts), so the search
 * screen paints its results before the chart code arrives. Chart.js rather than hand-drawn SVG: scales,
 * ticks, tooltips and resizing are done and tested there.
 */
let loading: Promise<typeof ChartType> | null = null

export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement, m.CategoryScale, m.LinearScale, m.Tooltip, m.Filler)
    m.Chart.defaults.animation = false
    m.Chart.defaults.font.family = 'system-ui, sans-serif'
    return m.Chart
  })
  return loading
}
