import type { Access, Store } from '../store/store.js'
import { storedPortions } from './redact.js'

/**
 * Turns portion-level access (docs/search.md) on or off for the archive in `store`. On: every cable's
 * readable portions are computed from its stored text, exactly as `show` redacts it, and indexed (a while
 * on a large archive); cables written from then on index theirs as they are stored. Off: the portions are
 * dropped and every read path keeps the whole-cable rule. Who may change it is the caller's decision
 * (`archiveConfigurer` in src/messaging). Both engines have it (SQLite and PostgreSQL, the same rules).
 *
 * @example
 *   await configurePortionAccess(store, true)
 */
export async function configurePortionAccess(store: Store, on: boolean): Promise<void> {
  await store.setPortionAccess(on, storedPortions)
}

/**
 * The access a research tool searches the whole archive with: with portion-level access on and a restricted
 * reader, his access with `portions` set, so the cables he may read only in part come back too (marked
 * `partial`: the caller must use only his rendering of them, `redactInPart`/`readableCable`), as his search
 * finds them; otherwise `access` as given (archive mode, or the whole-cable rule).
 *
 * @example
 *   for await (const hit of store.search(null, { sort: 'date' }, await researchAccess(store, access))) …
 */
export async function researchAccess(store: Store, access: Access | undefined): Promise<Access | undefined> {
  return access && (await store.portionAccess()) ? { ...access, portions: true } : access
}
