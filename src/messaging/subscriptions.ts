import { actor, audit, type ServiceContext } from './context.js'
import { inbox, type InboxItem } from './reading.js'
import { ServiceError } from './service-error.js'
import type { SubscriptionKind } from './types.js'

export type { SubscriptionKind }

export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['tag', 'caption', 'keyword']

/**
 * Subscribes the user to a TAG, caption or keyword (profile distribution, as SMART/AMADS).
 *
 * @example
 *   await subscribe(ctx, 'ivan', 'keyword', 'border guards')
 *   await feed(ctx, 'ivan') // inbox items matching it, with `matched: ['keyword:border guards']`
 */
export async function subscribe(ctx: ServiceContext, userName: string | undefined, kind: string, value: string): Promise<void> {
  const user = await actor(ctx, userName)
  if (!(SUBSCRIPTION_KINDS as readonly string[]).includes(kind)) throw new ServiceError('INVALID', `subscription kind ${JSON.stringify(kind)}: expected tag, caption or keyword`)
  const v = subscriptionValue(kind, value)
  if (!v) throw new ServiceError('INVALID', 'subscription value is empty')
  await ctx.store.subscriptions.add(user.name, kind as SubscriptionKind, v)
  await audit(ctx, { actor: user.name, action: 'subscribe', post: user.post, detail: `${kind} ${v}` })
}

/** A subscription's value as stored and matched: keywords lower case, TAGS and captions upper case, blanks collapsed (`human  rights` → `HUMAN RIGHTS`). */
function subscriptionValue(kind: string, value: string): string {
  const v = value.trim().replace(/\s+/g, ' ')
  return kind === 'keyword' ? v.toLowerCase() : v.toUpperCase()
}

export async function unsubscribe(ctx: ServiceContext, userName: string | undefined, kind: string, value: string): Promise<boolean> {
  const user = await actor(ctx, userName)
  const v = subscriptionValue(kind, value)
  return await ctx.store.subscriptions.remove(user.name, kind, v)
}

export async function subscriptions(ctx: ServiceContext, userName: string | undefined): Promise<{ kind: SubscriptionKind; value: string }[]> {
  const user = await actor(ctx, userName)
  return await ctx.store.subscriptions.of(user.name)
}

/**
 * The user's profile feed: cables delivered to their post that they may read and that match any of
 * their subscriptions (a TAG, a caption, or a keyword in the subject or text). Built from the inbox, so
 * the access rule applies unchanged.
 */
export async function feed(ctx: ServiceContext, userName: string | undefined): Promise<(InboxItem & { matched: string[] })[]> {
  const subs = await subscriptions(ctx, userName)
  if (subs.length === 0) return []
  const out: (InboxItem & { matched: string[] })[] = []
  for (const item of await inbox(ctx, userName)) {
    const cable = await ctx.store.workflow.cable(item.cableId)
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
