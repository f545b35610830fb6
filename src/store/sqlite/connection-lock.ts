import { AsyncLocalStorage } from 'node:async_hooks'

/** A synchronous object seen through promises: each method returns a promise of its (awaited) result. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K]
}

// which connection lock the current async flow holds (set inside `exclusive`)
const holder = new AsyncLocalStorage<ConnectionLock>()

/**
 * Serializes work on one better-sqlite3 connection. A transaction that awaits between statements
 * (`BEGIN IMMEDIATE … COMMIT` around an async callback) holds the lock; any other call on the same
 * connection — another request of an HTTP server, a second worker pass — waits until it ends, so no
 * statement of another caller ever runs inside someone else's transaction. A call made from inside the
 * transaction on the outer store (not on its `tx`) would wait for itself forever: it is refused at once.
 *
 * @example
 *   const lock = new ConnectionLock()
 *   await lock.exclusive(async () => { db.exec('BEGIN IMMEDIATE'); …; db.exec('COMMIT') })
 */
export class ConnectionLock {
  private current: Promise<void> | null = null

  /** Runs `fn` alone on the connection; other `run` and `exclusive` calls wait for it. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.refuseReentry()
    while (this.current) await this.current
    let release!: () => void
    this.current = new Promise<void>((resolve) => (release = resolve))
    try {
      return await holder.run(this, fn)
    } finally {
      this.current = null
      release()
    }
  }

  /** Runs one synchronous call, at once when no transaction holds the connection, else after it. */
  run<T>(fn: () => T): Promise<T> {
    try {
      this.refuseReentry()
      if (!this.current) return Promise.resolve(fn())
    } catch (error) {
      return Promise.reject(error)
    }
    return this.waitThenRun(fn)
  }

  private async waitThenRun<T>(fn: () => T): Promise<T> {
    while (this.current) await this.current
    return fn()
  }

  private refuseReentry(): void {
    if (holder.getStore() === this) {
      throw new Error('messaging store used outside its own transaction: inside transaction(fn) call the store passed to fn')
    }
  }
}

/**
 * Presents a synchronous SQL object as its async contract: every method call goes through `run`
 * (the connection lock for the store, or straight through for a transaction's view).
 */
export function asyncView<T extends object>(target: T, run: <R>(fn: () => R) => Promise<R>): Async<T> {
  return new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key, t) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => run(() => (value as (...a: unknown[]) => unknown).apply(t, args))
    },
  }) as unknown as Async<T>
}
