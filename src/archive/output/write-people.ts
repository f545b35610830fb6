import type { Person } from '../people.js'

/** People as a table (cables, roles, titles), or with `detail` each person's mentions cable by cable. */
export function peopleText(people: Person[], detail: boolean): string {
  if (people.length === 0) return 'No people found.\n'
  const w = Math.max(4, ...people.map((p) => p.name.length))
  let out = `${'name'.padEnd(w)}  cables  roles                 titles\n`
  for (const p of people) {
    out += `${p.name.padEnd(w)}  ${String(p.cables.length).padStart(6)}  ${p.roles.join(',').padEnd(20)}  ${p.titles.slice(0, 3).join('; ')}\n`
    if (detail) for (const m of p.mentions) out += `    ${m.cable}  ${m.role.padEnd(11)}  ${m.written}\n`
  }
  return out
}
