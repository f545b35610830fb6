import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MessagingStore } from '../store/messaging-store.js'

/** Finds the package root (the folder holding package.json) from this module, in src/ or in dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find the cablegram package root from ' + import.meta.url)
    dir = up
  }
  return dir
}

/** Folder of the shipped directory tables (`data/directory-*.tsv`). */
export const DEFAULT_DIRECTORY_DIR = join(packageRoot(), 'data')

function rows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
}

export interface DirectoryCounts {
  posts: number
  offices: number
  collectives: number
  members: number
}

/**
 * Loads the shipped directory into a store: posts derived from the routing-indicator table plus the
 * added ones, Department offices, and collectives with their members (inferred memberships flagged).
 * Idempotent: rows are upserted, so running it again refreshes the defaults without touching users.
 */
export async function installDefaultDirectory(store: MessagingStore, dir: string = DEFAULT_DIRECTORY_DIR): Promise<DirectoryCounts> {
  const counts: DirectoryCounts = { posts: 0, offices: 0, collectives: 0, members: 0 }
  await store.transaction(async (tx) => {
    for (const file of ['directory-posts.tsv', 'directory-posts-added.tsv']) {
      for (const [plad, route, origin, kind, source] of rows(join(dir, file))) {
        await tx.directory.upsertPost({ plad, route: route || null, origin, kind, source: source ?? '' })
        counts.posts++
      }
    }
    for (const [post, code, name] of rows(join(dir, 'directory-offices.tsv'))) {
      await tx.directory.upsertOffice(post, code, name ?? '')
      counts.offices++
    }
    const seen = new Set<string>()
    for (const [collective, route, member, inferred, note] of rows(join(dir, 'directory-collectives.tsv'))) {
      if (!seen.has(collective)) {
        await tx.directory.upsertCollective(collective, route || null, note ?? '')
        seen.add(collective)
        counts.collectives++
      }
      await tx.directory.addMember(collective, member, inferred === '1')
      counts.members++
    }
  })
  return counts
}
