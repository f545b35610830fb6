import type { Cable } from '../format/model.js'
import type { MessagingStore } from '../store/messaging-store.js'
import type { ReadLimits } from './read-guard.js'
import { ServiceError } from './service-error.js'
import type { AuditOutcome, Role, User } from './types.js'

/** A compose-mode lint finding that blocks release. */
export interface LintProblem {
  rule: string
  message: string
  /** Where in the telegram text the problem is (line and column from 1), when the check knows it. */
  line?: number
  column?: number
}

/** What every service function works with: the store, a clock, the linter and the renderer. */
export interface ServiceContext {
  store: MessagingStore
  now: () => Date
  /** Compose-mode lint of a cable about to be released: returns the errors (warnings do not block). */
  lint: (cable: Cable, text: string) => LintProblem[]
  /** Canonical telegram text of a composed cable. */
  render: (cable: Cable) => string
  /** Characters of text per section (see sections.ts); tests lower it to force sectioning. */
  sectionBudget?: number
  /** The bulk-read guard's limits (read-guard.ts); its defaults when absent. */
  readLimits?: ReadLimits
  /** Site policy (docs/messaging.md, "Site policy"); DEFAULT_SITE_POLICY when absent. */
  policy?: SitePolicy
}

/** What a site may decide for itself. */
export interface SitePolicy {
  /** Named clearers a draft needs before approval (default 1; 0 lets a post approve without clearance). */
  minClearers: number
}

export const DEFAULT_SITE_POLICY: SitePolicy = { minClearers: 1 }

/**
 * The site policy from the environment: `CABLEGRAM_MIN_CLEARERS` (a whole number ≥ 0). An unreadable value is
 * an error, never the default (a typo must not silently lift or tighten the rule).
 */
export function sitePolicyFromEnv(env: Record<string, string | undefined>): SitePolicy {
  const raw = env.CABLEGRAM_MIN_CLEARERS
  if (raw === undefined || raw.trim() === '') return DEFAULT_SITE_POLICY
  if (!/^\d{1,3}$/.test(raw.trim())) throw new ServiceError('INVALID', `CABLEGRAM_MIN_CLEARERS must be a whole number (0, 1, 2 …), not ${JSON.stringify(raw)}`)
  return { minClearers: Number(raw.trim()) }
}

/** Appends one audit entry. Audit writes never fail silently: an error aborts the surrounding transaction. */
export async function audit(
  ctx: ServiceContext,
  e: { actor: string; action: string; outcome?: AuditOutcome; cableId?: string | null; draftId?: number | null; post?: string | null; detail?: string },
): Promise<void> {
  await ctx.store.audit.append({
    at: ctx.now().getTime(),
    actor: e.actor,
    action: e.action,
    outcome: e.outcome ?? 'ok',
    cableId: e.cableId ?? null,
    draftId: e.draftId ?? null,
    post: e.post ?? null,
    detail: e.detail ?? '',
  })
}

/** The acting user; unknown or deactivated users are refused. */
export async function actor(ctx: ServiceContext, name: string | undefined): Promise<User> {
  if (!name) throw new ServiceError('FORBIDDEN', 'no acting user: pass --as USER or set CABLEGRAM_USER')
  const user = await ctx.store.directory.user(name)
  if (!user) throw new ServiceError('FORBIDDEN', `unknown user ${JSON.stringify(name)}`)
  if (!user.active) throw new ServiceError('FORBIDDEN', `user ${name} is deactivated`)
  return user
}

/** Refuses (and audits the refusal) unless the user holds the role. */
export async function requireRole(ctx: ServiceContext, user: User, role: Role, action: string, draftId?: number): Promise<void> {
  if (user.roles.includes(role)) return
  await refuse(ctx, user, action, 'FORBIDDEN', `${user.name} does not hold the ${role} role`, draftId)
}

/** Audits a refused step, then throws it; the audit row commits even though the step does not. */
export async function refuse(ctx: ServiceContext, user: User, action: string, code: ServiceError['code'], message: string, draftId?: number, details: string[] = []): Promise<never> {
  await audit(ctx, { actor: user.name, action, outcome: 'refused', draftId: draftId ?? null, post: user.post, detail: message })
  throw new ServiceError(code, message, details)
}

/**
 * Runs `fn` in one store transaction with a context whose store is the transaction's: every service
 * function called with it reads and writes inside that transaction.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.store.transaction((store) => fn({ ...ctx, store }))
}
