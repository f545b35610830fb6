import { parseFullName } from 'parse-full-name'
import type { Cable } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import type { Access, Store } from '../store/store.js'
import { TITLE_WORDS } from './data/person-titles.js'
import { releasedPeople } from '../messaging/released-people.js'
import { breather } from './breather.js'

/**
 * People in cables: signers, the names and titles of "Classified by" lines, names in participant lists, and
 * (in an operator's database) drafters, clearers and approvers of released cables, normalised into people:
 * titles taken off, letter case folded, a person keyed by surname and first initial, and a bare surname (a
 * signature such as `PEARSON`) merged into the one person of that surname when there is exactly one.
 */
export type PersonRole = 'signer' | 'classifier' | 'participant' | 'drafter' | 'clearer' | 'approver'

/** One mention of a person in one cable. */
export interface Mention {
  cable: string
  role: PersonRole
  /** The name as written, title included. */
  written: string
  /** A title stated with the name (`Special Assistant`, `Ambassador`), null when none. */
  title: string | null
}

export interface Person {
  /** `PEARSON W`: surname and first initial, or the surname alone. */
  key: string
  /** The fullest form seen, in title case (`W. Robert Pearson`). */
  name: string
  titles: string[]
  roles: PersonRole[]
  /** Cables the person touches, in archive order, each once. */
  cables: string[]
  mentions: Mention[]
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s.'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())

/**
 * Splits a written name into its title and the name proper, and the name into parts (parse-full-name). Null
 * when nothing name-like is left (a heading, an office, a stray word).
 *
 * @example
 *   splitName('Ambassador W.R. Pearson') // { title: 'Ambassador', first: 'W.R.', last: 'Pearson', … }
 */
export function splitName(written: string): { title: string | null; first: string; middle: string; last: string; full: string } | null {
  let text = written.replace(/\([^)]*\)/g, ' ').replace(/[;:]+/g, ' ').replace(/\s+/g, ' ').trim()
  let title: string | null = null
  const comma = text.indexOf(',')
  if (comma > 0) {
    const after = text.slice(comma + 1).trim()
    title = after && !/^(jr|sr|ii|iii|iv)\.?$/i.test(after) ? after : null
    if (title) text = text.slice(0, comma).trim()
  }
  const words = text.split(' ')
  const lead: string[] = []
  while (words.length > 1 && TITLE_WORDS.has(words[0].toUpperCase().replace(/[,]$/, ''))) lead.push(words.shift()!)
  if (lead.length) title = title ?? lead.join(' ')
  if (words.length === 0 || words.length > 4) return null
  if (words.some((w) => /\d|@/.test(w) || !/^[\p{L}][\p{L}.'’-]*$/u.test(w))) return null
  if (words.every((w) => TITLE_WORDS.has(w.toUpperCase()))) return null
  const parsed = parseFullName(titleCase(words.join(' ')))
  const last = (parsed.last || parsed.first || '').trim()
  if (!last || last.length < 2 || TITLE_WORDS.has(last.toUpperCase())) return null
  const first = parsed.last ? (parsed.first ?? '').trim() : ''
  const middle = (parsed.middle ?? '').trim()
  return { title: title ? titleCase(title) : null, first, middle, last, full: [first, middle, last].filter(Boolean).join(' ') }
}

/** Names in a paragraph that opens a participant list (`Participants:`), one per line or `;`-separated item. */
function participants(cable: Cable, text: string): string[] {
  const out: string[] = []
  for (const p of cable.paragraphs) {
    if (!/^\s*participants\b/i.test(p.text) || !p.span) continue
    const lines = text.slice(p.span.start.offset, p.span.end.offset).split(/\r?\n|;/).slice(1)
    for (const line of lines) {
      const item = line.replace(/^[\s-]*(and\s+)?/i, '').replace(/[-=]{3,}/g, '').trim()
      // a country or delegation heading (`U.S.`, `Tajikistan`) is one word without a comma
      if (!item || (!item.includes(',') && !item.includes(' '))) continue
      out.push(item)
    }
  }
  return out
}

/** The mentions of people in one cable text (signers, Classified by, participants). */
export function mentionsIn(key: string, text: string): Mention[] {
  const cable = parseCable(text, { plain: true })
  const out: Mention[] = []
  for (const s of cable.signers) out.push({ cable: key, role: 'signer', written: s, title: null })
  const cb = cable.classifiedBy
  if (cb?.name) out.push({ cable: key, role: 'classifier', written: cb.title ? `${cb.name}, ${cb.title}` : cb.name, title: cb.title ? titleCase(cb.title) : null })
  for (const p of participants(cable, text)) out.push({ cable: key, role: 'participant', written: p, title: null })
  return out
}

/**
 * Groups mentions into people (see the module comment). Mentions whose name cannot be read are dropped.
 *
 * @example
 *   normalizePeople([{ written: 'PEARSON', … }, { written: 'Ambassador W.R. Pearson', … }]) // one person, key 'PEARSON W'
 */
export function normalizePeople(mentions: Mention[]): Person[] {
  const people = new Map<string, Person>()
  const bare: { mention: Mention; last: string }[] = []
  for (const m of mentions) {
    const n = splitName(m.written)
    if (!n) continue
    const mention = { ...m, title: m.title ?? n.title }
    if (!n.first) {
      bare.push({ mention, last: n.last.toUpperCase() })
      continue
    }
    add(people, `${n.last.toUpperCase()} ${n.first[0].toUpperCase()}`, n.full, mention)
  }
  const bySurname = new Map<string, string[]>()
  for (const p of people.values()) {
    const surname = p.key.split(' ')[0]
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), p.key])
  }
  for (const { mention, last } of bare) {
    const same = bySurname.get(last) ?? []
    add(people, same.length === 1 ? same[0] : last, titleCase(last), mention)
  }
  for (const p of people.values()) p.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))
  return [...people.values()].sort((a, b) => b.cables.length - a.cables.length || a.key.localeCompare(b.key))
}

const ROLE_ORDER: readonly PersonRole[] = ['signer', 'classifier', 'participant', 'drafter', 'clearer', 'approver']

function add(people: Map<string, Person>, key: string, name: string, m: Mention): void {
  let p = people.get(key)
  if (!p) people.set(key, (p = { key, name, titles: [], roles: [], cables: [], mentions: [] }))
  if (name.length > p.name.length) p.name = name
  if (m.title && !p.titles.includes(m.title)) p.titles.push(m.title)
  if (!p.roles.includes(m.role)) p.roles.push(m.role)
  if (!p.cables.includes(m.cable)) p.cables.push(m.cable)
  p.mentions.push(m)
}

/**
 * The people of every cable the reader may see. In an operator's database pass its messaging store as
 * `released`: the drafter, clearers and approver of each cable it released (`releasedPeople`) join them,
 * only for released cables `access` may read (level, caveats, need to know), so no name, role or count
 * comes from a cable the reader may not read. The CLI (`cable people`) and the HTTP API (`/api/people`)
 * both call this, so they give one answer.
 *
 * @example
 *   const people = await archivePeople(store, access, ctx.store) // [{ key: 'CLINTON H', name: 'Hillary Clinton', cables: [...] }, …]
 */
export async function archivePeople(store: Store, access?: Access, released: ReleasedSource | null = null): Promise<Person[]> {
  const mentions: Mention[] = []
  const pause = breather()
  for await (const hit of store.search(null, { sort: 'date', withText: true }, access)) {
    await pause()
    mentions.push(...mentionsIn(hit.key, hit.text ?? ''))
  }
  const extra = released ? await releasedPeople(released) : []
  const visible = new Set<string>()
  if (extra.length) for (const h of (await store.resolve([...new Set(extra.map((m) => m.cable))], access)).keys()) visible.add(h)
  return normalizePeople([...mentions, ...extra.filter((m) => visible.has(m.cable))])
}

/** Where drafters, clearers and approvers of released cables come from: an operator database's messaging store. */
export type ReleasedSource = Parameters<typeof releasedPeople>[0]

/**
 * One person of the cables `access` may see, by key (`QUINT P`, `PEARSON`; letter case and runs of spaces
 * ignored), normalised exactly as `archivePeople` lists him (`released` as there), so his page agrees with
 * the list. Null when no cable the reader may read names him: a person known only from cables he may not
 * read does not exist for him. It builds the whole list: a bare surname joins the one person of that
 * surname across every readable cable, and no index finds a name's cables short of reading them all.
 *
 * @example
 *   await archivePerson(store, 'quint p', { level: 2, caveats: [] }) // { key: 'QUINT P', name: 'Peter Quint', … }
 */
export async function archivePerson(store: Store, key: string, access?: Access, released: ReleasedSource | null = null): Promise<Person | null> {
  const want = personKey(key)
  if (!want) return null
  return (await archivePeople(store, access, released)).find((p) => p.key === want) ?? null
}

/** A person key as typed, in the form `normalizePeople` gives it: upper case, single spaces; null when blank. */
export function personKey(key: string): string | null {
  const k = key.trim().replace(/\s+/g, ' ').toUpperCase()
  return k === '' ? null : k
}
