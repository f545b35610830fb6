import type Database from 'better-sqlite3'
import type { Collective, Office, Post, Role, User } from '../messaging-types.js'

interface UserRow {
  name: string
  full_name: string
  post: string
  office: string | null
  roles: string
  clearance: number
  caveats: string
  active: number
}

const splitList = (s: string): string[] => (s ? s.split(',') : [])

function toUser(r: UserRow): User {
  return {
    name: r.name,
    fullName: r.full_name,
    post: r.post,
    office: r.office,
    roles: splitList(r.roles) as Role[],
    clearance: r.clearance,
    caveats: splitList(r.caveats),
    active: r.active === 1,
  }
}

/** SQL for posts, offices, collectives and users. Validation lives in the messaging service. */
export class MessagingDirectorySql {
  constructor(private readonly db: Database.Database) {}

  upsertPost(p: Post): void {
    this.db
      .prepare(
        `INSERT INTO msg_post (plad, route, origin, kind, source) VALUES (@plad, @route, @origin, @kind, @source)
         ON CONFLICT(plad) DO UPDATE SET route = excluded.route, origin = excluded.origin, kind = excluded.kind, source = excluded.source`,
      )
      .run(p)
  }

  post(plad: string): Post | null {
    return (this.db.prepare('SELECT plad, route, origin, kind, source FROM msg_post WHERE plad = ?').get(plad) as Post | undefined) ?? null
  }

  postByRoute(route: string): Post | null {
    return (this.db.prepare('SELECT plad, route, origin, kind, source FROM msg_post WHERE route = ? ORDER BY plad LIMIT 1').get(route) as Post | undefined) ?? null
  }

  posts(): Post[] {
    return this.db.prepare('SELECT plad, route, origin, kind, source FROM msg_post ORDER BY plad').all() as Post[]
  }

  postCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM msg_post').get() as { n: number }).n
  }

  upsertOffice(post: string, code: string, name: string): void {
    this.db
      .prepare('INSERT INTO msg_office (post, code, name) VALUES (?, ?, ?) ON CONFLICT(post, code) DO UPDATE SET name = excluded.name')
      .run(post, code, name)
  }

  offices(post?: string): Office[] {
    const sql = 'SELECT post, code, name FROM msg_office' + (post ? ' WHERE post = ?' : '') + ' ORDER BY post, code'
    return this.db.prepare(sql).all(...(post ? [post] : [])) as Office[]
  }

  office(post: string, code: string): boolean {
    return this.db.prepare('SELECT 1 FROM msg_office WHERE post = ? AND code = ?').get(post, code) !== undefined
  }

  upsertCollective(plad: string, route: string | null, note: string): void {
    this.db
      .prepare('INSERT INTO msg_collective (plad, route, note) VALUES (?, ?, ?) ON CONFLICT(plad) DO UPDATE SET route = excluded.route, note = excluded.note')
      .run(plad, route, note)
  }

  addMember(collective: string, post: string, inferred: boolean): void {
    this.db
      .prepare(
        'INSERT INTO msg_collective_member (collective, post, inferred) VALUES (?, ?, ?) ON CONFLICT(collective, post) DO UPDATE SET inferred = excluded.inferred',
      )
      .run(collective, post, inferred ? 1 : 0)
  }

  removeMember(collective: string, post: string): boolean {
    return this.db.prepare('DELETE FROM msg_collective_member WHERE collective = ? AND post = ?').run(collective, post).changes > 0
  }

  collective(plad: string): Collective | null {
    const row = this.db.prepare('SELECT plad, route, note FROM msg_collective WHERE plad = ?').get(plad) as
      | { plad: string; route: string | null; note: string }
      | undefined
    if (!row) return null
    const members = this.db
      .prepare('SELECT post, inferred FROM msg_collective_member WHERE collective = ? ORDER BY post')
      .all(plad) as { post: string; inferred: number }[]
    return { ...row, members: members.map((m) => ({ post: m.post, inferred: m.inferred === 1 })) }
  }

  collectives(): Collective[] {
    const names = this.db.prepare('SELECT plad FROM msg_collective ORDER BY plad').all() as { plad: string }[]
    return names.map((n) => this.collective(n.plad) as Collective)
  }

  upsertUser(u: User): void {
    this.db
      .prepare(
        `INSERT INTO msg_user (name, full_name, post, office, roles, clearance, caveats, active)
         VALUES (@name, @fullName, @post, @office, @roles, @clearance, @caveats, @active)
         ON CONFLICT(name) DO UPDATE SET full_name = excluded.full_name, post = excluded.post, office = excluded.office,
           roles = excluded.roles, clearance = excluded.clearance, caveats = excluded.caveats, active = excluded.active`,
      )
      .run({ ...u, roles: u.roles.join(','), caveats: u.caveats.join(','), active: u.active ? 1 : 0 })
  }

  user(name: string): User | null {
    const row = this.db.prepare('SELECT * FROM msg_user WHERE name = ?').get(name) as UserRow | undefined
    return row ? toUser(row) : null
  }

  users(post?: string): User[] {
    const sql = 'SELECT * FROM msg_user' + (post ? ' WHERE post = ?' : '') + ' ORDER BY name'
    return (this.db.prepare(sql).all(...(post ? [post] : [])) as UserRow[]).map(toUser)
  }

  userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM msg_user').get() as { n: number }).n
  }
}
