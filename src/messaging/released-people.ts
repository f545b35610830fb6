import type { Mention } from '../archive/people.js'
import type { MessagingStore } from '../store/messaging-store.js'
import type { User } from './types.js'

/**
 * The drafter, clearers and approver of every cable this messaging database released, as people mentions
 * (full name from the directory, office as title), unfiltered: `archivePeople` keeps only those of cables
 * the reader may read, and every adapter reaches them through it.
 *
 * @example
 *   await releasedPeople(ctx.store) // [{ cable: '26STATE1', role: 'drafter', written: 'Dana Ames', title: 'SCA/CEN' }, …]
 */
export async function releasedPeople(store: Pick<MessagingStore, 'workflow' | 'directory'>): Promise<Mention[]> {
  const out: Mention[] = []
  const users = new Map<string, User | null>()
  const user = async (name: string) => {
    if (!users.has(name)) users.set(name, await store.directory.user(name))
    return users.get(name)
  }
  for (const id of await store.workflow.draftIds({ state: 'released' })) {
    const d = await store.workflow.draft(id)
    if (!d?.cableId) continue
    const person = async (name: string, role: Mention['role']) => {
      const u = await user(name)
      // a user without a full name is named by his login, written as a telegram writes a surname (`DANA`): a
      // lower-case word is prose to the name reader (`splitName`), and a directory user is a person whatever it holds
      out.push({ cable: d.cableId!, role, written: u?.fullName || name.toUpperCase(), title: u?.office ?? null })
    }
    await person(d.drafter, 'drafter')
    for (const c of d.cleared) await person(c, 'clearer')
    if (d.approvedBy) await person(d.approvedBy, 'approver')
  }
  return out
}
