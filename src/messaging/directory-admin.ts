import { KNOWN_CAVEATS, LEVEL_NAMES, levelRank } from './access.js'
import { actor, audit, type ServiceContext } from './context.js'
import { installDefaultDirectory, type DirectoryCounts } from './default-directory.js'
import { normalizeAddress } from './recipients.js'
import { ServiceError } from './service-error.js'
import { ROLES, type Post, type Role, type User } from './types.js'

/**
 * Directory administration: posts, offices, collectives, users. Only admins change it, except that on an
 * empty database the first user may be created by anyone and must be an admin (bootstrap).
 */
function requireAdmin(ctx: ServiceContext, userName: string | undefined, action: string): string {
  if (ctx.store.directory.userCount() === 0) return userName ?? 'bootstrap'
  const user = actor(ctx, userName)
  if (!user.roles.includes('admin')) {
    audit(ctx, { actor: user.name, action, outcome: 'refused', post: user.post, detail: 'admin role required' })
    throw new ServiceError('FORBIDDEN', `${user.name} does not hold the admin role needed to ${action}`)
  }
  return user.name
}

export function installDirectory(ctx: ServiceContext, userName: string | undefined, dir?: string): DirectoryCounts {
  const by = requireAdmin(ctx, userName, 'install the default directory')
  const counts = installDefaultDirectory(ctx.store, dir)
  audit(ctx, { actor: by, action: 'directory', detail: `default directory: ${counts.posts} posts, ${counts.collectives} collectives` })
  return counts
}

export interface UserSpec {
  name: string
  fullName?: string
  post: string
  office?: string | null
  roles: string[]
  clearance: string
  caveats?: string[]
  active?: boolean
}

/** Validates a user record against the directory and the closed sets of roles, levels and caveats. */
function validateUser(ctx: ServiceContext, spec: UserSpec): User {
  const problems: string[] = []
  if (!/^[a-z][a-z0-9._-]{0,31}$/.test(spec.name)) problems.push(`name ${JSON.stringify(spec.name)}: use 1–32 lower-case letters, digits, . _ -`)
  const post = normalizeAddress(spec.post)
  if (!ctx.store.directory.post(post)) problems.push(`post ${post} is not in the directory`)
  const office = spec.office ? spec.office.toUpperCase() : null
  if (office && !ctx.store.directory.office(post, office)) problems.push(`office ${office} is not an office of ${post}`)
  const roles = spec.roles.map((r) => r.trim().toLowerCase()).filter(Boolean)
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) problems.push(`role ${r}: expected one of ${ROLES.join(', ')}`)
  if (roles.length === 0) problems.push('at least one role is required')
  const clearance = levelRank(spec.clearance)
  if (clearance === null) problems.push(`clearance ${spec.clearance}: expected one of ${LEVEL_NAMES.join(', ')}`)
  const caveats = (spec.caveats ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean)
  for (const c of caveats) if (!KNOWN_CAVEATS.includes(c)) problems.push(`caveat ${c}: expected one of ${KNOWN_CAVEATS.join(', ')}`)
  if (problems.length) throw new ServiceError('INVALID', `user ${spec.name}: ${problems.join('; ')}`, problems)
  return { name: spec.name, fullName: spec.fullName ?? '', post, office, roles: [...new Set(roles)] as Role[], clearance: clearance as number, caveats: [...new Set(caveats)].sort(), active: spec.active ?? true }
}

/**
 * Creates or replaces a user. The first user of an empty database must be an admin.
 *
 * @example
 *   putUser(ctx, 'root', { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SBU' })
 */
export function putUser(ctx: ServiceContext, userName: string | undefined, spec: UserSpec): User {
  const bootstrap = ctx.store.directory.userCount() === 0
  const by = requireAdmin(ctx, userName, 'manage users')
  const user = validateUser(ctx, spec)
  if (bootstrap && !user.roles.includes('admin')) throw new ServiceError('INVALID', 'the first user of a database must hold the admin role')
  ctx.store.directory.upsertUser(user)
  audit(ctx, { actor: bootstrap ? user.name : by, action: 'user', post: user.post, detail: `${user.name}: ${user.roles.join(',')} ${LEVEL_NAMES[user.clearance]}${user.caveats.length ? '//' + user.caveats.join('//') : ''}${user.active ? '' : ' (deactivated)'}` })
  return user
}

export function getUser(ctx: ServiceContext, name: string): User {
  const u = ctx.store.directory.user(name)
  if (!u) throw new ServiceError('NOT_FOUND', `no user ${name}`)
  return u
}

export function putPost(ctx: ServiceContext, userName: string | undefined, post: Post): Post {
  const by = requireAdmin(ctx, userName, 'manage posts')
  const p = { ...post, plad: normalizeAddress(post.plad), origin: post.origin.trim().toUpperCase() }
  if (!p.plad || !p.origin) throw new ServiceError('INVALID', 'a post needs a PLAD and an MRN origin')
  const clash = ctx.store.directory.posts().find((x) => x.origin === p.origin && x.plad !== p.plad)
  if (clash) throw new ServiceError('CONFLICT', `MRN origin ${p.origin} already belongs to ${clash.plad}`)
  ctx.store.directory.upsertPost(p)
  audit(ctx, { actor: by, action: 'directory', post: p.plad, detail: `post ${p.plad} (${p.origin})` })
  return p
}

export function putCollective(ctx: ServiceContext, userName: string | undefined, plad: string, route: string | null, members: string[], note = ''): void {
  const by = requireAdmin(ctx, userName, 'manage collectives')
  const name = normalizeAddress(plad)
  const missing = members.map(normalizeAddress).filter((m) => !ctx.store.directory.post(m))
  if (missing.length) throw new ServiceError('INVALID', `collective ${name}: not posts in the directory: ${missing.join(', ')}`)
  ctx.store.immediate(() => {
    ctx.store.directory.upsertCollective(name, route, note)
    for (const m of members) ctx.store.directory.addMember(name, normalizeAddress(m), false)
  })
  audit(ctx, { actor: by, action: 'directory', detail: `collective ${name} +${members.length} members` })
}

export function removeCollectiveMember(ctx: ServiceContext, userName: string | undefined, plad: string, member: string): boolean {
  const by = requireAdmin(ctx, userName, 'manage collectives')
  const removed = ctx.store.directory.removeMember(normalizeAddress(plad), normalizeAddress(member))
  if (removed) audit(ctx, { actor: by, action: 'directory', detail: `collective ${normalizeAddress(plad)} -${normalizeAddress(member)}` })
  return removed
}
