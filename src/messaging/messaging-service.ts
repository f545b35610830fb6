import type { Cable } from '../format/model.js'
import { renderCanonical } from '../format/render-canonical.js'
import { lintCable } from '../lint/index.js'
import { openMessagingStore } from '../store/open-store.js'
import { sitePolicyFromEnv, type LintProblem, type ServiceContext } from './context.js'

/** Compose-mode lint: the errors block release, warnings and infos do not. */
export function composeLint(cable: Cable): LintProblem[] {
  return lintCable(cable, { mode: 'compose' })
    .filter((m) => m.severity === 'error')
    .map((m) => ({ rule: m.ruleId, message: m.message }))
}

/**
 * The context every messaging function runs in, over the database at `location` (a SQLite file holding
 * the archive and messaging tables, or a PostgreSQL URL: the store chooses the engine). Interfaces (the
 * CLI, the HTTP server) open one and call the service functions.
 *
 * @example
 *   const ctx = await openMessaging('cables.db')
 *   await releaseDraft(ctx, 'carol', 3)
 */
export async function openMessaging(location: string, options: Partial<Omit<ServiceContext, 'store'>> = {}): Promise<ServiceContext> {
  return {
    store: await openMessagingStore(location),
    now: options.now ?? (() => new Date()),
    lint: options.lint ?? ((cable) => composeLint(cable)),
    render: options.render ?? renderCanonical,
    sectionBudget: options.sectionBudget,
    readLimits: options.readLimits,
    policy: options.policy ?? sitePolicyFromEnv(process.env),
  }
}
