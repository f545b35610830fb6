import { LEVEL_NAMES } from './access.js'
import type { Role, User } from './types.js'

/**
 * The bounds of administration: what an admin may do to an account never widens his own access
 * (docs/messaging.md, "Administration never widens the admin's own access"). An admin grants only what he
 * holds himself, changes nothing of his own access but to give it up, and becomes nobody he does not
 * dominate (setting a password is becoming its holder until the holder changes it).
 */

/** Roles that widen what their holder may read (the others let him act, not read): granted only by an admin who holds them. */
export const ACCESS_ROLES: readonly Role[] = ['archive-reader']

/** The parts of an account that decide what it may read. */
export type AccountAccess = Pick<User, 'clearance' | 'caveats' | 'roles'>

/**
 * What `account` holds that `admin` does not: a higher clearance, caveats he is not read into, access roles
 * he lacks. Empty when the admin dominates the account.
 *
 * @example
 *   beyond({ clearance: 3, caveats: [], roles: ['admin'] }, { clearance: 4, caveats: ['NODIS'], roles: ['reader'] })
 *   // ['clearance TOP SECRET', 'caveat NODIS']
 */
export function beyond(admin: AccountAccess, account: AccountAccess): string[] {
  const out: string[] = []
  if (account.clearance > admin.clearance) out.push(`clearance ${LEVEL_NAMES[account.clearance]}`)
  for (const c of account.caveats) if (!admin.caveats.includes(c)) out.push(`caveat ${c}`)
  for (const r of ACCESS_ROLES) if (account.roles.includes(r) && !admin.roles.includes(r)) out.push(`role ${r}`)
  return out
}

/**
 * How `next` would widen or move `current` (empty when the change only gives something up, or changes
 * nothing that decides access): another post or office, roles, clearance or caveats added, reactivation.
 * Giving up roles, clearance or caveats, or deactivating, never widens anyone's access.
 */
export function widenings(current: User, next: User): string[] {
  const out: string[] = []
  if (next.post !== current.post) out.push(`post (${current.post} to ${next.post})`)
  else if ((next.office ?? null) !== (current.office ?? null)) out.push(`office (${current.office ?? 'none'} to ${next.office ?? 'none'})`)
  const roles = next.roles.filter((r) => !current.roles.includes(r))
  if (roles.length) out.push(`roles (+${roles.join(', +')})`)
  if (next.clearance > current.clearance) out.push(`clearance (${LEVEL_NAMES[current.clearance]} to ${LEVEL_NAMES[next.clearance]})`)
  const caveats = next.caveats.filter((c) => !current.caveats.includes(c))
  if (caveats.length) out.push(`caveats (+${caveats.join(', +')})`)
  if (next.active && !current.active) out.push('activation')
  return out
}
