import { describe, expect, it } from 'vitest'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.js'

describe('password hashes', () => {
  it('should keep scrypt parameters in the hash and verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery')
    expect(hash).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(hash).not.toContain('correct')
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
    expect(await hashPassword('correct horse battery')).not.toBe(hash)
  })

  it('should verify hashes made with other parameters and refuse absurd ones', async () => {
    const hash = await hashPassword('pw pw pw pw pw')
    const salt = hash.split('$')[2]
    expect(await verifyPassword('pw pw pw pw pw', hash.replace('N=32768', 'N=16384'))).toBe(false)
    expect(await verifyPassword('x', `scrypt$N=1073741824,r=8,p=1$${salt}$${'A'.repeat(43)}`)).toBe(false)
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false)
  })
})
