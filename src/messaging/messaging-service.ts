import type { Cable } from '../format/model.js'
import { renderCanonical } from '../format/render-canonical.js'
import { lintCable } from '../lint/index.js'
import { MessagingStore } from '../store/sqlite/messaging-store.js'
import type { LintProblem, ServiceContext } from './context.js'

/** Compose-mode lint: the errors block release, warnings and infos do not. */
export function composeLint(cable: Cable): LintProblem[] {
  return lintCable(cable, { mode: 'compose' })
    .filter((m) => m.severity === 'error')
    .map((m) => ({ rule: m.ruleId, message: m.message }))
}

/**
 * The context every messaging function runs in, over the database at `path` (archive and messaging
 * tables in one file). Interfaces (the CLI now, HTTP later) open one and call the service functions.
 *
 * @example
 *   const ctx = openMessaging('cables.db')
 *   releaseDraft(ctx, 'carol', 3)
 */
export function openMessaging(path: string, options: Partial<Omit<ServiceContext, 'store'>> = {}): ServiceContext {
  return {
    store: MessagingStore.open(path),
    now: options.now ?? (() => new Date()),
    lint: options.lint ?? ((cable) => composeLint(cable)),
    render: options.render ?? renderCanonical,
    sectionBudget: options.sectionBudget,
  }
}
