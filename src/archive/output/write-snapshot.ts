import { LEVEL_RANK, type Level } from '../../format/classification.js'
import type { Access } from '../../store/store.js'
import type { Snapshot, SnapshotCheck } from '../snapshots.js'

/** A reader's access as `--clearance`/`--caveats` name it: `CONFIDENTIAL`, `SECRET//NOFORN/EXDIS`. */
function clearanceText(access: Access): string {
  const name = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === access.level) ?? `level ${access.level}`
  return access.caveats.length ? `${name}//${access.caveats.join('/')}` : name
}

/** A saved snapshot as text: the id to cite and what it records. */
export function snapshotText(s: Snapshot): string {
  return (
    `Snapshot ${s.id}\n` +
    `  query         ${s.query || '*'}\n` +
    `  saved         ${s.savedAt}${s.access ? ` (by a reader cleared ${clearanceText(s.access)})` : ''}\n` +
    `  cables        ${s.count}\n` +
    `  result hash   ${s.resultHash}\n` +
    `  archive hash  ${s.archiveHash} (${s.archiveCables} cables)\n` +
    `Cite as: Cablegram snapshot ${s.id}, query "${s.query || '*'}", ${s.count} cables, ${s.savedAt.slice(0, 10)}.\n`
  )
}

/** The outcome of `snapshot verify`: identical, or the cables added, removed and changed. */
export function snapshotCheckText(c: SnapshotCheck): string {
  let out = `Snapshot ${c.id} (query "${c.query || '*'}"): ${c.identical ? 'identical' : 'DIFFERENT'} — ${c.count} cables now, ${c.savedCount} when saved; archive ${c.sameArchive ? 'unchanged' : 'changed'}\n`
  const list = (title: string, keys: string[]) => {
    if (keys.length === 0) return
    out += `  ${title} (${keys.length}):\n`
    for (const k of keys) out += `    ${k}\n`
  }
  list('added', c.added)
  list('removed', c.removed)
  list('text changed', c.changed)
  return out
}
