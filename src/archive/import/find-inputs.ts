import { readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { ImportProblem, InputFile } from './import-types.js'

const KINDS: Record<string, InputFile['kind']> = {
  '.txt': 'text',
  '': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
}

/**
 * The files behind the import arguments: a file as named, a directory walked recursively (sorted, so
 * every run sees the same order). Files of other types and unreadable paths become problems.
 *
 * @example
 *   findInputs(['corpus/cables', 'cables.csv']) // { files: [...], problems: [...] }
 */
export function findInputs(paths: string[]): { files: InputFile[]; problems: ImportProblem[] } {
  const files: InputFile[] = []
  const problems: ImportProblem[] = []
  const visit = (path: string, named: boolean) => {
    let st
    try {
      st = statSync(path)
    } catch (error) {
      problems.push({ locator: path, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
      return
    }
    if (st.isDirectory()) {
      let entries: string[]
      try {
        entries = readdirSync(path).sort()
      } catch (error) {
        problems.push({ locator: path, reason: `cannot list directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
        return
      }
      for (const e of entries) if (!e.startsWith('.')) visit(join(path, e), false)
      return
    }
    if (!st.isFile()) {
      problems.push({ locator: path, reason: 'not a regular file' })
      return
    }
    const ext = extname(path).toLowerCase()
    const kind = KINDS[ext] ?? (named ? 'text' : undefined)
    if (!kind) {
      problems.push({ locator: path, reason: `skipped: "${ext}" is not a cable file type (.txt, .html, .csv, .jsonl)` })
      return
    }
    files.push({ path, kind, bytes: st.size })
  }
  for (const p of paths) visit(p, true)
  return { files, problems }
}
