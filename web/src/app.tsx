import { useCallback, useEffect, useState } from 'preact/hooks'
import { ClassificationBanner, OnScreen, bannerFor } from './banner.js'
import { CablePage } from './archive/cable-page.js'
import { GraphPage } from './archive/graph-page.js'
import { SearchPage } from './archive/search-page.js'
import { StatsPage } from './archive/stats-page.js'
import { DeskPage } from './desk/desk-page.js'
import { lazyPage } from './lazy.js'
import { hrefFor, useRoute } from './router.js'
import { LoginForm, SessionContext, useSessionState } from './session.js'

// the research screens are separate chunks, fetched when first opened (the initial bundle stays small)
const SnapshotPage = lazyPage('snapshot', () => import('./research/snapshot-page.js').then((m) => m.SnapshotPage))
const GapsPage = lazyPage('gap map', () => import('./research/gaps-page.js').then((m) => m.GapsPage))
const PeoplePage = lazyPage('people', () => import('./research/people-page.js').then((m) => m.PeoplePage))
const PersonPage = lazyPage('person', () => import('./research/people-page.js').then((m) => m.PersonPage))
const NetworkPage = lazyPage('network', () => import('./research/network-page.js').then((m) => m.NetworkPage))

/** The shell: banners top and bottom, navigation, and the screen the URL names. */
export function App() {
  const route = useRoute()
  const [onScreen, setOnScreen] = useState<(string | null)[]>([])
  const report = useCallback((c: (string | null)[]) => setOnScreen(c), [])
  const banner = bannerFor(onScreen)
  const [screen] = route.segments
  const session = useSessionState()
  useGlobalKeys()

  let page
  switch (screen) {
    case 'cable':
      page = <CablePage id={route.segments[1] ?? ''} params={route.params} />
      break
    case 'graph':
      page = <GraphPage id={route.segments[1] ?? ''} params={route.params} />
      break
    case 'stats':
      page = <StatsPage />
      break
    case 'snapshot':
      page = <SnapshotPage id={route.segments[1] ?? ''} />
      break
    case 'gaps':
      page = <GapsPage params={route.params} />
      break
    case 'people':
      page = route.segments[1] ? <PersonPage personKey={route.segments[1]} params={route.params} /> : <PeoplePage params={route.params} />
      break
    case 'network':
      page = <NetworkPage params={route.params} />
      break
    case 'desk':
      page = <DeskPage segments={route.segments.slice(1)} params={route.params} />
      break
    default:
      page = <SearchPage params={route.params} />
  }
  // a 401 anywhere (expired session, server that needs a login) replaces the screen by the login form
  if (session.session === null && session.loginReason && screen !== 'desk') page = <LoginForm reason={session.loginReason} />
  const who = session.session
  return (
    <SessionContext.Provider value={session}>
    <OnScreen.Provider value={report}>
      <ClassificationBanner banner={banner} position="top" />
      <header class="topbar">
        <a class="brand" href="#/">
          Cablegram
        </a>
        <nav aria-label="Main">
          <a href={hrefFor(['search'])} aria-current={screen === undefined || screen === 'search' ? 'page' : undefined}>
            Archive
          </a>
          <a href={hrefFor(['stats'])} aria-current={screen === 'stats' ? 'page' : undefined}>
            Statistics
          </a>
          <a href={hrefFor(['gaps'])} aria-current={screen === 'gaps' ? 'page' : undefined}>
            Gap map
          </a>
          <a href={hrefFor(['people'])} aria-current={screen === 'people' ? 'page' : undefined}>
            People
          </a>
          <a href={hrefFor(['network'])} aria-current={screen === 'network' ? 'page' : undefined}>
            Network
          </a>
          <a href={hrefFor(['desk'])} aria-current={screen === 'desk' ? 'page' : undefined}>
            Cable desk
          </a>
        </nav>
        {who && (
          <span class="who">
            <span data-testid="who">{who.user}</span>
            <button type="button" onClick={() => void session.logOut()}>
              Log out
            </button>
          </span>
        )}
      </header>
      <main id="main">{page}</main>
      <ClassificationBanner banner={banner} position="bottom" />
    </OnScreen.Provider>
    </SessionContext.Provider>
  )
}

/** `/` focuses the search box, Esc goes back (unless a field or dialog is handling it). */
function useGlobalKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const typing = isTyping(e.target)
      if (e.key === '/' && !typing) {
        const box = document.getElementById('search-input')
        if (box) {
          e.preventDefault()
          box.focus()
        }
      } else if (e.key === 'Escape' && !typing && /^#\/(cable|graph)\//.test(location.hash)) {
        e.preventDefault()
        history.back()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

/** True when a key press goes to a text field (its letters are text, not commands). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
}
