import type { GapOutlierReason, GapRow } from '../gap-map.js'

/** Why an outlier is left out, as the detail table says it. */
const WHY: Record<GapOutlierReason, string> = {
  fence: "cited serial far outside the year's serials",
  scale: 'cited serial out of scale with every other serial of its post',
  date: 'cited serial above one held and dated after every cable citing it',
}

/**
 * The gap map as a table, one line per origin and year; with `detail` (a single origin and year asked for)
 * also the months, as bars of held, cited-but-missing and other estimated-missing cables, and the
 * known-but-missing ids.
 */
export function gapsText(rows: GapRow[], detail: boolean, width = 40): string {
  if (rows.length === 0) return 'No cables with reference ids match.\n'
  const w = Math.max(6, ...rows.map((r) => r.origin.length))
  let out = `${'origin'.padEnd(w)}  year  first     last      held  cited  missing  coverage\n`
  for (const r of rows) {
    // a row whose every serial was set aside spans no range
    const none = r.held + r.cited === 0
    out += `${r.origin.padEnd(w)}  ${r.year}  ${(none ? '-' : String(r.first)).padEnd(8)}  ${(none ? '-' : String(r.last)).padEnd(8)}  ${String(r.held).padStart(4)}  ${String(r.cited).padStart(5)}  ${String(r.missing).padStart(7)}  ${(r.coverage * 100).toFixed(1).padStart(7)}%\n`
  }
  const odd = rows.reduce((n, r) => n + r.outliers.length, 0)
  if (odd) out += `\n${odd} cited serial${odd === 1 ? '' : 's'} that cannot be ${odd === 1 ? 'a cable' : 'cables'} of ${odd === 1 ? 'its' : 'their'} origin-year left out as outliers (see --format json or one --origin and --year).\n`
  if (!detail) return out
  for (const r of rows) {
    const peak = Math.max(1, ...r.byMonth.map((m) => m.held + m.missing))
    out += `\n${r.origin} ${r.year} by month (█ held, ▓ cited but not held, ░ other estimated missing):\n`
    for (const m of r.byMonth) {
      const h = Math.round((m.held / peak) * width)
      // a month with a cited serial shows at least one ▓, however many others are missing
      const c = m.cited ? Math.max(1, Math.round((m.cited / peak) * width)) : 0
      const x = Math.max(0, Math.round((m.missing / peak) * width) - c)
      out += `  ${m.month.padEnd(7)} ${'█'.repeat(h)}${'▓'.repeat(c)}${'░'.repeat(x)} ${m.held} held, ${m.missing} missing (${m.cited} cited)\n`
    }
    out += `Known but missing (cited, not held): ${r.citedMissing.length ? r.citedMissing.join(' ') : 'none'}\n`
    for (const o of r.outliers) out += `Outlier (${WHY[o.reason]}, not counted): ${o.id} cited by ${o.citedBy.join(' ') || '(no visible cable)'}\n`
  }
  return out
}
