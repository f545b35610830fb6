import { actor, type ServiceContext } from './context.js'

/**
 * A fingerprint of the user's post inbox as stored (every delivery and acknowledgement), for event streams
 * to tell cheaply whether to read the inbox again. It is never shown to anyone: it changes also for cables
 * the user may not read, and only the inbox read that follows (`inbox`, which filters and audits) decides
 * what the user sees. Reading it audits nothing, so a stream polling it does not fill the audit log.
 *
 * @example
 *   if ((await inboxVersion(ctx, 'dora')) !== last) items = await inbox(ctx, 'dora')
 */
export async function inboxVersion(ctx: ServiceContext, userName: string | undefined): Promise<string> {
  const user = await actor(ctx, userName)
  const rows = await ctx.store.delivery.inbox(user.post)
  let version = `${rows.length}`
  for (const r of rows) version += `|${r.deliveryId}:${r.acknowledgedAt ?? ''}`
  return version
}
