import type { Mention } from '../archive/people.js'
import { locationHasDirectoryUsers, openMessagingStore } from '../store/open-store.js'

/**
 * The drafter, clearers and approver of every cable this database released, as people mentions (full name
 * from the directory, office as title). Empty for a database without a directory.
 *
 * @example
 *   archivePeople(store, access, await releasedPeople('cables.db'))
 */
export async function releasedPeople(location: string): Promise<Mention[]> {
  if (!(await locationHasDirectoryUsers(location))) return []
  const store = await openMessagingStore(location)
  try {
    const out: Mention[] = []
    for (const id of await store.workflow.draftIds({ state: 'released' })) {
      const d = await store.workflow.draft(id)
      if (!d?.cableId) continue
      const person = async (name: string, role: Mention['role']) => {
        const u = await store.directory.user(name)
        out.push({ cable: d.cableId!, role, written: u?.fullName || name, title: u?.office ?? null })
      }
      await person(d.drafter, 'drafter')
      for (const c of d.cleared) await person(c, 'clearer')
      if (d.approvedBy) await person(d.approvedBy, 'approver')
    }
    return out
  } finally {
    await store.close()
  }
}
