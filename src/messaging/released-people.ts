import type { Mention } from '../archive/people.js'
import { hasDirectoryUsers } from '../store/sqlite/messaging-database.js'
import { MessagingStore } from '../store/sqlite/messaging-store.js'

/**
 * The drafter, clearers and approver of every cable this database released, as people mentions (full name
 * from the directory, office as title). Empty for a database without a directory.
 *
 * @example
 *   archivePeople(store, access, releasedPeople('cables.db'))
 */
export function releasedPeople(location: string): Mention[] {
  if (!hasDirectoryUsers(location)) return []
  const store = MessagingStore.open(location)
  try {
    const out: Mention[] = []
    for (const id of store.workflow.draftIds({ state: 'released' })) {
      const d = store.workflow.draft(id)
      if (!d?.cableId) continue
      const person = (name: string, role: Mention['role']) => {
        const u = store.directory.user(name)
        out.push({ cable: d.cableId!, role, written: u?.fullName || name, title: u?.office ?? null })
      }
      person(d.drafter, 'drafter')
      for (const c of d.cleared) person(c, 'clearer')
      if (d.approvedBy) person(d.approvedBy, 'approver')
    }
    return out
  } finally {
    store.close()
  }
}
