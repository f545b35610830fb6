import pg from 'pg'
import type { ApiTokenRow, SessionRow } from '../auth-types.js'
import type { AuditStore, AuthStore, ChainedEntry, DeliveryStore, DirectoryStore, MessagingStore, SubscriptionStore, WorkflowStore } from '../messaging-store.js'
import type {
  AuditEntry,
  AuditFilter,
  Collective,
  DeliveryRow,
  Draft,
  DraftFields,
  InboxRow,
  NewDelivery,
  Post,
  ReleasedCableHead,
  ReleasedCableRow,
  Role,
  Subscription,
  User,
} from '../messaging-types.js'
import { messagingPool } from './messaging-migrations.js'
import { writeBatch } from './pg-writer.js'
import { accessSql, Params } from './pg-search.js'
import { CHAIN_MIGRATION, entryHash, GENESIS_HASH, refuseHeadless, type RecordedHead } from '../audit-chain.js'
import { acquirePool, connectClient, inTransaction, newClient, releasePool } from './pool.js'

/** The channel a committed release notifies; idle workers LISTEN on it. */
export const DELIVERY_CHANNEL = 'cablegram_delivery'

type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>

// bigint columns (epoch milliseconds, delivery and audit ids) arrive as strings: numbers within 2^53
const num = (v: unknown): number => Number(v)
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

const POST = 'plad, route, origin, kind, source'
const deliveryColumns = (t: string) => `${t}id, ${t}cable_id AS "cableId", ${t}post, ${t}role, ${t}precedence, ${t}rank, ${t}queued_at AS "queuedAt",
  ${t}lease_owner AS "leaseOwner", ${t}lease_until AS "leaseUntil", ${t}attempts, ${t}delivered_at AS "deliveredAt"`
const DELIVERY = deliveryColumns('')
const INBOX = `delivery_id AS "deliveryId", post, cable_id AS "cableId", role, precedence, rank, delivered_at AS "deliveredAt",
  acknowledged_by AS "acknowledgedBy", acknowledged_at AS "acknowledgedAt"`
const CABLE = `id, draft_id AS "draftId", origin, year, serial, origin_post AS "originPost", precedence, level, caveats, subject, tags,
  captions, dtg, text, json, corrects, released_by AS "releasedBy", released_at AS "releasedAt"`

const toDelivery = (r: pg.QueryResultRow): DeliveryRow => ({
  ...(r as DeliveryRow),
  id: num(r.id),
  queuedAt: num(r.queuedAt),
  leaseUntil: numOrNull(r.leaseUntil),
  deliveredAt: numOrNull(r.deliveredAt),
})
const toInbox = (r: pg.QueryResultRow): InboxRow => ({
  ...(r as InboxRow),
  deliveryId: num(r.deliveryId),
  deliveredAt: num(r.deliveredAt),
  acknowledgedAt: numOrNull(r.acknowledgedAt),
})
const toCable = (r: pg.QueryResultRow): ReleasedCableRow => ({ ...(r as ReleasedCableRow), releasedAt: num(r.releasedAt) })
const toUser = (r: pg.QueryResultRow): User => ({
  name: r.name,
  fullName: r.full_name,
  post: r.post,
  office: r.office,
  roles: r.roles as Role[],
  clearance: r.clearance,
  caveats: r.caveats,
  active: r.active,
})
const byQueueOrder = (a: DeliveryRow, b: DeliveryRow) => a.rank - b.rank || a.queuedAt - b.queuedAt || a.id - b.id

/** Directory SQL: posts, offices, collectives, users. */
function directoryOn(q: Query): DirectoryStore {
  return {
    async upsertPost(p) {
      await q(
        `INSERT INTO msg_post (plad, route, origin, kind, source) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (plad) DO UPDATE SET route = excluded.route, origin = excluded.origin, kind = excluded.kind, source = excluded.source`,
        [p.plad, p.route, p.origin, p.kind, p.source],
      )
    },
    async post(plad) {
      return (await q<Post>(`SELECT ${POST} FROM msg_post WHERE plad = $1`, [plad])).rows[0] ?? null
    },
    async postByRoute(route) {
      return (await q<Post>(`SELECT ${POST} FROM msg_post WHERE route = $1 ORDER BY plad LIMIT 1`, [route])).rows[0] ?? null
    },
    async posts() {
      return (await q<Post>(`SELECT ${POST} FROM msg_post ORDER BY plad`)).rows
    },
    async postCount() {
      return num((await q('SELECT count(*) AS n FROM msg_post')).rows[0].n)
    },
    async upsertOffice(post, code, name) {
      await q('INSERT INTO msg_office (post, code, name) VALUES ($1, $2, $3) ON CONFLICT (post, code) DO UPDATE SET name = excluded.name', [post, code, name])
    },
    async offices(post) {
      const sql = 'SELECT post, code, name FROM msg_office' + (post ? ' WHERE post = $1' : '') + ' ORDER BY post, code'
      return (await q<{ post: string; code: string; name: string }>(sql, post ? [post] : [])).rows
    },
    async office(post, code) {
      return ((await q('SELECT 1 FROM msg_office WHERE post = $1 AND code = $2', [post, code])).rowCount ?? 0) > 0
    },
    async upsertCollective(plad, route, note) {
      await q('INSERT INTO msg_collective (plad, route, note) VALUES ($1, $2, $3) ON CONFLICT (plad) DO UPDATE SET route = excluded.route, note = excluded.note', [plad, route, note])
    },
    async addMember(collective, post, inferred) {
      await q(
        'INSERT INTO msg_collective_member (collective, post, inferred) VALUES ($1, $2, $3) ON CONFLICT (collective, post) DO UPDATE SET inferred = excluded.inferred',
        [collective, post, inferred],
      )
    },
    async removeMember(collective, post) {
      return ((await q('DELETE FROM msg_collective_member WHERE collective = $1 AND post = $2', [collective, post])).rowCount ?? 0) > 0
    },
    async collective(plad) {
      return (await collectives(q, plad))[0] ?? null
    },
    async collectives() {
      return collectives(q, null)
    },
    async upsertUser(u) {
      await q(
        `INSERT INTO msg_user (name, full_name, post, office, roles, clearance, caveats, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (name) DO UPDATE SET full_name = excluded.full_name, post = excluded.post, office = excluded.office,
           roles = excluded.roles, clearance = excluded.clearance, caveats = excluded.caveats, active = excluded.active`,
        [u.name, u.fullName, u.post, u.office, u.roles, u.clearance, u.caveats, u.active],
      )
    },
    async user(name) {
      const row = (await q('SELECT * FROM msg_user WHERE name = $1', [name])).rows[0]
      return row ? toUser(row) : null
    },
    async users(post) {
      const sql = 'SELECT * FROM msg_user' + (post ? ' WHERE post = $1' : '') + ' ORDER BY name'
      return (await q(sql, post ? [post] : [])).rows.map(toUser)
    },
    async userCount() {
      return num((await q('SELECT count(*) AS n FROM msg_user')).rows[0].n)
    },
  }
}

/** Collectives with their members by post, in one query (all, or the one named). */
async function collectives(q: Query, plad: string | null): Promise<Collective[]> {
  const { rows } = await q<Collective>(
    `SELECT c.plad, c.route, c.note,
       coalesce(json_agg(json_build_object('post', m.post, 'inferred', m.inferred) ORDER BY m.post) FILTER (WHERE m.post IS NOT NULL), '[]') AS members
     FROM msg_collective c LEFT JOIN msg_collective_member m ON m.collective = c.plad
     ${plad === null ? '' : 'WHERE c.plad = $1'}
     GROUP BY c.plad ORDER BY c.plad`,
    plad === null ? [] : [plad],
  )
  return rows
}

/** Workflow SQL: drafts, clearances, approvals, MRN/MCN counters, released cables and their archive rows. */
function workflowOn(q: Query, client: pg.ClientBase | null): WorkflowStore {
  const draft = async (id: number, lock: boolean): Promise<Draft | null> => {
    const row = (await q(`SELECT * FROM msg_draft WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0]
    if (!row) return null
    const cleared = await q<{ clearer: string }>('SELECT clearer FROM msg_clearance WHERE draft_id = $1 ORDER BY at, clearer', [id])
    const approval = await q<{ approver: string }>('SELECT approver FROM msg_approval WHERE draft_id = $1', [id])
    return {
      id: row.id,
      originPost: row.origin_post,
      drafter: row.drafter,
      fields: row.fields as DraftFields,
      clearers: row.clearers as string[],
      cleared: cleared.rows.map((c) => c.clearer),
      approvedBy: approval.rows[0]?.approver ?? null,
      state: row.state,
      corrects: row.corrects,
      cableId: row.cable_id,
      createdAt: num(row.created_at),
      updatedAt: num(row.updated_at),
    }
  }
  return {
    async insertDraft(d) {
      const { rows } = await q<{ id: number }>(
        `INSERT INTO msg_draft (origin_post, drafter, fields, clearers, state, corrects, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $6) RETURNING id`,
        [d.originPost, d.drafter, JSON.stringify(d.fields), JSON.stringify(d.clearers), d.corrects, d.at],
      )
      return rows[0].id
    },
    async updateDraft(id, fields, clearers, at) {
      // one statement: the new text and the end of the clearances given to the old one commit together
      await q(
        `WITH d AS (UPDATE msg_draft SET fields = $2, clearers = $3, updated_at = $4 WHERE id = $1 RETURNING id)
         DELETE FROM msg_clearance WHERE draft_id IN (SELECT id FROM d)`,
        [id, JSON.stringify(fields), JSON.stringify(clearers), at],
      )
    },
    draft: (id) => draft(id, false),
    lockDraft: (id) => draft(id, client !== null),
    async draftIds(filter) {
      const where: string[] = []
      const args: unknown[] = []
      if (filter.state) (args.push(filter.state), where.push(`state = $${args.length}`))
      if (filter.originPost) (args.push(filter.originPost), where.push(`origin_post = $${args.length}`))
      const sql = 'SELECT id FROM msg_draft' + (where.length ? ' WHERE ' + where.join(' AND ') : '') + ' ORDER BY id'
      return (await q<{ id: number }>(sql, args)).rows.map((r) => r.id)
    },
    async recordClearance(draftId, clearer, at) {
      await q('INSERT INTO msg_clearance (draft_id, clearer, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [draftId, clearer, at])
    },
    async recordApproval(draftId, approver, at) {
      await q(
        `WITH a AS (INSERT INTO msg_approval (draft_id, approver, at) VALUES ($1, $2, $3) RETURNING draft_id)
         UPDATE msg_draft SET state = 'approved', updated_at = $3 WHERE id IN (SELECT draft_id FROM a)`,
        [draftId, approver, at],
      )
    },
    async nextSerial(origin, year) {
      // the counter row stays locked until the release commits: concurrent releases of one origin queue here
      const { rows } = await q<{ last_serial: number }>(
        `INSERT INTO msg_mrn_counter (origin, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (origin, year) DO UPDATE SET last_serial = msg_mrn_counter.last_serial + 1 RETURNING last_serial`,
        [origin, year],
      )
      return rows[0].last_serial
    },
    async peekSerial(origin, year) {
      const { rows } = await q<{ last_serial: number }>('SELECT last_serial FROM msg_mrn_counter WHERE origin = $1 AND year = $2', [origin, year])
      return (rows[0]?.last_serial ?? 0) + 1
    },
    async nextMcn(originPost, post) {
      const { rows } = await q<{ last_mcn: number }>(
        `INSERT INTO msg_mcn_counter (origin_post, post, last_mcn) VALUES ($1, $2, 1)
         ON CONFLICT (origin_post, post) DO UPDATE SET last_mcn = (msg_mcn_counter.last_mcn % 9999) + 1 RETURNING last_mcn`,
        [originPost, post],
      )
      return rows[0].last_mcn
    },
    async insertCable(c) {
      await q(
        `WITH c AS (
           INSERT INTO msg_cable (id, draft_id, origin, year, serial, origin_post, precedence, level, caveats, subject, tags, captions,
             dtg, text, json, corrects, released_by, released_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING draft_id)
         UPDATE msg_draft SET state = 'released', cable_id = $1, updated_at = $18 WHERE id IN (SELECT draft_id FROM c)`,
        [c.id, c.draftId, c.origin, c.year, c.serial, c.originPost, c.precedence, c.level, c.caveats, c.subject, c.tags, c.captions, c.dtg, c.text, c.json, c.corrects, c.releasedBy, c.releasedAt],
      )
    },
    async archiveCable(record) {
      // the archive engine's own writer on this transaction's connection: cable row and release commit together
      if (!client) throw new Error('archiveCable runs inside a messaging transaction (store.transaction)')
      return writeBatch(client, [record])
    },
    async cable(id) {
      const row = (await q(`SELECT ${CABLE} FROM msg_cable WHERE id = $1`, [id])).rows[0]
      return row ? toCable(row) : null
    },
    async cableHead(id) {
      const row = (await q(`SELECT id, origin_post AS "originPost", level, caveats, subject, tags, captions FROM msg_cable WHERE id = $1`, [id])).rows[0]
      return (row as ReleasedCableHead | undefined) ?? null
    },
    async cables() {
      return (await q(`SELECT ${CABLE} FROM msg_cable ORDER BY released_at, id`)).rows.map(toCable)
    },
    async serials(origin, year) {
      return (await q<{ serial: number }>('SELECT serial FROM msg_cable WHERE origin = $1 AND year = $2 ORDER BY serial', [origin, year])).rows.map((r) => r.serial)
    },
    async setPrincipals(cableId, users) {
      for (const u of new Set(users)) await q('INSERT INTO msg_principal (cable_id, user_name) VALUES ($1, $2)', [cableId, u])
    },
    async principals(cableId) {
      return (await q<{ user_name: string }>('SELECT user_name FROM msg_principal WHERE cable_id = $1 ORDER BY user_name', [cableId])).rows.map((r) => r.user_name)
    },
    async archiveHas(key) {
      return ((await q('SELECT 1 FROM cables WHERE key = $1', [key])).rowCount ?? 0) > 0
    },
    async readable(ids, access) {
      // THE access rule of this engine (accessSql), over the archive's cable rows
      const p = new Params()
      const keys = p.param([...new Set(ids)])
      const where = accessSql(access, p)
      const { rows } = await q<{ key: string }>(`SELECT c.key FROM cables c WHERE c.key = ANY(${keys}::text[]) AND ${where}`, p.params)
      return new Set(rows.map((r) => r.key))
    },
  }
}

/** Delivery SQL: the queue (`FOR UPDATE SKIP LOCKED` claims) and the inboxes. */
function deliveryOn(q: Query, store: PgMessagingStore): DeliveryStore {
  return {
    async enqueue(deliveries) {
      if (deliveries.length === 0) return
      const column = <K extends keyof NewDelivery>(k: K) => deliveries.map((d) => d[k])
      await q(
        `INSERT INTO msg_delivery (cable_id, post, role, precedence, rank, queued_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])`,
        [column('cableId'), column('post'), column('role'), column('precedence'), column('rank'), column('queuedAt')],
      )
      await store.queued()
    },
    async claim(owner, now, leaseMs, limit) {
      // SKIP LOCKED: two workers claiming at once take different items instead of queueing on the same rows
      const { rows } = await q(
        `WITH picked AS (
           SELECT id FROM msg_delivery
           WHERE delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY rank, queued_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
         UPDATE msg_delivery d SET lease_owner = $2, lease_until = $1 + $3, attempts = d.attempts + 1
         FROM picked WHERE d.id = picked.id
         RETURNING ${deliveryColumns('d.')}`,
        [now, owner, leaseMs, limit],
      )
      return rows.map(toDelivery).sort(byQueueOrder)
    },
    async mostUrgentClaimable(now) {
      const { rows } = await q<{ rank: number }>(
        'SELECT rank FROM msg_delivery WHERE delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= $1) ORDER BY rank, queued_at, id LIMIT 1',
        [now],
      )
      return rows[0]?.rank ?? null
    },
    async releaseLeases(owner, ids) {
      if (ids.length === 0) return
      await q('UPDATE msg_delivery SET lease_owner = NULL, lease_until = NULL WHERE id = ANY($1::bigint[]) AND lease_owner = $2 AND delivered_at IS NULL', [ids, owner])
    },
    async deliver(id, now) {
      const inserted = await q(
        `INSERT INTO msg_inbox (delivery_id, post, cable_id, role, precedence, rank, delivered_at)
         SELECT id, post, cable_id, role, precedence, rank, $2 FROM msg_delivery WHERE id = $1
         ON CONFLICT (delivery_id) DO NOTHING`,
        [id, now],
      )
      await q('UPDATE msg_delivery SET delivered_at = coalesce(delivered_at, $2), lease_until = NULL WHERE id = $1', [id, now])
      return inserted.rowCount === 1
    },
    async delivery(id) {
      const row = (await q(`SELECT ${DELIVERY} FROM msg_delivery WHERE id = $1`, [id])).rows[0]
      return row ? toDelivery(row) : null
    },
    async deliveriesOf(cableId) {
      return (await q(`SELECT ${DELIVERY} FROM msg_delivery WHERE cable_id = $1 ORDER BY post`, [cableId])).rows.map(toDelivery)
    },
    async pendingCount() {
      return num((await q('SELECT count(*) AS n FROM msg_delivery WHERE delivered_at IS NULL')).rows[0].n)
    },
    async pendingByPrecedence() {
      const { rows } = await q('SELECT precedence, count(*) AS count FROM msg_delivery WHERE delivered_at IS NULL GROUP BY rank, precedence ORDER BY rank')
      return rows.map((r) => ({ precedence: r.precedence as string, count: num(r.count) }))
    },
    async inbox(post) {
      return (await q(`SELECT ${INBOX} FROM msg_inbox WHERE post = $1 ORDER BY rank, delivered_at, delivery_id`, [post])).rows.map(toInbox)
    },
    async inboxEntry(post, cableId) {
      const row = (await q(`SELECT ${INBOX} FROM msg_inbox WHERE post = $1 AND cable_id = $2`, [post, cableId])).rows[0]
      return row ? toInbox(row) : null
    },
    async inboxCount() {
      return num((await q('SELECT count(*) AS n FROM msg_inbox')).rows[0].n)
    },
    async acknowledge(post, cableId, user, now) {
      const r = await q(
        'UPDATE msg_inbox SET acknowledged_by = $3, acknowledged_at = $4 WHERE post = $1 AND cable_id = $2 AND acknowledged_at IS NULL',
        [post, cableId, user, now],
      )
      return r.rowCount === 1
    },
    waitForWork: (ms, signal) => store.waitForWork(ms, signal),
  }
}

function subscriptionsOn(q: Query): SubscriptionStore {
  return {
    async add(user, kind, value) {
      await q('INSERT INTO msg_subscription ("user", kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [user, kind, value])
    },
    async remove(user, kind, value) {
      return ((await q('DELETE FROM msg_subscription WHERE "user" = $1 AND kind = $2 AND value = $3', [user, kind, value])).rowCount ?? 0) > 0
    },
    async of(user) {
      return (await q<Subscription>('SELECT kind, value FROM msg_subscription WHERE "user" = $1 ORDER BY kind, value', [user])).rows
    },
  }
}

function auditOn(q: Query, store: PgMessagingStore): AuditStore {
  return {
    async append(e) {
      // the head row is locked (FOR UPDATE) until commit: concurrent writers link one after another
      await store.transaction(async (tx) => {
        const tq = (tx as PgMessagingStore).query
        const head = (await tq<{ entries: string; hash: string }>('SELECT entries, hash FROM msg_audit_head FOR UPDATE')).rows[0]
        if (!head) refuseHeadless(num((await tq<{ n: string }>('SELECT count(*) AS n FROM msg_audit')).rows[0].n))
        const id = (head ? num(head.entries) : 0) + 1
        const prevHash = head?.hash ?? GENESIS_HASH
        const hash = entryHash({ id, ...e, prevHash })
        await tq(
          'INSERT INTO msg_audit (id, at, actor, action, outcome, cable_id, draft_id, post, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
          [id, e.at, e.actor, e.action, e.outcome, e.cableId, e.draftId, e.post, e.detail, prevHash, hash],
        )
        await tq('INSERT INTO msg_audit_head (one, entries, hash) VALUES (true, $1, $2) ON CONFLICT (one) DO UPDATE SET entries = excluded.entries, hash = excluded.hash', [id, hash])
      })
    },
    async chain() {
      const rows = (
        await q('SELECT id, at, actor, action, outcome, cable_id AS "cableId", draft_id AS "draftId", post, detail, prev_hash AS "prevHash", hash FROM msg_audit ORDER BY id')
      ).rows.map((r): ChainedEntry => ({ ...(r as ChainedEntry), id: num(r.id), at: num(r.at) }))
      // a store whose ledger records the chain's migration keeps a head: a missing row (or table) is tampering
      const keepsHead = (await q('SELECT 1 FROM schema_migrations WHERE id = $1', [CHAIN_MIGRATION])).rows.length > 0
      const hasTable = (await q<{ t: string | null }>("SELECT to_regclass('msg_audit_head')::text AS t")).rows[0]?.t != null
      const head = hasTable ? (await q<{ entries: string; hash: string }>('SELECT entries, hash FROM msg_audit_head')).rows[0] : undefined
      const recorded: RecordedHead = head ? { entries: num(head.entries), head: head.hash } : keepsHead ? 'missing' : null
      return { entries: rows, recorded }
    },
    async query(f: AuditFilter) {
      const where: string[] = []
      const args: unknown[] = []
      const add = (column: string, v: unknown, op = '=') => (args.push(v), where.push(`${column} ${op} $${args.length}`))
      if (f.actor) add('actor', f.actor)
      if (f.action) add('action', f.action)
      if (f.outcome) add('outcome', f.outcome)
      if (f.cableId) add('cable_id', f.cableId)
      if (f.since !== undefined) add('at', f.since, '>=')
      if (f.limit) args.push(Math.max(1, Math.floor(f.limit)))
      const sql =
        `SELECT id, at, actor, action, outcome, cable_id AS "cableId", draft_id AS "draftId", post, detail FROM msg_audit` +
        (where.length ? ' WHERE ' + where.join(' AND ') : '') +
        ' ORDER BY id' +
        (f.limit ? ` LIMIT $${args.length}` : '')
      return (await q(sql, args)).rows.map((r): AuditEntry => ({ ...(r as AuditEntry), id: num(r.id), at: num(r.at) }))
    },
  }
}

const SESSION = `token_sha256 AS "tokenSha256", "user", csrf, address, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`
const TOKEN = `id, token_sha256 AS "tokenSha256", "user", label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`
const toSession = (r: pg.QueryResultRow): SessionRow => ({ ...(r as SessionRow), createdAt: num(r.createdAt), expiresAt: num(r.expiresAt), revokedAt: numOrNull(r.revokedAt) })
const toToken = (r: pg.QueryResultRow): ApiTokenRow => ({ ...(r as ApiTokenRow), createdAt: num(r.createdAt), expiresAt: numOrNull(r.expiresAt), revokedAt: numOrNull(r.revokedAt) })

/** Login SQL: password hashes, sessions, API tokens, failed-login counts, bulk-read counters. */
function authOn(q: Query): AuthStore {
  const changed = (r: pg.QueryResult) => r.rowCount ?? 0
  return {
    async setPassword(user, hash, at, mustChange) {
      await q(
        'INSERT INTO msg_password ("user", hash, set_at, must_change) VALUES ($1, $2, $3, $4) ON CONFLICT ("user") DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, must_change = excluded.must_change',
        [user, hash, at, mustChange],
      )
    },
    async passwordMustChange(user) {
      return (await q<{ must_change: boolean }>('SELECT must_change FROM msg_password WHERE "user" = $1', [user])).rows[0]?.must_change === true
    },
    async passwordHash(user) {
      return (await q<{ hash: string }>('SELECT hash FROM msg_password WHERE "user" = $1', [user])).rows[0]?.hash ?? null
    },
    async insertSession(s) {
      await q('INSERT INTO msg_session (token_sha256, "user", csrf, address, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [s.tokenSha256, s.user, s.csrf, s.address, s.createdAt, s.expiresAt])
    },
    async session(tokenSha256) {
      const row = (await q(`SELECT ${SESSION} FROM msg_session WHERE token_sha256 = $1`, [tokenSha256])).rows[0]
      return row ? toSession(row) : null
    },
    async revokeSession(tokenSha256, at) {
      return changed(await q('UPDATE msg_session SET revoked_at = $1 WHERE token_sha256 = $2 AND revoked_at IS NULL', [at, tokenSha256])) > 0
    },
    async revokeUserSessions(user, at) {
      return changed(await q('UPDATE msg_session SET revoked_at = $1 WHERE "user" = $2 AND revoked_at IS NULL AND expires_at > $1', [at, user]))
    },
    async insertToken(t) {
      const { rows } = await q<{ id: number }>(
        'INSERT INTO msg_api_token (token_sha256, "user", label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [t.tokenSha256, t.user, t.label, t.createdAt, t.expiresAt],
      )
      return rows[0].id
    },
    async token(tokenSha256) {
      const row = (await q(`SELECT ${TOKEN} FROM msg_api_token WHERE token_sha256 = $1`, [tokenSha256])).rows[0]
      return row ? toToken(row) : null
    },
    async tokens(user) {
      const { rows } = user === undefined ? await q(`SELECT ${TOKEN} FROM msg_api_token ORDER BY id`) : await q(`SELECT ${TOKEN} FROM msg_api_token WHERE "user" = $1 ORDER BY id`, [user])
      return rows.map(toToken)
    },
    async revokeToken(id, at) {
      return changed(await q('UPDATE msg_api_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) > 0
    },
    async recordLoginFailure(key, at) {
      await q('INSERT INTO msg_login_failure (key, at) VALUES ($1, $2)', [key, at])
    },
    async loginFailures(key, since) {
      const row = (await q('SELECT count(*) AS count, min(at) AS oldest, max(at) AS newest FROM msg_login_failure WHERE key = $1 AND at >= $2', [key, since])).rows[0]
      return { count: num(row.count), oldest: numOrNull(row.oldest), newest: numOrNull(row.newest) }
    },
    async clearLoginFailures(key) {
      await q('DELETE FROM msg_login_failure WHERE key = $1', [key])
    },
    async addReads(user, kind, windowStart, n) {
      const { rows } = await q<{ count: number }>(
        `INSERT INTO msg_read_count ("user", kind, window_start, count) VALUES ($1, $2, $3, $4)
         ON CONFLICT ("user", kind, window_start) DO UPDATE SET count = msg_read_count.count + excluded.count RETURNING count`,
        [user, kind, windowStart, n],
      )
      return rows[0].count
    },
  }
}

/**
 * The PostgreSQL messaging engine. Plain calls run on the shared pool (`pool.ts`, one per location, shared
 * with the archive engine); `transaction` takes one pooled client, `BEGIN … COMMIT`, and hands the callback a
 * store bound to it. Concurrency comes from row locks, so any number of processes may share the database:
 * the MRN counter row serializes releases of one origin (gap-free serials), `lockDraft` (`FOR UPDATE`) keeps
 * a draft from being released twice, claims use `FOR UPDATE SKIP LOCKED`, and the inbox key makes a retried
 * delivery a no-op. A transaction that queued deliveries sends ONE `NOTIFY cablegram_delivery` as it commits
 * (however many it queued); idle workers `LISTEN` on a connection of their own.
 *
 * @example
 *   const store = await PgMessagingStore.open('postgres://postgres@127.0.0.1:5432/cables')
 */
export class PgMessagingStore implements MessagingStore {
  readonly engine = 'postgres'
  readonly directory: DirectoryStore
  readonly workflow: WorkflowStore
  readonly delivery: DeliveryStore
  readonly subscriptions: SubscriptionStore
  readonly audit: AuditStore
  readonly auth: AuthStore
  /** Set when this transaction queued a delivery: the commit notifies the workers once. */
  private notifyOnCommit = false
  /** This store's SQL runner (its transaction's connection, or the pool). */
  readonly query: Query
  private listener: Promise<pg.Client> | null = null
  private waiters = new Set<() => void>()
  private notifiedWhileBusy = false

  private constructor(
    private readonly location: string,
    private readonly pool: pg.Pool,
    private readonly client: pg.PoolClient | null,
  ) {
    const q: Query = client ? (sql, params) => client.query(sql, params) : (sql, params) => pool.query(sql, params)
    this.directory = directoryOn(q)
    this.workflow = workflowOn(q, client)
    this.delivery = deliveryOn(q, this)
    this.subscriptions = subscriptionsOn(q)
    this.query = q
    this.audit = auditOn(q, this)
    this.auth = authOn(q)
  }

  /** Opens the messaging store on the database at `location`, archive and messaging schema applied. */
  static async open(location: string): Promise<PgMessagingStore> {
    return new PgMessagingStore(location, await messagingPool(location), null)
  }

  async transaction<T>(fn: (tx: MessagingStore) => Promise<T>): Promise<T> {
    if (this.client) return fn(this)
    return inTransaction(this.pool, async (client) => {
      const tx = new PgMessagingStore(this.location, this.pool, client)
      const result = await fn(tx)
      // NOTIFY inside the transaction is delivered at COMMIT, never for a rolled-back one
      if (tx.notifyOnCommit) await client.query('SELECT pg_notify($1, $2)', [DELIVERY_CHANNEL, ''])
      return result
    })
  }

  /** A delivery was queued: notify at commit inside a transaction, at once outside one. */
  async queued(): Promise<void> {
    if (this.client) this.notifyOnCommit = true
    else await this.pool.query('SELECT pg_notify($1, $2)', [DELIVERY_CHANNEL, ''])
  }

  /**
   * Waits for a `NOTIFY cablegram_delivery` (or `ms`, or `signal`). A notification that arrived while nobody
   * waited (the worker was delivering) ends the next wait at once, so a release is never slept through.
   */
  async waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
    await this.listen()
    if (this.notifiedWhileBusy) {
      this.notifiedWhileBusy = false
      return
    }
    if (signal?.aborted) return
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
      this.waiters.add(done)
    })
  }

  /** One LISTEN connection per store, outside the pool so it never holds a pooled client. */
  private listen(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const client = newClient(this.location, 'cablegram-worker')
      client.on('error', () => {})
      client.on('notification', () => {
        if (this.waiters.size === 0) this.notifiedWhileBusy = true
        for (const wake of [...this.waiters]) wake()
      })
      await connectClient(client, this.location)
      await client.query(`LISTEN ${DELIVERY_CHANNEL}`)
      return client
    })()
    return this.listener
  }

  async close(): Promise<void> {
    if (this.client) return
    const listener = this.listener
    this.listener = null
    if (listener) await (await listener.catch(() => null))?.end().catch(() => {})
    await releasePool(this.pool)
  }
}

/**
 * Whether the PostgreSQL database at `location` holds messaging users (an operator's database). Changes
 * nothing: a plain archive gets no messaging tables from asking.
 */
export async function pgHasDirectoryUsers(location: string): Promise<boolean> {
  const pool = acquirePool(location)
  try {
    const { rows } = await pool.query<{ t: string | null }>("SELECT to_regclass('msg_user')::text AS t")
    if (!rows[0]?.t) return false
    return ((await pool.query('SELECT 1 FROM msg_user LIMIT 1')).rowCount ?? 0) > 0
  } finally {
    await releasePool(pool)
  }
}
