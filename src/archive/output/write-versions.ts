import type { CableVersion } from '../../store/store.js'
import type { VersionDiff } from '../cable-versions.js'

/**
 * A word diff as text: removed words `[-like this-]`, added ones `{+like this+}` (git's --word-diff=plain
 * markers), with a header naming the versions and word counts (punctuation is no word: a diff that changes only
 * punctuation says so and shows it; one that changes only whitespace says that instead).
 */
export function diffText(d: VersionDiff): string {
  let out = `${d.key}: version ${d.from} → version ${d.to}: ${d.removedWords} word${d.removedWords === 1 ? '' : 's'} removed, ${d.addedWords} added\n\n`
  if (d.from === d.to) return out + '(the same version: nothing to compare; `cable show ID --versions` lists the versions)\n'
  const changed = d.parts.some((p) => p.kind !== 'same' && /\S/.test(p.text))
  if (!changed) return out + '(the texts differ only in whitespace)\n'
  if (d.removedWords === 0 && d.addedWords === 0) out += '(only punctuation differs)\n\n'
  for (const p of d.parts) out += p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`
  return out.endsWith('\n') ? out : out + '\n'
}

/**
 * The versions of a cable as a table: number, shown or not, level, withheld passages, first seen, sources. A version
 * made of the sections of a telegram sent in sections lists each section in order with its level, hash and sources
 * (`section 2 of 3  not in the archive` for one it has no text of), instead of one list of sources.
 */
export function versionsText(key: string, versions: CableVersion[]): string {
  let out = `${key}: ${versions.length} version${versions.length === 1 ? '' : 's'}\n`
  for (const v of versions) {
    out += `  ${String(v.version).padStart(2)}${v.current ? ' (shown)' : '        '}  ${v.classification ?? 'unknown'}  ${v.withheldRuns} withheld  ${v.errorCount} parse errors  first seen ${v.firstSeen}  sha256 ${v.textSha256.slice(0, 12)}\n`
    if (v.sections) {
      for (const s of v.sections) {
        if (s.missing) {
          out += `        section ${s.section} of ${s.of}  not in the archive\n`
          continue
        }
        out += `        section ${s.section} of ${s.of}  ${s.classification ?? 'unknown'}  ${s.errorCount} parse errors  sha256 ${s.textSha256.slice(0, 12)}\n`
        for (const x of s.sources) out += `          ${x.locator} (${x.rendering}, ${x.importedAt})\n`
        if (s.sources.length === 0) out += '          (source not recorded: imported before versions were kept)\n'
      }
      continue
    }
    for (const s of v.sources) out += `        ${s.locator} (${s.rendering}, ${s.importedAt})\n`
    if (v.sources.length === 0) out += '        (source not recorded: imported before versions were kept)\n'
  }
  return out
}
