import { actor, audit, type ServiceContext } from './context.js'
import { inbox, type InboxItem } from './reading.js'
import { ServiceError } from './service-error.js'

export type SubscriptionKind = 'tag' | 'caption' | 'keyword'
export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['tag', 'caption', 'keyword']

/**
 * Subscribes the user to a TAG, caption or keyword (profile distribution, as SMART/AMADS).
 *
 * @example
 *   subscribe(ctx, 'ivan', 'keyword', 'border guards')
 *   feed(ctx, 'ivan') // inbox items matching it, with `matched: ['keyword:border guards']`
 */
export function subscribe(ctx: ServiceContext, userName: string | undefined, kind: string, value: string): void {
  const user = actor(ctx, userName)
  if (!(SUBSCRIPTION_KINDS as readonly string[]).includes(kind)) throw new ServiceError('INVALID', `subscription kind ${JSON.stringify(kind)}: expected tag, caption or keyword`)
  const v = kind === 'keyword' ? value.trim().toLowerCase() : value.trim().toUpperCase()
  if (!v) throw new ServiceError('INVALID', 'subscription value is empty')
  ctx.store.subscriptions.add(user.name, kind as SubscriptionKind, v)
  audit(ctx, { actor: user.name, action: 'subscribe', post: user.post, detail: `${kind} ${v}` })
}

export function unsubscribe(ctx: ServiceContext, userName: string | undefined, kind: string, value: string): boolean {
  const user = actor(ctx, userName)
  const v = kind === 'keyword' ? value.trim().toLowerCase() : value.trim().toUpperCase()
  return ctx.store.subscriptions.remove(user.name, kind, v)
}

export function subscriptions(ctx: ServiceContext, userName: string | undefined): { kind: SubscriptionKind; value: string }[] {
  const user = actor(ctx, userName)
  return ctx.store.subscriptions.of(user.name)
}

/**
 * The user's profile feed: cables delivered to their post that they may read and that match any of
 * their subscriptions (a TAG, a caption, or a keyword in the subject or text). Built from the inbox, so
 * the access rule applies unchanged.
 */
export function feed(ctx: ServiceContext, userName: string | undefined): (InboxItem & { matched: string[] })[] {
  const subs = subscriptions(ctx, userName)
  if (subs.length === 0) return []
  const out: (InboxItem & { matched: string[] })[] = []
  for (const item of inbox(ctx, userName)) {
    const cable = ctx.store.workflow.cable(item.cableId)
    if (!cable) continue
    const text = (cable.subject + '\n' + cable.text).toLowerCase()
    const matched = subs
      .filter((s) =>
        s.kind === 'tag' ? cable.tags.includes(s.value) : s.kind === 'caption' ? cable.captions.includes(s.value) : new RegExp(`\\b${s.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text),
      )
      .map((s) => `${s.kind}:${s.value}`)
    if (matched.length) out.push({ ...item, matched })
  }
  return out
}
