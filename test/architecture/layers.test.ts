import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The layering the README and docs/architecture state, checked on every import of every source file: a rule
// broken here is a module reaching past its layer (an adapter holding a rule, the core doing I/O, the
// browser bundle pulling in server code).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

interface Import {
  /** The importing file, relative to the repository (`src/archive/gap-map.ts`). */
  file: string
  /** The specifier as written. */
  spec: string
  /** The imported file relative to the repository, for relative specifiers; null for packages and `node:*`. */
  target: string | null
  typeOnly: boolean
}

function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p)
  }
  return out
}

// `import … from '…'`, `export … from '…'` and `import('…')`, over several lines
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8')
  const out: Import[] = []
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4]
    const target = spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts') : null
    out.push({ file, spec, target, typeOnly: m[2] !== undefined })
  }
  return out
}

const all = [...sources('src'), ...sources('web/src')].flatMap(importsOf)
const from = (dir: string) => all.filter((i) => i.file.startsWith(dir))
const show = (list: Import[]) => list.map((i) => `${i.file} → ${i.spec}`)

describe('the layers', () => {
  it('should find the imports it checks', () => {
    // a reader that found nothing would pass every rule below
    expect(from('src/archive/').length).toBeGreaterThan(100)
    expect(from('web/src/').length).toBeGreaterThan(50)
    expect(all.some((i) => i.file === 'src/store/open-store.ts' && i.target?.startsWith('src/store/sqlite/'))).toBe(true)
  })

  it('should keep the engine folders to src/store: nothing else imports src/store/sqlite or src/store/postgres', () => {
    const bad = all.filter((i) => !i.file.startsWith('src/store/') && /^src\/store\/(sqlite|postgres)\//.test(i.target ?? ''))
    expect(show(bad)).toEqual([])
  })

  it('should keep src/store below the service layer: it imports nothing from archive, messaging or the adapters', () => {
    const bad = from('src/store/').filter((i) => /^src\/(archive|messaging|cli|http|lint)\//.test(i.target ?? ''))
    expect(show(bad)).toEqual([])
  })

  it('should keep src/format pure: no I/O, nothing from the layers above', () => {
    const bad = from('src/format/').filter((i) => i.spec.startsWith('node:') || (i.target !== null && !i.target.startsWith('src/format/')))
    expect(show(bad)).toEqual([])
  })

  it('should keep src/lint over the model: it imports src/format and itself only', () => {
    const bad = from('src/lint/').filter((i) => i.target !== null && !/^src\/(format|lint)\//.test(i.target))
    expect(show(bad)).toEqual([])
  })

  it('should keep the lint rules pure: their only I/O is the loading of reference tables and configuration', () => {
    // tables.ts reads data/*.tsv once at module load, config.ts resolves a .cablelintrc path, docs/ writes the
    // rules page: every rule works on the model and those tables
    const edge = new Set(['src/lint/tables.ts', 'src/lint/config.ts'])
    const bad = from('src/lint/').filter((i) => i.spec.startsWith('node:') && !edge.has(i.file) && !i.file.startsWith('src/lint/docs/'))
    expect(show(bad)).toEqual([])
  })

  it('should keep the service layer free of the adapters: archive and messaging import no cli, http or web code', () => {
    const bad = [...from('src/archive/'), ...from('src/messaging/')].filter((i) => /^(src\/(cli|http)|web)\//.test(i.target ?? ''))
    expect(show(bad)).toEqual([])
  })

  it('should keep the browser app a client of the HTTP API: from src/ it takes types, and code that runs in a browser on its own', () => {
    // the web app shares the pure core (the classification screen, the query parser for highlighting) so that no
    // rule is written twice; what it takes must not reach I/O, a database or the service layer's state
    const runtime = new Map<string, Import[]>()
    for (const i of all) if (!i.typeOnly) runtime.set(i.file, [...(runtime.get(i.file) ?? []), i])
    const reach = (start: string): Import[] => {
      const seen = new Set<string>([start])
      const queue = [start]
      const out: Import[] = []
      while (queue.length) {
        for (const i of runtime.get(queue.shift()!) ?? []) {
          out.push(i)
          if (i.target && !seen.has(i.target)) seen.add(i.target), queue.push(i.target)
        }
      }
      return out
    }
    const entries = from('web/src/').filter((i) => i.target?.startsWith('src/') && !i.typeOnly)
    expect(entries.length).toBeGreaterThan(0)
    const bad = entries.flatMap((e) =>
      reach(e.target!)
        .filter((i) => i.spec.startsWith('node:') || /^(better-sqlite3|pg)$/.test(i.spec) || /^src\/(store\/sqlite|store\/postgres|messaging|cli|http)\//.test(i.target ?? ''))
        .map((i) => `${e.file} → ${e.spec} reaches ${i.file} → ${i.spec}`),
    )
    expect(bad).toEqual([])
  })
})
