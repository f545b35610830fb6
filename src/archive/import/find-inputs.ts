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
  '.json': 'json',
}

/**
 * The files behind the import arguments: a file as named, a directory walked recursively (sorted, so
 * every run sees the same order). Symbolic links are followed, but each directory is walked and each file
 * read once, whatever path reaches it: a link back to a directory being walked (a loop) is reported as a
 * problem and not followed, and a second path to a file already found is skipped. Files of other types and
 * unreadable paths (a link to itself: ELOOP) become problems.
 *
 * @example
 *   findInputs(['corpus/cables', 'cables.csv']) // { files: [...], problems: [...] }
 */
export function findInputs(paths: string[]): { files: InputFile[]; problems: ImportProblem[] } {
  const files: InputFile[] = []
  const problems: ImportProblem[] = []
  // device and inode of every directory walked and file taken, with the path that first reached it
  const seen = new Map<string, string>()
  const walking = new Set<string>()
  const visit = (path: string, named: boolean) => {
    let st
    try {
      st = statSync(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      problems.push({ locator: path, reason: code === 'ELOOP' ? 'symbolic link loop: the link leads back to itself' : `cannot read: ${code ?? String(error)}` })
      return
    }
    const identity = `${st.dev}:${st.ino}`
    const first = seen.get(identity)
    if (st.isDirectory()) {
      if (walking.has(identity)) {
        problems.push({ locator: path, reason: `symbolic link loop: leads back to ${first}, which contains it; not followed` })
        return
      }
      if (first !== undefined) return // another link to a directory already walked
      seen.set(identity, path)
      let entries: string[]
      try {
        entries = readdirSync(path).sort()
      } catch (error) {
        problems.push({ locator: path, reason: `cannot list directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
        return
      }
      walking.add(identity)
      for (const e of entries) if (!e.startsWith('.')) visit(join(path, e), false)
      walking.delete(identity)
      return
    }
    if (!st.isFile()) {
      problems.push({ locator: path, reason: 'not a regular file' })
      return
    }
    if (first !== undefined) return // the same file reached again through a link: read once
    const ext = extname(path).toLowerCase()
    const kind = KINDS[ext] ?? (named ? 'text' : undefined)
    if (!kind) {
      problems.push({ locator: path, reason: `skipped: "${ext}" is not a cable file type (.txt, .html, .csv, .jsonl, .json)` })
      return
    }
    seen.set(identity, path)
    files.push({ path, kind, bytes: st.size })
  }
  for (const p of paths) visit(p, true)
  return { files, problems }
}
