import { markingParts } from '../format/marking.js'
import { KNOWN_CAVEATS, LEVEL_NAMES, levelRank } from './access.js'
import { ACCESS_ROLES, beyond, widenings } from './admin-bounds.js'
import { actor, audit, refuse, type ServiceContext } from './context.js'
import { installDefaultDirectory, type DirectoryCounts } from './default-directory.js'
import { forbiddenCharsIn, refuseForbiddenChars } from './operator-text.js'
import { normalizeAddress } from './recipients.js'
import { fieldErrors, ServiceError } from './service-error.js'
import { ROLES, type Post, type Role, type User } from './types.js'

/**
 * Directory administration: posts, offices, collectives, users. Only admins change it, except that on an
 * empty database the first user may be created by anyone and must be an admin (bootstrap).
 */
async function requireAdmin(ctx: ServiceContext, userName: string | undefined, action: string): Promise<string> {
  if ((await ctx.store.directory.userCount()) === 0) return userName ?? 'bootstrap'
  const user = await actor(ctx, userName)
  if (!user.roles.includes('admin')) {
    await audit(ctx, { actor: user.name, action, outcome: 'refused', post: user.post, detail: 'admin role required' })
    throw new ServiceError('FORBIDDEN', `${user.name} does not hold the admin role needed to ${action}`)
  }
  return user.name
}

export async function installDirectory(ctx: ServiceContext, userName: string | undefined, dir?: string): Promise<DirectoryCounts> {
  const by = await requireAdmin(ctx, userName, 'install the default directory')
  const counts = await installDefaultDirectory(ctx.store, dir)
  await audit(ctx, { actor: by, action: 'directory', detail: `default directory: ${counts.posts} posts, ${counts.collectives} collectives` })
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
async function validateUser(ctx: ServiceContext, spec: UserSpec): Promise<User> {
  const problems: string[] = forbiddenCharsIn([
    ['name', spec.name],
    ['fullName', spec.fullName],
    ['post', spec.post],
    ['office', spec.office],
    ...spec.roles.map((r, i) => [`roles[${i}]`, r] as const),
    ['clearance', spec.clearance],
    ...(spec.caveats ?? []).map((c, i) => [`caveats[${i}]`, c] as const),
  ])
  // each problem by its field too, for the refusal's `errors` (the character problems are written `field: …`)
  const errors = problems.length ? fieldErrors(problems, '') : []
  const add = (path: string, message: string) => {
    problems.push(message)
    errors.push({ path, message })
  }
  if (!/^[a-z][a-z0-9._-]{0,31}$/.test(spec.name)) add('name', `name ${JSON.stringify(spec.name)}: use 1–32 lower-case letters, digits, . _ -`)
  const post = normalizeAddress(spec.post)
  if (!(await ctx.store.directory.post(post))) add('post', `post ${post} is not in the directory`)
  const office = spec.office ? spec.office.toUpperCase() : null
  if (office && !(await ctx.store.directory.office(post, office))) add('office', `office ${office} is not an office of ${post}`)
  const roles = spec.roles.map((r) => r.trim().toLowerCase()).filter(Boolean)
  for (const [i, r] of roles.entries()) if (!(ROLES as readonly string[]).includes(r)) add(`roles[${i}]`, `role ${r}: expected one of ${ROLES.join(', ')}`)
  if (roles.length === 0) add('roles', 'at least one role is required')
  const clearance = levelRank(spec.clearance)
  const marked = clearance === null ? markingParts(spec.clearance) : null
  // a clearance written with its caveats (`SECRET//NOFORN`): the caveats are a field of their own
  if (marked && marked.level !== null && marked.caveats.length) add('clearance', `clearance ${spec.clearance}: a clearance is a level alone (${marked.level}); give the caveats apart: caveats: [${marked.caveats.join(', ')}] (--caveats ${marked.caveats.join(',')} on the command line)`)
  else if (clearance === null) add('clearance', `clearance ${spec.clearance}: expected one of ${LEVEL_NAMES.join(', ')}`)
  const caveats = (spec.caveats ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean)
  for (const [i, c] of caveats.entries()) if (!KNOWN_CAVEATS.includes(c)) add(`caveats[${i}]`, `caveat ${c}: expected one of ${KNOWN_CAVEATS.join(', ')}`)
  if (problems.length) throw new ServiceError('INVALID', `user ${spec.name}: ${problems.join('; ')}`, problems, errors)
  return { name: spec.name, fullName: spec.fullName ?? '', post, office, roles: [...new Set(roles)] as Role[], clearance: clearance as number, caveats: [...new Set(caveats)].sort(), active: spec.active ?? true }
}

/**
 * Creates or replaces a user. The first user of an empty database must be an admin, and is given every access
 * role (`ACCESS_ROLES`: an admin grants only roles he holds, so one nobody holds could never be granted); after
 * that the acting admin grants only what he holds himself and cannot widen his own access (`checkAdministration`).
 *
 * @example
 *   await putUser(ctx, 'root', { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SBU' })
 */
export async function putUser(ctx: ServiceContext, userName: string | undefined, spec: UserSpec): Promise<User> {
  const bootstrap = (await ctx.store.directory.userCount()) === 0
  const by = await requireAdmin(ctx, userName, 'manage users')
  const asked = await validateUser(ctx, spec)
  if (bootstrap && !asked.roles.includes('admin')) throw new ServiceError('INVALID', 'the first user of a database must hold the admin role')
  // an access role is granted only by an admin who holds it (`beyond`): a first admin without it could never grant
  // it, nor could any admin he makes, so the first admin holds every access role, asked for or not
  const user = bootstrap ? { ...asked, roles: [...asked.roles, ...ACCESS_ROLES.filter((r) => !asked.roles.includes(r))] } : asked
  if (!bootstrap) await checkAdministration(ctx, await actor(ctx, by), user)
  await ctx.store.directory.upsertUser(user)
  await audit(ctx, { actor: bootstrap ? user.name : by, action: 'user', post: user.post, detail: `${user.name}: ${user.roles.join(',')} ${LEVEL_NAMES[user.clearance]}${user.caveats.length ? '//' + user.caveats.join('//') : ''}${user.active ? '' : ' (deactivated)'}` })
  return user
}

/**
 * Administration never widens the acting admin's own access (docs/messaging.md). Refusals are audited.
 * - His own account: he may only give things up (roles, clearance, caveats, or deactivate himself); another
 *   post or office, a role, a higher clearance or a caveat needs another admin (two people for every
 *   widening). The last active admin cannot give up the admin role or deactivate himself (nobody would be
 *   left to manage the directory).
 * - Anyone else's: the account as it will be must be dominated by him (clearance at most his, caveats and
 *   access roles he holds): an admin cannot grant what he does not have, nor make an account more cleared
 *   than himself to log in with. Changes that only narrow an account (deactivation, lowering, removing) are
 *   allowed whoever it belongs to: they widen nobody's access.
 */
async function checkAdministration(ctx: ServiceContext, admin: User, next: User): Promise<void> {
  const current = await ctx.store.directory.user(next.name)
  const refuseIt = async (message: string): Promise<never> => refuse(ctx, admin, 'user', 'FORBIDDEN', message)
  if (next.name === admin.name && current) {
    const problems: string[] = []
    if (next.post !== current.post) problems.push(`${admin.name} cannot move himself to another post (${current.post} to ${next.post}): another admin must`)
    else if (next.office !== current.office) problems.push(`${admin.name} cannot change his own office (${current.office ?? 'none'} to ${next.office ?? 'none'}): another admin must`)
    const roles = next.roles.filter((r) => !current.roles.includes(r))
    if (roles.length) problems.push(`${admin.name} cannot grant himself the ${roles.join(', ')} role${roles.length > 1 ? 's' : ''}: another admin must`)
    if (next.clearance > current.clearance) problems.push(`${admin.name} cannot raise his own clearance (${LEVEL_NAMES[current.clearance]} to ${LEVEL_NAMES[next.clearance]}): another admin must`)
    const added = next.caveats.filter((c) => !current.caveats.includes(c))
    if (added.length) problems.push(`${admin.name} cannot read himself into ${added.join(', ')}: another admin must`)
    // widenings() is the same judgement as a list; both must agree that nothing else widens
    if (problems.length === 0 && widenings(current, next).length) problems.push(`${admin.name} cannot widen his own access (${widenings(current, next).join('; ')}): another admin must`)
    if (problems.length) await refuseIt(problems.join('; '))
    const stillAdmin = next.active && next.roles.includes('admin')
    if (!stillAdmin) {
      const others = (await ctx.store.directory.users()).filter((u) => u.name !== admin.name && u.active && u.roles.includes('admin'))
      if (others.length === 0) await refuseIt(`${admin.name} is the last active admin and cannot ${next.active ? 'give up the admin role' : 'deactivate himself'}: make another admin first`)
    }
    return
  }
  if (current && widenings(current, next).length === 0) return
  const lacking = beyond(admin, next)
  if (lacking.length) {
    await refuseIt(`${admin.name} cannot ${current ? 'give' : 'create'} ${next.name} ${current ? '' : 'with '}${lacking.join(', ')}: he does not hold ${lacking.length > 1 ? 'them' : 'it'} himself (an admin who does must)`)
  }
}

/**
 * The directory's users (of one post when given); admins only: a user list tells who is read into what.
 *
 * @example
 *   await listUsers(ctx, 'root', 'AMEMBASSY DUSHANBE')
 */
export async function listUsers(ctx: ServiceContext, userName: string | undefined, post?: string): Promise<User[]> {
  await requireAdmin(ctx, userName, 'list users')
  return ctx.store.directory.users(post?.toUpperCase())
}

/**
 * Pending deliveries by precedence; admins only (the queue's size per precedence tells how much
 * traffic is moving, FLASH included).
 */
export async function deliveryStatus(ctx: ServiceContext, userName: string | undefined): Promise<{ precedence: string; count: number }[]> {
  await requireAdmin(ctx, userName, 'see the delivery queue')
  return ctx.store.delivery.pendingByPrecedence()
}

/** A user as JSON: admins see anyone, other users only themselves (others' access is not theirs to know). */
export async function showUser(ctx: ServiceContext, userName: string | undefined, name: string): Promise<User> {
  const me = await actor(ctx, userName)
  if (me.name !== name) await requireAdmin(ctx, userName, 'show other users')
  return getUser(ctx, name)
}

export async function getUser(ctx: ServiceContext, name: string): Promise<User> {
  const u = await ctx.store.directory.user(name)
  if (!u) throw new ServiceError('NOT_FOUND', `no user ${name}`)
  return u
}

export async function putPost(ctx: ServiceContext, userName: string | undefined, post: Post): Promise<Post> {
  const by = await requireAdmin(ctx, userName, 'manage posts')
  refuseForbiddenChars(`post ${post.plad}`, [['plad', post.plad], ['route', post.route], ['origin', post.origin], ['kind', post.kind], ['source', post.source]])
  const p = { ...post, plad: normalizeAddress(post.plad), origin: post.origin.trim().toUpperCase() }
  if (!p.plad || !p.origin) throw new ServiceError('INVALID', 'a post needs a PLAD and an MRN origin')
  const clash = (await ctx.store.directory.posts()).find((x) => x.origin === p.origin && x.plad !== p.plad)
  if (clash) throw new ServiceError('CONFLICT', `MRN origin ${p.origin} already belongs to ${clash.plad}`)
  await ctx.store.directory.upsertPost(p)
  await audit(ctx, { actor: by, action: 'directory', post: p.plad, detail: `post ${p.plad} (${p.origin})` })
  return p
}

export async function putCollective(ctx: ServiceContext, userName: string | undefined, plad: string, route: string | null, members: string[], note = ''): Promise<void> {
  const by = await requireAdmin(ctx, userName, 'manage collectives')
  refuseForbiddenChars(`collective ${plad}`, [['plad', plad], ['route', route], ['note', note], ...members.map((m, i) => [`members[${i}]`, m] as const)])
  const name = normalizeAddress(plad)
  const missing: string[] = []
  for (const m of members.map(normalizeAddress)) if (!(await ctx.store.directory.post(m))) missing.push(m)
  if (missing.length) throw new ServiceError('INVALID', `collective ${name}: not posts in the directory: ${missing.join(', ')}`)
  await ctx.store.transaction(async (tx) => {
    await tx.directory.upsertCollective(name, route, note)
    for (const m of members) await tx.directory.addMember(name, normalizeAddress(m), false)
  })
  await audit(ctx, { actor: by, action: 'directory', detail: `collective ${name} +${members.length} members` })
}

export async function removeCollectiveMember(ctx: ServiceContext, userName: string | undefined, plad: string, member: string): Promise<boolean> {
  const by = await requireAdmin(ctx, userName, 'manage collectives')
  const removed = await ctx.store.directory.removeMember(normalizeAddress(plad), normalizeAddress(member))
  if (removed) await audit(ctx, { actor: by, action: 'directory', detail: `collective ${normalizeAddress(plad)} -${normalizeAddress(member)}` })
  return removed
}
