import { afterEach, describe, expect, it } from 'vitest'
import { login, setPassword, throttleDelayMs, type LoginPolicy } from '../../src/messaging/logins.js'
import { RateLimitError } from '../../src/messaging/service-error.js'
import { ENGINES, freshContext, type TestContext } from './fixtures.js'

const PASSWORD = 'a long enough passphrase'
const policy: LoginPolicy = { sessionMs: 60_000, failuresPerUserAddress: 2, firstDelayMs: 1000, maxDelayMs: 3000, failuresPerAddress: 5, failureWindowMs: 60_000 }

describe('throttleDelayMs', () => {
  it('waits nothing up to the pair limit, then doubles from the first delay up to the longest', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => throttleDelayMs(policy, n))).toEqual([0, 0, 1000, 2000, 3000, 3000])
    expect(throttleDelayMs(policy, 10_000)).toBe(3000)
  })
})

describe.each(ENGINES)('login throttling on %s', (engine) => {
  let env: TestContext
  let clock = Date.parse('2026-03-14T09:00:00Z')
  afterEach(() => env.cleanup())

  it('throttles a (user, address) pair with a growing delay, never locks the user, and limits the address', async () => {
    env = await freshContext({ now: () => new Date(clock) }, engine)
    const ctx = env.ctx
    await setPassword(ctx, 'root', 'root', PASSWORD)
    const wrong = (address: string, user = 'root') => expect(login(ctx, user, 'wrong password!', address, policy)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    const waits = async (address: string, user = 'root') => {
      const e = await login(ctx, user, PASSWORD, address, policy).catch((error: unknown) => error)
      expect(e).toBeInstanceOf(RateLimitError)
      return (e as RateLimitError).retryAfterSeconds
    }
    await wrong('10.1.1.1')
    await wrong('10.1.1.1')
    expect(await waits('10.1.1.1')).toBe(1)
    // another address is not held up
    expect((await login(ctx, 'root', PASSWORD, '10.2.2.2', policy)).user.name).toBe('root')
    clock += 1000
    await wrong('10.1.1.1')
    expect(await waits('10.1.1.1')).toBe(2)
    clock += 2000
    await wrong('10.1.1.1')
    expect(await waits('10.1.1.1')).toBe(3)
    // the address's overall limit: 5 failures whatever the names
    await wrong('10.1.1.1', 'nobody')
    expect(await waits('10.1.1.1', 'someone')).toBeGreaterThan(50)
    clock += 61_000
    expect((await login(ctx, 'root', PASSWORD, '10.1.1.1', policy)).user.name).toBe('root')
    const refused = (await ctx.store.audit.query({ action: 'login', outcome: 'refused' })).map((e) => e.detail)
    expect(refused.filter((d) => d === 'rate limited from 10.1.1.1')).toHaveLength(4)
  })
})
