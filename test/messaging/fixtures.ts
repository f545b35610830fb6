import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installDirectory, openMessaging, putUser, type ServiceContext, type UserSpec } from '../../src/messaging/index.js'

/** The read-only shared corpus, resolved from the repo root; absent on machines without it. */
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url))
export const SEED_PATH = join(SHARED, 'corpus/seed/09STATE99704.txt')
export const HAS_SEED = existsSync(SEED_PATH)

/** A fresh database file in a temp folder, with the default directory installed and an admin. */
export async function freshContext(options: Partial<Omit<ServiceContext, 'store'>> = {}): Promise<{ ctx: ServiceContext; dir: string; path: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-msg-'))
  const path = join(dir, 'cables.db')
  const ctx = await openMessaging(path, options)
  await installDirectory(ctx, undefined)
  await putUser(ctx, undefined, { name: 'root', post: 'SECSTATE WASHDC', roles: ['admin'], clearance: 'UNCLASSIFIED' })
  return {
    ctx,
    dir,
    path,
    cleanup: async () => {
      await ctx.store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Adds users in one go, as the admin. */
export async function addUsers(ctx: ServiceContext, users: UserSpec[]): Promise<void> {
  for (const u of users) await putUser(ctx, 'root', u)
}

/** A clock the tests move by hand, so DTGs and lease expiry are deterministic. */
export function manualClock(start = '2026-03-14T09:26:00Z') {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

/** The SECSTATE drafting team of the tests: drafter, two clearers, approver. */
export const STATE_TEAM: UserSpec[] = [
  { name: 'dana', post: 'SECSTATE WASHDC', office: 'SCA/CEN', roles: ['drafter', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'carl', post: 'SECSTATE WASHDC', office: 'SCA/PPD', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'cleo', post: 'SECSTATE WASHDC', office: 'INR', roles: ['clearer', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
  { name: 'abe', post: 'SECSTATE WASHDC', office: 'S/ES', roles: ['approver', 'reader'], clearance: 'SECRET', caveats: ['NOFORN'] },
]
