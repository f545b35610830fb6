import type { Access } from '../store/store.js'

/** Who a request acts for, decided once by the authentication middleware. */
export interface Principal {
  /** The directory user, or null for an anonymous reader of a public archive. */
  user: string | null
  /** What the principal may read in the archive; undefined = archive mode (a public, released archive). */
  access: Access | undefined
  via: 'public' | 'session' | 'token'
  /** The session's CSRF token, when logged in by cookie. */
  csrf?: string
}

/** Hono environment of every Cablegram route. */
export interface HttpEnv {
  Variables: { principal: Principal }
}
