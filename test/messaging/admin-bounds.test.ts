import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getUser, LEVEL_NAMES, putUser, queryAudit, type User, type UserSpec } from '../../src/messaging/index.js'
import { login, revokeSessions, sessionUser, setPassword } from '../../src/messaging/logins.js'
import { ServiceError } from '../../src/messaging/service-error.js'
import { addUsers, ENGINES, freshContext, type TestContext } from './fixtures.js'

/**
 * Administration never widens the acting admin's own access (docs/messaging.md): the routes a hostile admin
 * tried (moving his own post, granting himself roles, creating or changing an account more cleared than
 * himself, setting the password of such an account), each with variants, on every engine.
 */

const ADA: UserSpec = { name: 'ada', post: 'AMEMBASSY DUSHANBE', office: null, roles: ['admin', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] }
const BEN: UserSpec = { name: 'ben', post: 'AMEMBASSY DUSHANBE', roles: ['admin'], clearance: 'CONFIDENTIAL' }
const USERS: UserSpec[] = [
  ADA,
  BEN,
  { name: 'tess', post: 'AMEMBASSY TASHKENT', roles: ['reader'], clearance: 'TOP SECRET', caveats: ['NOFORN'] },
  { name: 'nora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SECRET', caveats: ['NOFORN', 'NODIS'] },
  { name: 'arty', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'CONFIDENTIAL' },
  { name: 'dora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
]

/** The spec of a stored user, to change one field of it. */
const specOf = (u: User): UserSpec => ({ name: u.name, fullName: u.fullName, post: u.post, office: u.office, roles: [...u.roles], clearance: LEVEL_NAMES[u.clearance], caveats: [...u.caveats], active: u.active })

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a refusal').toBeInstanceOf(ServiceError)
  return error as ServiceError
}

describe.each(ENGINES)('administration never widens the admin\'s own access (%s)', (engine) => {
  let env: TestContext
  beforeAll(async () => {
    env = await freshContext({}, engine)
    await addUsers(env.ctx, USERS)
  }, 60_000)
  afterAll(() => env?.cleanup())

  const refusedUserAudits = async (actor: string, action = 'user') => (await queryAudit(env.ctx, 'root', { actor, action, outcome: 'refused' })).map((e) => e.detail)

  it('should refuse an admin moving himself to another post or office, and audit it', async () => {
    const ada = await getUser(env.ctx, 'ada')
    for (const post of ['SECSTATE WASHDC', 'AMEMBASSY TASHKENT', 'amembassy kabul']) {
      const e = await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), post }))
      expect(e.code).toBe('FORBIDDEN')
      expect(e.message).toMatch(new RegExp(`ada cannot move himself to another post \\(AMEMBASSY DUSHANBE to ${post.toUpperCase()}\\): another admin must`))
    }
    // moving and giving something up at once is still a move
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), post: 'AMEMBASSY TASHKENT', clearance: 'SBU' }))).code).toBe('FORBIDDEN')
    const offices = await env.ctx.store.directory.offices('SECSTATE WASHDC')
    await putUser(env.ctx, 'root', { ...specOf(ada), name: 'wes', post: 'SECSTATE WASHDC', office: null })
    const e = await refusal(putUser(env.ctx, 'wes', { ...specOf(await getUser(env.ctx, 'wes')), office: offices[0].code }))
    expect(e.message).toContain('wes cannot change his own office')
    expect((await getUser(env.ctx, 'ada')).post).toBe('AMEMBASSY DUSHANBE')
    expect((await getUser(env.ctx, 'wes')).office).toBeNull()
    expect((await refusedUserAudits('ada')).filter((d) => d.includes('cannot move himself'))).toHaveLength(4)
    // another admin may move him
    await putUser(env.ctx, 'root', { ...specOf(await getUser(env.ctx, 'wes')), office: offices[0].code })
    expect((await getUser(env.ctx, 'wes')).office).toBe(offices[0].code)
  })

  it('should refuse an admin granting himself any role, alone or with other changes', async () => {
    const ada = await getUser(env.ctx, 'ada')
    for (const roles of [['admin', 'reader', 'archive-reader'], ['admin', 'drafter'], ['admin', 'approver', 'clearer'], ['admin', 'archivist']]) {
      const e = await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), roles }))
      expect(e.code).toBe('FORBIDDEN')
      expect(e.message).toMatch(/ada cannot grant himself the [a-z-]+(, [a-z-]+)? roles?: another admin must/)
    }
    // swapping one role for another is still a grant
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), roles: ['admin', 'archive-reader'] }))).message).toContain('archive-reader')
    expect((await getUser(env.ctx, 'ada')).roles).toEqual(['admin', 'reader'])
    expect((await refusedUserAudits('ada')).filter((d) => d.includes('grant himself'))).toHaveLength(5)
    // giving a role up only narrows: allowed while another admin remains
    await putUser(env.ctx, 'ada', { ...specOf(ada), roles: ['admin'] })
    expect((await getUser(env.ctx, 'ada')).roles).toEqual(['admin'])
    await putUser(env.ctx, 'root', specOf(ada))
  })

  it('should still refuse raising his own clearance or caveats, with every other admin bound the same way', async () => {
    const ada = await getUser(env.ctx, 'ada')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), clearance: 'TOP SECRET' }))).message).toContain('ada cannot raise his own clearance (SECRET to TOP SECRET)')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(ada), caveats: ['NOFORN', 'NODIS'] }))).message).toContain('ada cannot read himself into NODIS')
    // a second admin he made (within his own access) cannot raise him either: it holds no more than he does
    await putUser(env.ctx, 'ada', { name: 'sock', post: 'AMEMBASSY DUSHANBE', roles: ['admin'], clearance: 'SECRET', caveats: ['NOFORN'] })
    const e = await refusal(putUser(env.ctx, 'sock', { ...specOf(ada), clearance: 'TOP SECRET' }))
    expect(e.message).toMatch(/sock cannot give ada clearance TOP SECRET: he does not hold it himself/)
    expect((await refusal(putUser(env.ctx, 'sock', { ...specOf(ada), roles: ['admin', 'reader', 'archive-reader'] }))).message).toContain('role archive-reader')
    expect((await getUser(env.ctx, 'ada')).clearance).toBe(3)
  })

  it('should refuse creating an account more cleared than the admin, in every way it can be more cleared', async () => {
    const base = { post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SECRET', caveats: ['NOFORN'] }
    const cases: [Partial<UserSpec>, RegExp][] = [
      [{ clearance: 'TOP SECRET' }, /clearance TOP SECRET/],
      [{ caveats: ['NOFORN', 'NODIS'] }, /caveat NODIS/],
      [{ caveats: ['ORCON'] }, /caveat ORCON/],
      [{ roles: ['reader', 'archive-reader'] }, /role archive-reader/],
      [{ roles: ['admin'], clearance: 'TS', caveats: ['EXDIS'] }, /clearance TOP SECRET, caveat EXDIS/],
      // a second admin account more cleared than himself, to log in with
      [{ roles: ['admin', 'archive-reader'], clearance: 'SECRET', caveats: ['NOFORN'] }, /role archive-reader/],
    ]
    for (const [i, [change, why]] of cases.entries()) {
      const e = await refusal(putUser(env.ctx, 'ada', { name: `alt${i}`, ...base, ...change }))
      expect(e.code).toBe('FORBIDDEN')
      expect(e.message).toMatch(new RegExp(`^ada cannot create alt${i} with .*: he does not hold`))
      expect(e.message).toMatch(why)
      expect(await env.ctx.store.directory.user(`alt${i}`)).toBeNull()
    }
    expect((await refusedUserAudits('ada')).filter((d) => d.includes('cannot create'))).toHaveLength(cases.length)
    // a less-cleared admin is bound by his own access too
    expect((await refusal(putUser(env.ctx, 'ben', { name: 'alt9', ...base }))).message).toMatch(/ben cannot create alt9 with clearance SECRET, caveat NOFORN/)
    // within his own access he creates what he likes, at any post
    const made = await putUser(env.ctx, 'ada', { name: 'kept', post: 'AMEMBASSY KABUL', roles: ['reader', 'drafter'], clearance: 'SECRET', caveats: ['NOFORN'] })
    expect(made.clearance).toBe(3)
  })

  it('should refuse raising someone else beyond the admin, or changing an account beyond him, but let him narrow any', async () => {
    const dora = await getUser(env.ctx, 'dora')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(dora), clearance: 'TOP SECRET' }))).message).toBe(
      'ada cannot give dora clearance TOP SECRET: he does not hold it himself (an admin who does must)',
    )
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(dora), caveats: ['NOFORN', 'EXDIS'] }))).message).toContain('caveat EXDIS')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(dora), roles: ['reader', 'archive-reader'] }))).message).toContain('role archive-reader')
    // tess (TOP SECRET) is beyond ada: no move, no new role
    const tess = await getUser(env.ctx, 'tess')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(tess), post: 'AMEMBASSY DUSHANBE' }))).message).toContain('ada cannot give tess clearance TOP SECRET')
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(tess), roles: ['reader', 'drafter'] }))).code).toBe('FORBIDDEN')
    // but narrowing widens nobody's access: lower, remove, deactivate
    await putUser(env.ctx, 'ada', { ...specOf(tess), fullName: 'Tess T.' })
    await putUser(env.ctx, 'ada', { ...specOf(await getUser(env.ctx, 'nora')), caveats: ['NOFORN'] })
    expect((await getUser(env.ctx, 'nora')).caveats).toEqual(['NOFORN'])
    await putUser(env.ctx, 'ada', { ...specOf(tess), active: false })
    expect((await getUser(env.ctx, 'tess')).active).toBe(false)
    // reactivating is not narrowing
    expect((await refusal(putUser(env.ctx, 'ada', { ...specOf(tess), active: true }))).message).toContain('ada cannot give tess clearance TOP SECRET')
    await putUser(env.ctx, 'root', { ...specOf(tess), active: true })
    await putUser(env.ctx, 'root', { ...specOf(await getUser(env.ctx, 'nora')), caveats: ['NOFORN', 'NODIS'] })
  })

  it('should refuse setting the password of a user the admin does not dominate, audited with who and whom', async () => {
    for (const [name, holds] of [
      ['tess', 'clearance TOP SECRET'],
      ['nora', 'caveat NODIS'],
      ['arty', 'role archive-reader'],
      ['root', 'clearance TOP SECRET'],
    ] as const) {
      const e = await refusal(setPassword(env.ctx, 'ada', name, 'a passphrase ada chose'))
      expect(e.code).toBe('FORBIDDEN')
      expect(e.message).toContain(`ada cannot set the password of ${name}, who holds ${holds}`)
      expect(await env.ctx.store.auth.passwordHash(name)).toBeNull()
    }
    expect((await refusedUserAudits('ada', 'passwd')).length).toBe(4)
    expect((await refusal(setPassword(env.ctx, 'ben', 'dora', 'a passphrase ben chose'))).message).toContain('who holds clearance SECRET, caveat NOFORN')
    // a non-admin sets no one's password but his own
    expect((await refusal(setPassword(env.ctx, 'dora', 'kept', 'a passphrase dora chose'))).code).toBe('FORBIDDEN')
  })

  it('should make a password an admin sets temporary: no session until its holder chooses his own', async () => {
    await setPassword(env.ctx, 'dora', 'dora', 'dora own passphrase')
    const first = await login(env.ctx, 'dora', 'dora own passphrase', '10.0.0.1')
    expect(await sessionUser(env.ctx, first.token)).not.toBeNull()
    await setPassword(env.ctx, 'ada', 'dora', 'a passphrase ada chose')
    // the reset ends her sessions, and is audited naming who set whose
    expect(await sessionUser(env.ctx, first.token)).toBeNull()
    const entries = await queryAudit(env.ctx, 'root', { actor: 'ada', action: 'passwd', outcome: 'ok' })
    expect(entries.at(-1)?.detail).toBe('password of dora set by ada; dora must change it at the next login')
    // the admin who knows it cannot use it: no session without a new password
    const e = await refusal(login(env.ctx, 'dora', 'a passphrase ada chose', '10.0.0.2'))
    expect(e.code).toBe('PASSWORD_CHANGE_REQUIRED')
    expect(e.message).toContain('cable user passwd dora --as dora')
    expect((await refusal(login(env.ctx, 'dora', 'dora own passphrase', '10.0.0.2', undefined, 'x'.repeat(20)))).code).toBe('UNAUTHENTICATED')
    expect((await refusal(login(env.ctx, 'dora', 'a passphrase ada chose', '10.0.0.2', undefined, 'a passphrase ada chose'))).code).toBe('INVALID')
    const s = await login(env.ctx, 'dora', 'a passphrase ada chose', '10.0.0.2', undefined, 'dora chose again')
    expect(s.user.name).toBe('dora')
    expect(await env.ctx.store.auth.passwordMustChange('dora')).toBe(false)
    await login(env.ctx, 'dora', 'dora chose again', '10.0.0.3')
    expect((await refusal(login(env.ctx, 'dora', 'a passphrase ada chose', '10.0.0.3'))).code).toBe('UNAUTHENTICATED')
    // an admin setting his own password is not temporary
    await setPassword(env.ctx, 'ada', 'ada', 'ada own passphrase')
    expect(await env.ctx.store.auth.passwordMustChange('ada')).toBe(false)
    // ending someone's sessions only narrows: any admin may
    expect(await revokeSessions(env.ctx, 'ben', 'dora')).toBe(2)
  })
})

/**
 * Re-QA F9: an access role is granted only by an admin who holds it, so a first admin created without
 * `archive-reader` could never grant it, nor could any admin he made. The first admin of a database holds every
 * access role, asked for or not; clearance and caveats stay exactly as given, and he grants no more of them.
 */
describe.each(ENGINES)('the first admin of a database (%s)', (engine) => {
  let env: TestContext
  beforeAll(async () => {
    env = await freshContext({}, engine, { name: 'first', post: 'SECSTATE WASHDC', roles: ['admin'], clearance: 'SECRET', caveats: ['NOFORN'] })
  }, 60_000)
  afterAll(() => env?.cleanup())

  it('should hold every access role, so he can grant archive-reader, and still grant no more clearance than his own', async () => {
    const first = await getUser(env.ctx, 'first')
    expect(first.roles.sort()).toEqual(['admin', 'archive-reader'])
    expect([first.clearance, first.caveats]).toEqual([3, ['NOFORN']])
    expect((await queryAudit(env.ctx, 'first', { actor: 'first', action: 'user' })).map((e) => e.detail)).toContainEqual(expect.stringContaining('first: admin,archive-reader SECRET//NOFORN'))
    const olga = await putUser(env.ctx, 'first', { name: 'olga', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'SECRET', caveats: ['NOFORN'] })
    expect(olga.roles).toEqual(['reader', 'archive-reader'])
    // a second admin he makes with the role can grant it in turn
    await putUser(env.ctx, 'first', { name: 'amy', post: 'SECSTATE WASHDC', roles: ['admin', 'archive-reader'], clearance: 'CONFIDENTIAL' })
    expect((await putUser(env.ctx, 'amy', { name: 'pat', post: 'AMEMBASSY KABUL', roles: ['reader', 'archive-reader'], clearance: 'CONFIDENTIAL' })).roles).toContain('archive-reader')
    // the role is no clearance: he still grants nothing above what he holds
    expect((await refusal(putUser(env.ctx, 'first', { name: 'tom', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'TOP SECRET' }))).message).toMatch(/first cannot create tom with clearance TOP SECRET/)
    expect((await refusal(putUser(env.ctx, 'first', { name: 'nod', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'SECRET', caveats: ['NODIS'] }))).message).toMatch(/caveat NODIS/)
    // only the first user is given it: later admins get the roles they are given
    expect((await getUser(env.ctx, 'amy')).roles.sort()).toEqual(['admin', 'archive-reader'])
    expect((await putUser(env.ctx, 'first', { name: 'ben', post: 'SECSTATE WASHDC', roles: ['admin'], clearance: 'SECRET' })).roles).toEqual(['admin'])
  })
})
