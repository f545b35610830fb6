import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCable } from '../memory-io.js'
import { Client, operatorServer } from './operator-server.js'

/**
 * The drafter, clearer and approver of cables released through messaging are people of the archive over
 * HTTP (`/api/people`, `/api/people/{key}`), exactly as `cable people` lists them, and only through the
 * released cables the caller may read: level, caveats and need to know (the addressed post) alike.
 */

const TEAM = [
  { name: 'dana', fullName: 'Dana Ames', post: 'SECSTATE WASHDC', office: 'SCA/CEN', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'carl', fullName: 'Carl Boyd', post: 'SECSTATE WASHDC', office: 'SCA/PPD', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'cleo', fullName: 'Cleo Dunn', post: 'SECSTATE WASHDC', office: 'INR', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'abe', fullName: 'Abe Cole', post: 'SECSTATE WASHDC', office: 'S/ES', roles: ['approver', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
]
const READERS = [
  // reads both released cables: addressed post, cleared SECRET
  { name: 'nick', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'SECRET' },
  // addressed post, cleared CONFIDENTIAL only: reads the CONFIDENTIAL one
  { name: 'lena', post: 'AMEMBASSY DUSHANBE', roles: ['reader', 'archive-reader'], clearance: 'CONFIDENTIAL' },
  // cleared above both, but at a post neither cable went to: reads neither
  { name: 'olga', post: 'AMEMBASSY OTTAWA', roles: ['reader', 'archive-reader'], clearance: 'TOP SECRET', caveats: ['NOFORN'] },
]

/** A synthetic telegram from SECSTATE to Dushanbe. */
function telegram(level: 'CONFIDENTIAL' | 'SECRET', marker: string): string {
  const mark = level === 'CONFIDENTIAL' ? 'C' : 'S'
  return `FM SECSTATE WASHDC
TO AMEMBASSY DUSHANBE PRIORITY

${level} STATE 000000

E.O. 13526: DECL: 03/14/2036
TAGS: PREL, TI
SUBJECT: (${mark}) SYNTHETIC TEST: ${marker} REVIEW

CLASSIFIED BY: SCA/CEN Director, Reason 1.4(d)

1. (${mark}) The ${marker} review is synthetic.

CLINTON
`
}

interface Person {
  key: string
  name: string
  titles: string[]
  roles: string[]
  cables: string[]
  mentions: { cable: string; role: string; written: string; title: string | null }[]
}

describe('drafters and clearers of released cables over HTTP', () => {
  let srv: Awaited<ReturnType<typeof operatorServer>>
  let secret = ''
  let confidential = ''
  const clients: Record<string, Client> = {}

  beforeAll(async () => {
    srv = await operatorServer([...TEAM, ...READERS])
    const [dana, carl, cleo, abe] = await Promise.all(['dana', 'carl', 'cleo', 'abe'].map((u) => srv.login(u)))
    const release = async (level: 'CONFIDENTIAL' | 'SECRET', marker: string, clearer: Client, clearerName: string) => {
      const created = await dana.json(dana.post('/api/drafts', { telegram: telegram(level, marker), clearers: [clearerName] }), 201)
      expect(created.preview.errors).toEqual([])
      await clearer.json(clearer.post(`/api/drafts/${created.draft.id}/clear`))
      await abe.json(abe.post(`/api/drafts/${created.draft.id}/approve`))
      return (await abe.json(abe.post(`/api/drafts/${created.draft.id}/release`))).cableId as string
    }
    secret = await release('SECRET', 'PIKEREL', carl, 'carl')
    confidential = await release('CONFIDENTIAL', 'HERONREL', cleo, 'cleo')
    for (const r of READERS) clients[r.name] = await srv.login(r.name)
  }, 120_000)
  afterAll(async () => {
    await srv?.close()
  })

  const people = async (who: string) => clients[who].json<Person[]>(clients[who].get('/api/people?limit=10000'))
  const byKey = (list: Person[]) => new Map(list.map((p) => [p.key, p]))

  it('should list the drafter, clearer and approver as people with their role, office and cables', async () => {
    const all = byKey(await people('nick'))
    expect(all.get('AMES D')).toMatchObject({ name: 'Dana Ames', titles: ['SCA/CEN'], roles: ['drafter'], cables: [secret, confidential] })
    expect(all.get('BOYD C')).toMatchObject({ name: 'Carl Boyd', titles: ['SCA/PPD'], roles: ['clearer'], cables: [secret] })
    expect(all.get('DUNN C')).toMatchObject({ name: 'Cleo Dunn', roles: ['clearer'], cables: [confidential] })
    expect(all.get('COLE A')).toMatchObject({ roles: ['approver'], cables: [secret, confidential] })
    // his page agrees with the list, mentions and roles included
    const carl = await clients.nick.json<Person>(clients.nick.get('/api/people/boyd%20c'))
    expect(carl).toEqual(all.get('BOYD C'))
    expect(carl.mentions).toEqual([{ cable: secret, role: 'clearer', written: 'Carl Boyd', title: 'SCA/PPD' }])
  })

  it('should show a reader who may not read a cable nothing of its drafter and clearer, counts included', async () => {
    // lena reads the CONFIDENTIAL cable only: its clearer, and its drafter and approver with that one cable
    const lena = byKey(await people('lena'))
    expect(lena.has('BOYD C')).toBe(false)
    expect(lena.get('AMES D')).toMatchObject({ roles: ['drafter'], cables: [confidential] })
    expect(lena.get('AMES D')!.mentions).toHaveLength(1)
    expect(lena.get('COLE A')!.cables).toEqual([confidential])
    expect(lena.get('DUNN C')!.cables).toEqual([confidential])
    expect(JSON.stringify([...lena.values()])).not.toContain(secret)
    // olga's post got neither cable: none of the four exists for her, their signer no more than his own cables
    const olga = await people('olga')
    for (const key of ['AMES D', 'BOYD C', 'DUNN C', 'COLE A']) expect(olga.some((p) => p.key === key), key).toBe(false)
    expect(JSON.stringify(olga)).not.toMatch(new RegExp(`${secret}|${confidential}|Ames|Boyd|Dunn|Cole`))
    // the key lookup answers exactly as for a name that is nowhere
    for (const [who, key] of [['lena', 'BOYD C'], ['olga', 'AMES D'], ['olga', 'BOYD C'], ['olga', 'NOBODY X']]) {
      const r = await clients[who].get(`/api/people/${encodeURIComponent(key)}`)
      expect(r.status, `${who} ${key}`).toBe(404)
      expect((await r.json()).detail).toBe(`no person ${key} in the cables you may read`)
    }
  })

  it('should give over HTTP what `cable people` gives on the command line', async () => {
    for (const who of ['nick', 'lena', 'olga']) {
      const cli = await runCable(['people', '--db', srv.path, '--as', who, '--format', 'json'])
      const http = await people(who)
      expect(cli.code, cli.stderr).toBe(http.length ? 0 : 1)
      expect(JSON.parse(cli.stdout)).toEqual(http)
    }
  })
})
