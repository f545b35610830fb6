import { setImmediate as nextTurn } from 'node:timers/promises'

/**
 * A pause for the event loop every `every` calls. The embedded engine answers synchronously, so a loop over
 * a whole archive (people, network, gap map, snapshot) would otherwise hold the thread for seconds: an HTTP
 * server would stop answering, and timers would not fire, until it ends.
 *
 * @example
 *   const pause = breather()
 *   for await (const hit of store.search(null, options)) { await pause(); … }
 */
export function breather(every = 200): () => Promise<void> {
  let n = 0
  return async () => {
    if (++n % every === 0) await nextTurn()
  }
}
