import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DIRECTORY_DIR } from '../../src/messaging/default-directory.js'
import { deriveDirectoryPosts, postsToTsv } from '../../src/messaging/directory-derive.js'
import { expandRecipients } from '../../src/messaging/recipients.js'
import { putCollective, putPost, putUser, ServiceError } from '../../src/messaging/index.js'
import { SHARED, ENGINES } from './fixtures.js'
import { freshContext } from './fixtures.js'

const ROUTING = join(SHARED, 'data/routing-indicators.tsv')

describe.each(ENGINES)('default directory (%s)', (engine) => {
  it.skipIf(!existsSync(ROUTING))('should be exactly what the routing-indicator table derives (needs ../shared/data/routing-indicators.tsv)', () => {
    const derived = postsToTsv(deriveDirectoryPosts(readFileSync(ROUTING, 'utf8')))
    expect(readFileSync(join(DEFAULT_DIRECTORY_DIR, 'directory-posts.tsv'), 'utf8')).toBe(derived)
  })

  it('should hold the Department, the SCA posts and collectives whose members are all posts', async () => {
    const env = await freshContext({}, engine)
    try {
      const d = env.ctx.store.directory
      expect(await d.post('SECSTATE WASHDC')).toMatchObject({ route: 'RUEHC', origin: 'STATE' })
      expect(await d.post('AMEMBASSY DUSHANBE')).toMatchObject({ route: 'RUEHDBU', origin: 'DUSHANBE' })
      const sca = (await d.collective('ALL SOUTH AND CENTRAL ASIA COLLECTIVE'))!
      expect(sca.members.length).toBe(19)
      // the seed's FL2 relay list: the only memberships not inferred
      const routes = await Promise.all(sca.members.filter((m) => !m.inferred).map(async (m) => (await d.post(m.post))!.route))
      expect(routes.sort()).toEqual(['RUEHAST', 'RUEHBI', 'RUEHCI', 'RUEHDBU', 'RUEHLH', 'RUEHNEH', 'RUEHPW'])
      for (const c of await d.collectives()) for (const m of c.members) expect(await d.post(m.post), `${c.plad} member ${m.post}`).not.toBeNull()
      const origins = (await d.posts()).map((p) => p.origin)
      expect(new Set(origins).size).toBe(origins.length)
      const { recipients } = await expandRecipients({ precedence: 'ROUTINE', to: [{ name: 'EUROPEAN POLITICAL COLLECTIVE' }], info: [] }, d)
      expect(recipients.length).toBe((await d.collective('EUROPEAN POLITICAL COLLECTIVE'))!.members.length)
    } finally {
      await env.cleanup()
    }
  })
})

describe('directory names go through the rule of draft input', () => {
  const refused = async (fn: () => Promise<unknown>): Promise<string> => {
    try {
      await fn()
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'INVALID') return error.message
      throw error
    }
    throw new Error('accepted')
  }
  it('should refuse invisible format and control characters in user, post and collective fields, naming them', async () => {
    const env = await freshContext()
    try {
      const { ctx } = env
      const user = { name: 'mallory', post: 'SECSTATE WASHDC', roles: ['reader'], clearance: 'UNCLASSIFIED' }
      expect(await refused(() => putUser(ctx, 'root', { ...user, fullName: 'Mallory \u202eyrollaM' }))).toContain('fullName: invisible format character U+202E RIGHT-TO-LEFT OVERRIDE at line 1, column 9')
      expect(await refused(() => putUser(ctx, 'root', { ...user, fullName: 'Mal\u0085lory' }))).toContain('fullName: control character U+0085 NEXT LINE')
      expect(await refused(() => putUser(ctx, 'root', { ...user, post: 'SECSTATE\u2066 WASHDC' }))).toContain('post: invisible format character U+2066 LEFT-TO-RIGHT ISOLATE')
      expect(await refused(() => putUser(ctx, 'root', { ...user, name: 'mal\u200dlory' }))).toContain('name: invisible format character U+200D ZERO WIDTH JOINER')
      const post = { plad: 'AMEMBASSY NOWHERE', route: 'RUEHNOW', origin: 'NOWHERE', kind: 'embassy', source: 'test' }
      expect(await refused(() => putPost(ctx, 'root', { ...post, plad: 'AMEMBASSY \u202eEREHWON' }))).toContain('plad: invisible format character U+202E')
      expect(await refused(() => putPost(ctx, 'root', { ...post, origin: 'NOWHERE\ufeff' }))).toContain('origin: invisible format character U+FEFF')
      expect(await refused(() => putCollective(ctx, 'root', 'ALL NOWHERE\u2028COLLECTIVE', null, ['AMEMBASSY DUSHANBE']))).toContain('plad: invisible format character U+2028 LINE SEPARATOR')
      expect(await refused(() => putCollective(ctx, 'root', 'ALL NOWHERE COLLECTIVE', null, ['AMEMBASSY\u200b DUSHANBE']))).toContain('members[0]: invisible format character U+200B')
      // lookalikes: a post or user that reads as an existing one but differs by an invisible character
      expect(await refused(() => putPost(ctx, 'root', { ...post, plad: 'AMEMBASSY DUSHANBE\u{E0041}' }))).toContain('plad: invisible format character U+E0041 TAG LATIN CAPITAL LETTER A at line 1, column 19')
      expect(await refused(() => putPost(ctx, 'root', { ...post, plad: 'AMEMBASSY\u3164DUSHANBE' }))).toContain('plad: invisible format character U+3164 HANGUL FILLER')
      expect(await refused(() => putUser(ctx, 'root', { ...user, name: 'dana\ufe0f' }))).toContain('name: invisible format character U+FE0F VARIATION SELECTOR-16')
      expect(await refused(() => putUser(ctx, 'root', { ...user, fullName: 'Dana\u2800Drafter' }))).toContain('fullName: invisible format character U+2800 BRAILLE PATTERN BLANK')
      expect(await ctx.store.directory.post('AMEMBASSY DUSHANBE\u{E0041}')).toBeNull()
      // a clearance written with its caveats: the caveats are a field of their own
      expect(await refused(() => putUser(ctx, 'root', { ...user, clearance: 'SECRET//NOFORN' }))).toContain('clearance SECRET//NOFORN: a clearance is a level alone (SECRET); give the caveats apart: caveats: [NOFORN] (--caveats NOFORN on the command line)')
      expect(await ctx.store.directory.user('mallory')).toBeNull()
      expect(await ctx.store.directory.collective('ALL NOWHERE COLLECTIVE')).toBeNull()
    } finally {
      await env.cleanup()
    }
  })
})

describe('deriveDirectoryPosts', () => {
  it('should keep State posts, fold corrections and skip duplicates, on a synthetic table', async () => {
    const tsv = [
      'routing_indicator\tstation\tsource\tnote',
      'RUEHC\tDEPT OF STATE WASHINGTON DC\tx\t',
      'RUEHAAA\tAMEMBASSY ATLANTIS\tx\t',
      'RUEHAAB\tAMEMBASSY ATLANTIS\tx\tsecond RI for the same post',
      'RUEHLM\tAMEMBASSY COLUMBO\tx\t',
      'RUEHAAC\tUSOFFICE FSC SOMEWHERE\tx\t',
      'RUEKJCS\tJOINT STAFF WASHINGTON DC\tx\t',
      'RUEHAAD\tUSMISSION USUN NEW YORK\tx\t',
    ].join('\n')
    expect(deriveDirectoryPosts(tsv).map((p) => [p.plad, p.route, p.origin, p.kind])).toEqual([
      ['SECSTATE WASHDC', 'RUEHC', 'STATE', 'department'],
      ['AMEMBASSY ATLANTIS', 'RUEHAAA', 'ATLANTIS', 'embassy'],
      ['AMEMBASSY COLOMBO', 'RUEHLM', 'COLOMBO', 'embassy'],
      ['USMISSION USUN NEW YORK', 'RUEHAAD', 'USUN NEW YORK', 'mission'],
    ])
  })
})
