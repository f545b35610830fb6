import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { subscribe, subscriptions, unsubscribe } from '../../src/messaging/index.js'
import { freshContext } from './fixtures.js'

describe('subscription values are stored as the matcher compares them', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  beforeEach(async () => {
    env = await freshContext()
  })
  afterEach(() => env.cleanup())

  it('collapses blanks inside a multi-word TAG and upper-cases it, so `human  rights` is the tag HUMAN RIGHTS', async () => {
    await subscribe(env.ctx, 'root', 'tag', '  human  \t rights ')
    await subscribe(env.ctx, 'root', 'keyword', 'Border   Guards')
    expect(await subscriptions(env.ctx, 'root')).toEqual(
      expect.arrayContaining([
        { kind: 'tag', value: 'HUMAN RIGHTS' },
        { kind: 'keyword', value: 'border guards' },
      ]),
    )
    // removing takes the same spelling rule
    expect(await unsubscribe(env.ctx, 'root', 'tag', 'Human Rights')).toBe(true)
    expect(await subscriptions(env.ctx, 'root')).toEqual([{ kind: 'keyword', value: 'border guards' }])
  })
})
