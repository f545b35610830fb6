import { createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import { ApiError, setUnauthorizedHandler } from './api.js'
import { currentSession, login, logout, type Session } from './desk-api.js'

export interface SessionState {
  /** undefined while the first look is under way, null when nobody is logged in. */
  session: Session | null | undefined
  /** Why the login screen is shown: a request came back 401 (expired or revoked session, or a server that needs a login). */
  loginReason: string | null
  logIn(user: string, password: string, newPassword?: string): Promise<void>
  logOut(): Promise<void>
}

export const SessionContext = createContext<SessionState>({
  session: null,
  loginReason: null,
  logIn: async () => {},
  logOut: async () => {},
})

export const useSession = () => useContext(SessionContext)

/**
 * Keeps who is logged in. Any request answered 401 ends the session in the UI and asks for a login, with a
 * message saying the session expired when there was one.
 */
export function useSessionState(): SessionState {
  const [session, setSession] = useState<Session | null | undefined>(undefined)
  const [loginReason, setLoginReason] = useState<string | null>(null)
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null))
  }, [])
  useEffect(() => {
    setUnauthorizedHandler((e: ApiError) => {
      if (e.code === 'INVALID_CREDENTIALS' || e.problem.instance === '/api/session') return
      setSession((was) => {
        setLoginReason(was ? 'Your session has expired or was ended. Log in again to continue.' : 'This server needs a login.')
        return null
      })
    })
    return () => setUnauthorizedHandler(null)
  }, [])
  return {
    session,
    loginReason,
    logIn: async (user, password, newPassword) => {
      const s = await login(user, password, newPassword)
      setSession(s)
      setLoginReason(null)
    },
    logOut: async () => {
      try {
        await logout()
      } finally {
        setSession(null)
      }
    },
  }
}

/**
 * The login form; failures (wrong password, too many attempts) are shown with the server's message. When an
 * administrator set the password, the server wants a new one (PASSWORD_CHANGE_REQUIRED): the form then asks
 * for it and sends both.
 */
export function LoginForm({ reason }: { reason: string | null }) {
  const { logIn } = useSession()
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const [mustChange, setMustChange] = useState(false)
  const [newPassword, setNewPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <section class="login" aria-labelledby="login-h">
      <h1 id="login-h">Log in</h1>
      {reason && (
        <p class="notice" role="status">
          {reason}
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          try {
            await logIn(user.trim(), password, mustChange ? newPassword : undefined)
            setPassword('')
            setNewPassword('')
            setMustChange(false)
          } catch (err) {
            if (err instanceof ApiError && err.code === 'PASSWORD_CHANGE_REQUIRED') setMustChange(true)
            setError(err instanceof ApiError && err.status === 401 ? 'Wrong user name or password.' : err instanceof Error ? err.message : String(err))
          } finally {
            setBusy(false)
          }
        }}
      >
        <label>
          User name
          <input name="user" autocomplete="username" required value={user} onInput={(e) => setUser(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {mustChange && (
          <label>
            New password
            <input name="newPassword" type="password" autocomplete="new-password" required value={newPassword} onInput={(e) => setNewPassword(e.currentTarget.value)} />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Log in
        </button>
      </form>
    </section>
  )
}
