import type { CableRoute } from '../../messaging/routing-replay.js'

/** A routing replay as a table: one line per post, then exclusions, unknown addressees and profile posts. */
export function routeText(r: CableRoute): string {
  let out = `${r.id ?? r.key}: ${r.recipients.length} receiving post${r.recipients.length === 1 ? '' : 's'} (directory: ${r.directory})\n`
  if (r.readInPart) out += '  (you may read this cable only in part: replayed from the lines you may read; profile distribution and recorded deliveries are not shown, they depend on the whole cable)\n'
  if (r.addresseesWithheld) out += `  (${r.addresseesWithheld})\n`
  if (r.addresseesFromContainer) out += `  (${r.addresseesFromContainer})\n`
  if (r.noRecipientsBecause) out += `  no post receives it: ${r.noRecipientsBecause}\n`
  const w = Math.max(4, ...r.recipients.map((x) => x.post.length))
  out += `  ${'post'.padEnd(w)}  role    precedence       certainty  via\n`
  for (const x of r.recipients) {
    out += `  ${x.post.padEnd(w)}  ${x.role.padEnd(6)}  ${x.precedence.padEnd(15)}  ${x.certainty.padEnd(9)}  ${x.via.join('; ')}${x.precedenceFrom === 'addressee line' ? '' : ` [precedence from ${x.precedenceFrom}]`}\n`
  }
  if (r.excluded.length) out += `Excluded by XMT: ${r.excluded.map((e) => `${e.post} (from ${e.collective})`).join(', ')}\n`
  if (r.unresolved.length) out += `Not in the directory: ${r.unresolved.map((u) => `${u.name} (${u.role})`).join(', ')}\n`
  if (r.relays.length) out += `Relayed through (FL2 routing indicators; relays, not recipients): ${r.relays.map((x) => (x.post ? `${x.route} (${x.post})` : x.route)).join(', ')}\n`
  if (r.profile.length) {
    out += 'Would also reach by profile (subscriptions; inferred, info):\n'
    for (const p of r.profile) out += `  ${p.post}: ${p.matched.join(', ')}\n`
    if (!r.profileNamed) out += '  (subscription kinds only: users and their rules are shown to directory admins)\n'
  }
  if (r.deliveries) out += `Recorded deliveries: ${r.deliveries.length}; replay ${r.matchesDeliveries ? 'matches them exactly' : 'DIFFERS from them'}\n`
  for (const d of r.deliveryDifferences ?? []) out += `  ${d}\n`
  return out
}
