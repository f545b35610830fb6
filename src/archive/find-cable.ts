import type { Access, Store, StoredCable } from '../store/store.js'
import { idValue } from './query/field-values.js'

/**
 * Looks a cable up by what a user typed: first as a reference id in its canonical form (`09STATE099704` →
 * `09STATE99704`, see `idValue`), then as written (a `sha256:` key, or an id the canonical form does not
 * cover). `look` is one store read (`getCable`, `partialCable`, `versions`) already bound to the reader's
 * access, so the answer never depends on a cable he may not read. Null when neither finds it.
 *
 * @example
 *   await byIdOrKey('09STATE099704', (k) => store.versions(k, access)) // the versions of 09STATE99704
 */
export async function byIdOrKey<T>(id: string, look: (idOrKey: string) => Promise<T | null>): Promise<T | null> {
  return (await look(idValue(id))) ?? (await look(id))
}

/**
 * The cable `id` names (canonical or as-written reference id, or `sha256:` key) if `access` may read it
 * whole (no access: any cable, for callers that audit a denial); null otherwise.
 *
 * @example
 *   const cable = await findCable(store, '09STATE099704', { level: 2, caveats: [] })
 */
export function findCable(store: Store, id: string, access?: Access): Promise<StoredCable | null> {
  return byIdOrKey(id, (k) => store.getCable(k, access))
}

/**
 * The cable `id` names when `access` may read it only in part (portion-level access, `Store.partialCable`);
 * null when he may read it whole, not at all, or portion-level access is off.
 */
export function findPartialCable(store: Store, id: string, access: Access): Promise<StoredCable | null> {
  return byIdOrKey(id, (k) => store.partialCable(k, access))
}
