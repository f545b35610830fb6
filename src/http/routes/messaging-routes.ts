import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { describeMarking } from '../../messaging/access.js'
import { actor } from '../../messaging/context.js'
import { LEVEL_NAMES } from '../../messaging/access.js'
import type { ComposedDraft } from '../../messaging/draft-cable.js'
import { draftFromObject, type DraftInput } from '../../messaging/draft-input.js'
import { draftFromTelegram } from '../../messaging/draft-from-telegram.js'
import { directoryListing, listUsers } from '../../messaging/directory-read.js'
import { putUser } from '../../messaging/directory-admin.js'
import { queryAudit } from '../../messaging/audit-log.js'
import { setPassword } from '../../messaging/logins.js'
import { ALERT_ACTION, chargeReads } from '../../messaging/read-guard.js'
import { acknowledge, inbox, readCable } from '../../messaging/reading.js'
import { releaseDraft } from '../../messaging/release.js'
import { feed, subscribe, subscriptions, unsubscribe } from '../../messaging/subscriptions.js'
import { approveDraft, clearDraft, createDraft, draftFindings, listDrafts, updateDraft, visibleDraft } from '../../messaging/workflow.js'
import { ServiceError } from '../../messaging/service-error.js'
import type { Draft } from '../../messaging/types.js'
import type { HttpEnv } from '../env.js'
import { flag, json, problems } from '../schemas.js'
import { messagingOf, type MessagingDeps } from './messaging-deps.js'

const loose = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description })

const DraftBodySchema = loose(
  'DraftInput',
  'The draft fields of docs/messaging.md (precedence, to, info, classification, captions, eo, tags, subject, references, body, signature, clearers), or { telegram: TEXT, clearers } to take them from telegram text; `corrects` names a released cable this draft corrects (create only).',
)
const DraftViewSchema = z
  .object({
    draft: loose('Draft', 'A draft: id, originPost, drafter, fields, clearers, cleared, approvedBy, state, corrects, cableId, createdAt, updatedAt'),
    preview: z.object({ text: z.string(), errors: z.array(z.object({ rule: z.string(), message: z.string() })), recipients: z.array(z.object({ post: z.string(), role: z.string(), precedence: z.string() })), addressees: z.array(z.object({ role: z.string(), name: z.string(), precedence: z.string(), collective: z.boolean(), excluded: z.array(z.string()) })).openapi({ description: 'The TO and INFO lines as the header prints them: each with the precedence it resolved to (its own, else the action precedence for TO and ROUTINE for INFO) and its XMT exclusions' }) }),
  })
  .openapi('DraftView')
const InboxItemSchema = z
  .object({
    cableId: z.string(),
    role: z.enum(['action', 'info']),
    precedence: z.string(),
    classification: z.string().openapi({ example: 'SECRET//NOFORN' }),
    subject: z.string(),
    deliveredAt: z.number(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: z.number().nullable(),
  })
  .openapi('InboxItem')
const DraftId = z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' } }) })
const CableId = z.object({ cableId: z.string().min(1).max(64).openapi({ param: { name: 'cableId', in: 'path' } }) })
const draftBody = { content: { 'application/json': { schema: DraftBodySchema } }, required: true }

/** Reads a draft body: telegram text or structured fields; problems come back with their field paths. */
function draftInput(body: Record<string, unknown>): DraftInput {
  if ('telegram' in body) {
    if (typeof body['telegram'] !== 'string') throw new ServiceError('INVALID', 'telegram: must be the telegram text')
    // clearers are read (and refused with their path) as those of a structured draft are
    return draftFromTelegram(body['telegram'], body['clearers'])
  }
  const { corrects: _corrects, ...fields } = body
  return draftFromObject(fields)
}

const view = (r: { draft: Draft; preview: ComposedDraft }) => ({
  draft: r.draft as unknown as Record<string, unknown>,
  preview: { text: r.preview.text, errors: r.preview.errors, recipients: r.preview.recipients, addressees: r.preview.addressees.map((a) => ({ role: a.role, name: a.name, precedence: a.precedence, collective: a.collective, excluded: a.excluded })) },
})

/**
 * The messaging routes: drafts and their workflow, inbox, reading and acknowledging, subscriptions,
 * directory, users and audit. Each handler calls one service function as the principal; every rule
 * (roles, clearance, workflow order, what a user may see) is in `src/messaging`.
 */
export function registerMessagingRoutes(app: OpenAPIHono<HttpEnv>, deps: MessagingDeps): void {
  const ctx = () => messagingOf(deps)
  const me = (c: { get(k: 'principal'): { user: string | null } }) => c.get('principal').user ?? undefined

  app.openapi(
    createRoute({ method: 'get', path: '/api/drafts', tags: ['drafts'], summary: 'Drafts you may see', description: 'Drafts you may see (docs/messaging.md, "Who may see a draft"): of your post or naming you, within your clearance; a NODIS/EXDIS draft only by its drafter, named clearers and the approvers of its post; a released draft only by those who may read the cable.', responses: { 200: json(z.array(z.object({ id: z.number(), state: z.string(), subject: z.string(), drafter: z.string(), originPost: z.string(), clearers: z.array(z.string()), cleared: z.array(z.string()), updatedAt: z.number() })), 'Drafts'), ...problems(401) } }),
    async (c) => {
      const list = await listDrafts(ctx(), me(c))
      return c.json(list.map(({ draft: d, subject }) => ({ id: d.id, state: d.state, subject, drafter: d.drafter, originPost: d.originPost, clearers: d.clearers, cleared: d.cleared, updatedAt: d.updatedAt })), 200)
    },
  )

  app.openapi(
    createRoute({ method: 'post', path: '/api/drafts', tags: ['drafts'], summary: 'Create a draft', description: 'As the drafter, at your post. The preview shows the telegram it would become and the compose-mode lint errors that would block clearance.', request: { body: draftBody }, responses: { 201: json(DraftViewSchema, 'The draft'), ...problems(400, 401, 403, 404, 413, 422) } }),
    async (c) => {
      const body = c.req.valid('json')
      const corrects = typeof body['corrects'] === 'string' ? body['corrects'] : null
      return c.json(view(await createDraft(ctx(), me(c), draftInput(body), corrects)), 201)
    },
  )

  app.openapi(
    createRoute({ method: 'get', path: '/api/drafts/{id}', tags: ['drafts'], summary: 'One draft', description: 'With its preview.', request: { params: DraftId }, responses: { 200: json(DraftViewSchema, 'The draft'), ...problems(401, 404) } }),
    async (c) => {
      const user = await actor(ctx(), me(c))
      return c.json(view(await visibleDraft(ctx(), user, c.req.valid('param').id, 'show-draft')), 200)
    },
  )

  app.openapi(
    createRoute({ method: 'put', path: '/api/drafts/{id}', tags: ['drafts'], summary: 'Edit a draft', description: 'Replaces its fields (drafter only, before approval); clearances given so far are void.', request: { params: DraftId, body: draftBody }, responses: { 200: json(DraftViewSchema, 'The draft'), ...problems(400, 401, 403, 404, 409, 413, 422) } }),
    async (c) => c.json(view(await updateDraft(ctx(), me(c), c.req.valid('param').id, draftInput(c.req.valid('json')))), 200),
  )

  app.openapi(
    createRoute({ method: 'post', path: '/api/drafts/{id}/lint', tags: ['drafts'], summary: 'Lint a draft', description: 'Every compose-mode finding (errors block clearance, approval and release; warnings do not) with positions in the preview text.', request: { params: DraftId }, responses: { 200: json(z.object({ errors: z.number(), warnings: z.number(), messages: z.array(z.object({ ruleId: z.string(), severity: z.string(), message: z.string(), line: z.number(), column: z.number() })) }), 'Findings'), ...problems(401, 404) } }),
    async (c) => {
      const messages = await draftFindings(ctx(), me(c), c.req.valid('param').id)
      return c.json({ errors: messages.filter((m) => m.severity === 'error').length, warnings: messages.filter((m) => m.severity === 'warning').length, messages }, 200)
    },
  )

  const step = (path: '/api/drafts/{id}/clear' | '/api/drafts/{id}/approve', summary: string, description: string, run: typeof clearDraft) =>
    app.openapi(
      createRoute({ method: 'post', path, tags: ['drafts'], summary, description, request: { params: DraftId }, responses: { 200: json(loose('DraftState', 'The draft after the step'), 'Done'), ...problems(401, 403, 404, 409, 422) } }),
      async (c) => c.json((await run(ctx(), me(c), c.req.valid('param').id)) as unknown as Record<string, unknown>, 200),
    )
  step('/api/drafts/{id}/clear', 'Clear a draft', 'A named clearer clears the lint-clean draft.', clearDraft)
  step('/api/drafts/{id}/approve', 'Approve a draft', 'An approver of the originating post approves once every clearer has cleared.', approveDraft)

  app.openapi(
    createRoute({ method: 'post', path: '/api/drafts/{id}/release', tags: ['drafts'], summary: 'Release a draft', description: 'Numbers (MRN), dates (DTG) and queues the cable for every addressee post and collective member by precedence.', request: { params: DraftId }, responses: { 200: json(z.object({ cableId: z.string(), mrn: z.string(), dtg: z.string(), sections: z.number(), deliveries: z.array(z.object({ post: z.string(), role: z.string(), precedence: z.string() })), text: z.string() }).openapi('Release'), 'Released'), ...problems(401, 403, 404, 409, 422) } }),
    async (c) => {
      const result = await releaseDraft(ctx(), me(c), c.req.valid('param').id)
      deps.messaging.inboxChanged.notify()
      return c.json(result, 200)
    },
  )

  app.openapi(
    createRoute({ method: 'get', path: '/api/inbox', tags: ['inbox'], summary: 'Your post\'s inbox', description: 'Most urgent first (FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE), only cables you are cleared for.', request: { query: z.object({ unacknowledged: flag }) }, responses: { 200: json(z.array(InboxItemSchema), 'Inbox'), ...problems(401) } }),
    async (c) => c.json(await inbox(ctx(), me(c), { unacknowledged: c.req.valid('query').unacknowledged }), 200),
  )

  app.openapi(
    createRoute({ method: 'get', path: '/api/inbox/{cableId}', tags: ['inbox'], summary: 'Read a cable', description: 'A released cable delivered to (or sent by) your post, within your clearance; the read is audited and counted by the bulk-read guard.', request: { params: CableId }, responses: { 200: json(z.object({ cableId: z.string(), subject: z.string(), precedence: z.string(), classification: z.string(), text: z.string() }), 'The cable'), ...problems(401, 404, 429) } }),
    async (c) => {
      const user = await actor(ctx(), me(c))
      const { cable, text } = await readCable(ctx(), user.name, c.req.valid('param').cableId)
      await chargeReads(ctx(), user, 'read', 1)
      return c.json({ cableId: cable.id, subject: cable.subject, precedence: cable.precedence, classification: describeMarking({ level: cable.level, caveats: cable.caveats }), text }, 200)
    },
  )

  app.openapi(
    createRoute({ method: 'post', path: '/api/inbox/{cableId}/ack', tags: ['inbox'], summary: 'Acknowledge a cable', description: 'Receipt at your post (FLASH and NIACT must be acknowledged).', request: { params: CableId }, responses: { 200: json(z.object({ acknowledged: z.boolean() }), 'false when it already was'), ...problems(401, 404, 409) } }),
    async (c) => {
      const r = await acknowledge(ctx(), me(c), c.req.valid('param').cableId)
      deps.messaging.inboxChanged.notify()
      return c.json(r, 200)
    },
  )

  const Subscription = z.object({ kind: z.enum(['tag', 'caption', 'keyword']), value: z.string().min(1).max(200) }).openapi('Subscription')
  app.openapi(
    createRoute({ method: 'get', path: '/api/subscriptions', tags: ['subscriptions'], summary: 'Your subscriptions', description: 'TAGS, captions and keywords you follow, and the inbox cables they match.', responses: { 200: json(z.object({ subscriptions: z.array(Subscription), feed: z.array(InboxItemSchema.extend({ matched: z.array(z.string()) })) }), 'Subscriptions and matches'), ...problems(401) } }),
    async (c) => c.json({ subscriptions: await subscriptions(ctx(), me(c)), feed: await feed(ctx(), me(c)) }, 200),
  )
  app.openapi(
    createRoute({ method: 'post', path: '/api/subscriptions', tags: ['subscriptions'], summary: 'Subscribe', request: { body: { content: { 'application/json': { schema: Subscription } }, required: true } }, responses: { 204: { description: 'Subscribed' }, ...problems(401, 422) } }),
    async (c) => {
      const s = c.req.valid('json')
      await subscribe(ctx(), me(c), s.kind, s.value)
      return c.body(null, 204)
    },
  )
  app.openapi(
    createRoute({ method: 'delete', path: '/api/subscriptions/{kind}/{value}', tags: ['subscriptions'], summary: 'Unsubscribe', request: { params: Subscription }, responses: { 204: { description: 'Unsubscribed' }, ...problems(401, 404, 422) } }),
    async (c) => {
      const s = c.req.valid('param')
      if (!(await unsubscribe(ctx(), me(c), s.kind, s.value))) throw new ServiceError('NOT_FOUND', `no subscription ${s.kind}:${s.value}`)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({ method: 'get', path: '/api/directory', tags: ['directory'], summary: 'The directory', description: 'Posts (PLAD, routing indicator, MRN origin) and collectives with their members.', responses: { 200: json(z.object({ posts: z.array(loose('Post', 'plad, route, origin, kind, source')), collectives: z.array(loose('Collective', 'plad, route, note, members')) }), 'Posts and collectives'), ...problems(401) } }),
    async (c) => c.json(await directoryListing(ctx(), me(c)), 200),
  )

  // clearance by name, as a user is written (PUT) and as the session shows it; the service keeps the rank
  const UserSchema = z.object({ name: z.string(), fullName: z.string(), post: z.string(), office: z.string().nullable(), roles: z.array(z.string()), clearance: z.enum(LEVEL_NAMES as [string, ...string[]]), caveats: z.array(z.string()), active: z.boolean() }).openapi('User')
  const userView = <T extends { clearance: number }>(u: T) => ({ ...u, clearance: LEVEL_NAMES[u.clearance] })
  app.openapi(
    createRoute({ method: 'get', path: '/api/users', tags: ['users'], summary: 'Users (admin)', responses: { 200: json(z.array(UserSchema), 'Users'), ...problems(401, 403) } }),
    async (c) => c.json((await listUsers(ctx(), me(c))).map(userView), 200),
  )
  app.openapi(
    createRoute({ method: 'put', path: '/api/users/{name}', tags: ['users'], summary: 'Create or change a user (admin)', request: { params: z.object({ name: z.string().min(1).max(100) }), body: { content: { 'application/json': { schema: z.object({ fullName: z.string().max(200).optional(), post: z.string().min(1).max(200), office: z.string().max(100).nullable().optional(), roles: z.array(z.string()).min(1), clearance: z.string().min(1), caveats: z.array(z.string()).optional(), active: z.boolean().optional() }).openapi('UserSpec') } }, required: true } }, responses: { 200: json(UserSchema, 'The user'), ...problems(401, 403, 422) } }),
    async (c) => {
      const body = c.req.valid('json')
      return c.json(userView(await putUser(ctx(), me(c), { ...body, office: body.office ?? undefined, name: c.req.valid('param').name } as Parameters<typeof putUser>[2])), 200)
    },
  )
  app.openapi(
    createRoute({ method: 'put', path: '/api/users/{name}/password', tags: ['users'], summary: 'Set a password', description: 'Your own (with `currentPassword`), or anyone\'s you dominate as an admin (temporary: changed at the next login); every session of that user ends.', request: { params: z.object({ name: z.string().min(1).max(100) }), body: { content: { 'application/json': { schema: z.object({ password: z.string().min(1).max(1024), currentPassword: z.string().max(1024).optional().openapi({ description: 'Your current password: required to change your own' }) }) } }, required: true } }, responses: { 204: { description: 'Set' }, ...problems(401, 403, 404, 422) } }),
    async (c) => {
      await setPassword(ctx(), me(c), c.req.valid('param').name, c.req.valid('json').password, { currentPassword: c.req.valid('json').currentPassword })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({ method: 'get', path: '/api/audit', tags: ['audit'], summary: 'The audit log (admin)', description: '`alerts=1` lists only bulk-read alerts.', request: { query: z.object({ actor: z.string().max(100).optional(), action: z.string().max(100).optional(), outcome: z.enum(['ok', 'denied', 'refused']).optional(), cable: z.string().max(64).optional(), since: z.string().datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(500), alerts: flag }) }, responses: { 200: json(z.array(z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), outcome: z.string(), cableId: z.string().nullable(), draftId: z.number().nullable(), post: z.string().nullable(), detail: z.string() }).openapi('AuditEntry')), 'Entries, oldest first'), ...problems(401, 403, 422) } }),
    async (c) => {
      const q = c.req.valid('query')
      const entries = await queryAudit(ctx(), me(c), {
        actor: q.actor,
        action: q.alerts ? ALERT_ACTION : q.action,
        outcome: q.outcome,
        cableId: q.cable,
        since: q.since ? Date.parse(q.since) : undefined,
        limit: q.limit,
      })
      return c.json(entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), 200)
    },
  )
}
