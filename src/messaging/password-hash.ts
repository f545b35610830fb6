import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Password hashes: scrypt from node:crypto, with its parameters in the hash string so they can be raised
 * later without invalidating stored hashes: `scrypt$N=32768,r=8,p=1$<salt base64url>$<key base64url>`.
 */

const PARAMS = { N: 32768, r: 8, p: 1 } as const
const KEY_BYTES = 32
const SALT_BYTES = 16
/** Shortest password accepted: long passphrases beat complexity rules (NIST SP 800-63B §5.1.1). */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 1024

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))))
}

/**
 * Hashes a password with a fresh random salt.
 *
 * @example
 *   await hashPassword('correct horse battery') // 'scrypt$N=32768,r=8,p=1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, PARAMS)
  return `scrypt$N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/**
 * Whether `password` matches `hash` (compared in constant time). A hash in any other shape never matches.
 *
 * @example
 *   await verifyPassword('correct horse battery', stored) // true
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const m = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(hash)
  if (!m) return false
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // refuse parameters nobody here wrote: a hash planted with N = 2^30 must not exhaust the server
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false
  const expected = Buffer.from(m[5], 'base64url')
  if (expected.length !== KEY_BYTES) return false
  const key = await derive(password, Buffer.from(m[4], 'base64url'), { N, r, p })
  return timingSafeEqual(key, expected)
}

/** A hash that matches no password, checked when the user is unknown so timing does not tell who exists. */
export const DUMMY_HASH = `scrypt$N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`
