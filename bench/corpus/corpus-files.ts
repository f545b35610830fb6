import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Finds `../shared/corpus` beside the repository, from source (bench/) or compiled (dist/bench/) code. */
export function corpusDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    const candidate = resolve(dir, '../shared/corpus')
    if (existsSync(join(candidate, 'manifest.jsonl'))) return candidate
    dir = resolve(dir, '..')
  }
  return null
}

export interface ManifestEntry {
  id: string
  file: string
  created: string
  classification: string
  origin: string
  tags?: string[]
  title?: string
}

export function readManifest(dir: string): ManifestEntry[] {
  return readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ManifestEntry)
}
