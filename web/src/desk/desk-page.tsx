import { hrefFor } from '../router.js'
import { LoginForm, useSession } from '../session.js'
import { AuditPage } from './audit-page.js'
import { ComposePage } from './compose-page.js'
import { DraftsPage } from './drafts-page.js'
import { InboxPage } from './inbox-page.js'
import { ReadPage } from './read-page.js'

/** The cable desk: inbox, reading, compose, clearance/approval/release queues, audit (admins). */
export function DeskPage({ segments, params }: { segments: string[]; params: URLSearchParams }) {
  const { session, loginReason } = useSession()
  if (session === undefined) return <p aria-busy="true">Checking your session…</p>
  if (session === null) return <LoginForm reason={loginReason} />
  const [screen = 'inbox', arg] = segments
  const admin = session.roles.includes('admin')
  const link = (name: string, label: string) => (
    <a href={hrefFor(['desk', name])} aria-current={screen === name ? 'page' : undefined}>
      {label}
    </a>
  )
  let page
  switch (screen) {
    case 'read':
      page = <ReadPage id={arg ?? ''} />
      break
    case 'compose':
      page = <ComposePage draftId={arg ? Number(arg) : null} />
      break
    case 'drafts':
      page = <DraftsPage params={params} />
      break
    case 'audit':
      page = admin ? <AuditPage params={params} /> : <p class="error">The audit log is for administrators.</p>
      break
    default:
      page = <InboxPage />
  }
  return (
    <div class="desk">
      <nav class="desk-nav" aria-label="Cable desk">
        {link('inbox', 'Inbox')}
        {link('compose', 'Compose')}
        {link('drafts', 'Drafts and queues')}
        {admin && link('audit', 'Audit')}
        <span class="muted small">
          {session.fullName || session.user} — {session.post}, cleared {session.clearance}
          {session.caveats.length ? `//${session.caveats.join('/')}` : ''}
        </span>
      </nav>
      {page}
    </div>
  )
}
