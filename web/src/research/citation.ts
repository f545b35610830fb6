/** The footnote form of a snapshot, as `cable snapshot save` prints it. */
export function citation(s: { id: string; query: string; count: number; savedAt: string }): string {
  return `Cablegram snapshot ${s.id}, query "${s.query || '*'}", ${s.count.toLocaleString('en-US')} cable${s.count === 1 ? '' : 's'}, ${s.savedAt.slice(0, 10)}.`
}
