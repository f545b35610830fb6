import type { CableSummary } from '../../store/store.js'
import type { ReferenceGraph } from '../reference-graph.js'
import { referenceKindText } from '../date-source.js'

export function describe(key: string, cable: CableSummary | null): string {
  if (!cable) return `${key}  (not in archive)`
  return `${cable.id ?? key}  ${cable.date?.slice(0, 10) ?? '----------'}  ${cable.subject ?? '(no subject)'}`
}

/**
 * The graph as a tree from the root: each cable's `cites →` then `← cited by` children, each cable
 * expanded once (later occurrences say "see above").
 */
export function graphTree(g: ReferenceGraph): string {
  const byKey = new Map(g.nodes.map((n) => [n.key, n]))
  const expanded = new Set<string>()
  const lines: string[] = [describe(g.root, byKey.get(g.root)?.cable ?? null)]
  const walk = (key: string, indent: string, level: number) => {
    expanded.add(key)
    if (level >= g.depth) return
    const children = [
      ...g.edges.filter((e) => e.from === key).map((e) => ({ key: e.to, label: `cites${e.letter ? ` (REF ${e.letter})` : ''} →` })),
      ...g.edges.filter((e) => e.to === key).map((e) => ({ key: e.from, label: '← cited by' })),
    ]
    children.forEach((c, i) => {
      const last = i === children.length - 1
      const seen = expanded.has(c.key)
      lines.push(`${indent}${last ? '└── ' : '├── '}${c.label} ${describe(c.key, byKey.get(c.key)?.cable ?? null)}${seen ? '  (see above)' : ''}`)
      if (!seen) walk(c.key, indent + (last ? '    ' : '│   '), level + 1)
    })
  }
  walk(g.root, '', 0)
  if (g.referencesWithheld) lines.push('What it cites: withheld (you may read this cable only in part; its REF lines stand at its overall level)')
  // the root's references to documents that are no cable: listed under it, never as cables
  if (g.documents.length) {
    lines.push('Also cites (not cables):')
    for (const d of g.documents) lines.push(`  ${d.letter ? `REF ${d.letter}: ` : ''}${d.text}  (${referenceKindText(d.kind)})`)
  }
  return lines.join('\n') + '\n'
}

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** Graphviz DOT: an edge per citation; cables missing from the archive drawn dashed. */
export function graphDot(g: ReferenceGraph): string {
  let out = 'digraph references {\n  rankdir=LR;\n  node [shape=box];\n'
  for (const n of g.nodes) {
    const label = n.cable ? `${n.key}\\n${(n.cable.subject ?? '').slice(0, 60)}` : `${n.key}\\n(not in archive)`
    out += `  ${dotString(n.key)} [label=${dotString(label).replace(/\\\\n/g, '\\n')}${n.cable ? '' : ', style=dashed'}${n.key === g.root ? ', penwidth=2' : ''}];\n`
  }
  for (const e of g.edges) out += `  ${dotString(e.from)} -> ${dotString(e.to)}${e.letter ? ` [label=${dotString(e.letter)}]` : ''};\n`
  return out + '}\n'
}
