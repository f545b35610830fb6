/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]
  }

  /** Skewed towards the start of the list, as word frequencies are (roughly Zipf). */
  zipf<T>(list: readonly T[]): T {
    return list[Math.floor(list.length * this.next() ** 2.2)]
  }

  weighted<T>(items: readonly T[], weight: (t: T) => number): T {
    const total = items.reduce((n, t) => n + weight(t), 0)
    let r = this.next() * total
    for (const t of items) if ((r -= weight(t)) < 0) return t
    return items[items.length - 1]
  }
}
