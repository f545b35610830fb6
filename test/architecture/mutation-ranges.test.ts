/**
 * A `file:a-b` entry of stryker.config.json (and of the groups in stryker.fast.config.mjs) mutates those lines only,
 * and lines move when a file changes: entries have ended on a comment or left out a function's last lines
 * (docs/testing.md). stryker.ranges.json names, beside each entry, the declarations it is meant for; this test reads
 * each file with the TypeScript parser and fails when the range is not exactly their lines (from the first
 * declaration's first line, its docstring left out, to the last one's closing line). An entry for a run of
 * statements inside a function names that function (`within`) and the statement's first line as written (`first`),
 * and must lie inside it. Left out of every mutation set (vitest.mutate.config.ts): Stryker's sandbox holds the
 * sources instrumented, whose lines are not the repository's.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const read = (p: string) => readFileSync(join(root, p), 'utf8')

/** What an entry is meant for: declarations (a name, or `outer.inner` for one declared inside another) or a run of statements. */
type Meant = string[] | { within: string; first: string }

// the groups of `npm run mutate:<group>` (a JavaScript module beside the package, imported by its path)
const { MODULES } = (await import(pathToFileURL(join(root, 'stryker.fast.config.mjs')).href)) as { MODULES: Record<string, string[]> }
const config = JSON.parse(read('stryker.config.json')) as { mutate: string[] }
const sidecar = JSON.parse(read('stryker.ranges.json')) as Record<string, Meant | string>
const meant = Object.fromEntries(Object.entries(sidecar).filter(([k]) => !k.startsWith('_'))) as Record<string, Meant>
const RANGE = /^(.+):(\d+)-(\d+)$/
const ranged = (entries: string[]) => entries.filter((e) => RANGE.test(e))

/** The declarations of a source file by name: functions, methods, classes, variables (an object literal's methods too). */
function declarations(node: ts.Node, source: ts.SourceFile, out = new Map<string, ts.Node[]>(), prefix = ''): Map<string, ts.Node[]> {
  node.forEachChild((child) => {
    let names: string[] = []
    if (ts.isFunctionDeclaration(child) || ts.isMethodDeclaration(child) || ts.isClassDeclaration(child)) names = child.name ? [child.name.getText(source)] : []
    else if (ts.isVariableStatement(child)) names = child.declarationList.declarations.map((d) => d.name.getText(source))
    for (const n of names) out.set(prefix + n, [...(out.get(prefix + n) ?? []), child])
    // a declaration inside another is named `outer.inner`; an unnamed node passes its prefix on
    const inner = names.length === 1 ? `${prefix}${names[0]}.` : prefix
    declarations(child, source, out, inner)
  })
  return out
}

/** Lines (1-based) of a node, its leading comments left out. */
function linesOf(node: ts.Node, source: ts.SourceFile): [number, number] {
  return [source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, source.getLineAndCharacterOfPosition(node.getEnd()).line + 1]
}

function one(decls: Map<string, ts.Node[]>, name: string, file: string): ts.Node {
  const found = decls.get(name) ?? []
  if (found.length !== 1) {
    const like = [...decls.keys()].filter((k) => k === name || k.endsWith(`.${name.split('.').pop()}`))
    throw new Error(`${file}: ${found.length} declarations named ${name} (stryker.ranges.json names one; declared: ${like.join(', ') || 'none alike'})`)
  }
  return found[0]
}

describe('the line ranges of stryker.config.json', () => {
  it('should name what each range is meant for, and only ranges configured', () => {
    expect(Object.keys(meant).sort()).toEqual(ranged(config.mutate).sort())
  })

  it('should configure in a group of stryker.fast.config.mjs every entry of stryker.config.json, and no other', () => {
    expect(Object.values(MODULES).flat().sort()).toEqual([...config.mutate].sort())
  })

  it.each(ranged(config.mutate))('%s should cover what stryker.ranges.json names, exactly', (entry) => {
    const [, file, a, b] = RANGE.exec(entry)!
    const text = read(file)
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const decls = declarations(source, source)
    const m = meant[entry]
    if (Array.isArray(m)) {
      const spans = m.map((n) => linesOf(one(decls, n, file), source))
      // the entry as it should read now
      expect(entry).toBe(`${file}:${Math.min(...spans.map((s) => s[0]))}-${Math.max(...spans.map((s) => s[1]))}`)
    } else {
      const [from, to] = linesOf(one(decls, m.within, file), source)
      expect([entry, text.split('\n')[Number(a) - 1].trim()]).toEqual([entry, m.first])
      expect(Number(a) >= from && Number(b) <= to, `${entry} lies inside ${m.within} (${from}-${to})`).toBe(true)
    }
  })
})
