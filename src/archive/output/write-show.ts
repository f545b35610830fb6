import type { ArchiveStats } from '../../store/store.js'
import { filingLabel } from '../../format/classification.js'
import type { CableView } from '../show-cable.js'
import { describeDateSource, referenceKindText } from '../date-source.js'
import { describe } from './write-graph.js'
import { tagListText } from '../record-fields.js'

/** A cable for reading: its archive record, the text, resolved references and the cables citing it. */
export function showText(view: CableView, text: string): string {
  const c = view.cable
  const field = (name: string, value: string | null | undefined) => `${(name + ':').padEnd(16)}${value || '-'}\n`
  let out = ''
  out += field('Id', c.id ?? c.key)
  if (c.rawId && c.rawId !== c.id) out += field('Written as', c.rawId)
  // an inferred or container date says so: never shown as if read from a DTG
  out += field('Date', c.date ? `${c.date} (${describeDateSource(c.dateSource)})` : null)
  out += field('Origin', c.origin)
  out += field('Classification', filingLabel(c.classification, c.caveats) ?? 'unknown')
  out += field('Precedence', c.precedence)
  out += field('Subject', c.subject)
  out += field('Tags', tagListText(c.tags))
  out += field('Captions', c.captions.join(' '))
  const held = new Set(view.withheldFields ?? [])
  const inPart = 'withheld: you may read this cable only in part'
  out += field('Diagnostics', held.has('diagnostics') ? `${inPart} (they are of the whole text)` : c.diagnostics.length ? c.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).join(' ') : 'none')
  if (view.withheld) out += field('Redacted', `${view.withheld.length} portion${view.withheld.length === 1 ? '' : 's'} withheld from this reader`)
  out += field('Sources', held.has('sources') ? inPart : c.sources.map((s) => `${s.locator} (${s.rendering})`).join('\n' + ' '.repeat(16)))
  out += '\n' + text + (text.endsWith('\n') ? '' : '\n') + '\n'
  out += 'References:\n'
  if (held.has('references')) out += `  ${inPart} (REF lines stand at its overall level)\n`
  else if (view.references.length === 0) out += '  none\n'
  for (const r of view.references) {
    const label = r.letter ? `REF ${r.letter}` : 'REF'
    // a held cable dated after this one cannot be the one cited: shown, and said so
    const after = r.datedAfter ? '  (dated after this cable: not the cable cited, likely another year\'s)' : ''
    out += r.id ? `  ${label}: ${describe(r.id, r.cable)}${after}\n` : `  ${label}: ${r.text}  (${referenceKindText(r.kind)})\n`
  }
  out += 'Cited by:\n'
  if (view.citedBy.length === 0) out += '  none\n'
  for (const c2 of view.citedBy) out += `  ${describe(c2.key, c2)}\n`
  return out
}

/** Archive counts as text, with a cables-per-month histogram. */
export function statsText(s: ArchiveStats, width = 50): string {
  let out = `Cables: ${s.cables}   sources: ${s.sources}   with parse errors: ${s.withErrors}\n`
  const list = (title: string, rows: { value: string; count: number }[], max = rows.length) => {
    out += `\n${title}:\n`
    const w = Math.max(0, ...rows.slice(0, max).map((r) => r.value.length))
    for (const r of rows.slice(0, max)) out += `  ${r.value.padEnd(w)}  ${r.count}\n`
    if (rows.length > max) out += `  … ${rows.length - max} more\n`
  }
  list('By year', s.byYear)
  list('By classification', s.byClassification)
  list('By origin (top 20)', s.byOrigin, 20)
  out += '\nCables per month:\n'
  const months = fillMonths(s.byMonth)
  const peak = Math.max(1, ...months.map((m) => m.count))
  for (const m of months) {
    const n = Math.round((m.count / peak) * width)
    out += `  ${m.value.padEnd(7)} ${'█'.repeat(n)}${m.count && !n ? '▏' : ''} ${m.count}\n`
  }
  return out
}

/** Every month from the first to the last with cables, empty ones included, undated ones last. */
function fillMonths(rows: { value: string; count: number }[]): { value: string; count: number }[] {
  const dated = rows.filter((r) => /^\d{4}-\d{2}$/.test(r.value))
  const rest = rows.filter((r) => !/^\d{4}-\d{2}$/.test(r.value))
  if (dated.length === 0) return rest
  const counts = new Map(dated.map((r) => [r.value, r.count]))
  const out: { value: string; count: number }[] = []
  let [y, m] = dated[0].value.split('-').map(Number)
  const [ly, lm] = dated[dated.length - 1].value.split('-').map(Number)
  while (y < ly || (y === ly && m <= lm)) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push({ value: key, count: counts.get(key) ?? 0 })
    if (++m > 12) {
      m = 1
      y++
    }
  }
  return [...out, ...rest]
}
