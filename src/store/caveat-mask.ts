/**
 * Caveats as bits, so visibility is one integer test in SQL: a cable is visible when
 * `caveat_mask & ~readerMask = 0`. Engine-neutral: both engines store and test the same masks. The bit of a caveat is stored data: append new caveats, never reorder.
 */
const CAVEAT_BITS: Record<string, number> = {
  NOFORN: 1,
  NODIS: 2,
  EXDIS: 4,
  LIMDIS: 8,
  STADIS: 16,
  ORCON: 32,
  CHEROKEE: 64,
  SPECAT: 128,
}

/** Every known bit set. */
export const ALL_CAVEATS_MASK = Object.values(CAVEAT_BITS).reduce((a, b) => a | b, 0)

/** Mask of the known caveats in a list; unknown names set no bit. */
export function caveatMask(caveats: readonly string[]): number {
  let mask = 0
  for (const c of caveats) mask |= CAVEAT_BITS[c.toUpperCase()] ?? 0
  return mask
}

/** Whether a caveat name has a bit (and can therefore be enforced). */
export function isKnownCaveat(caveat: string): boolean {
  return caveat.toUpperCase() in CAVEAT_BITS
}

/** The known caveats a reader holding `held` lacks, in bit order (what a release record must not carry). */
export function lackedCaveats(held: readonly string[]): string[] {
  const mine = new Set(held.map((c) => c.toUpperCase()))
  return Object.keys(CAVEAT_BITS).filter((c) => !mine.has(c))
}
