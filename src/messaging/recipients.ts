import type { PrecedenceWord } from '../format/model.js'
import type { Collective, DeliveryRole, DraftAddressee, Post } from './types.js'
import { PRECEDENCE_RANK, higherPrecedence } from './precedence.js'
import { ServiceError } from './service-error.js'
import { pladStation } from '../format/origin-label.js'

/** One post that gets one delivery of a cable. */
export interface Recipient {
  post: string
  role: DeliveryRole
  precedence: PrecedenceWord
}

/** An addressee line as the header will print it, with what it resolved to. */
export interface ResolvedAddressee {
  role: DeliveryRole
  name: string
  route: string | null
  precedence: PrecedenceWord
  collective: boolean
  excluded: string[]
}

export interface DirectoryLookup {
  post(plad: string): Promise<Post | null>
  collective(plad: string): Promise<Collective | null>
}

/** `RUEHDBU/AMEMBASSY DUSHANBE` and `amembassy  dushanbe` both name `AMEMBASSY DUSHANBE`. */
export function normalizeAddress(name: string): string {
  return name.replace(/^[A-Z]{4,7}\//i, '').trim().toUpperCase().replace(/\s+/g, ' ')
}

/**
 * The station an addressee line of a received cable names: `normalizeAddress` (routing indicator dropped, case
 * and spaces folded), then `pladStation` (the office/attention note after `//` and an embassy's trailing
 * country code dropped), and Washington written one way (`WASHINGTON DC`, `WASH DC` → `WASHDC`, as the
 * Department's own PLAD writes it). `SECDEF WASHINGTON DC//USDP:PDUSDP/ISA:EUR//` → `SECDEF WASHDC`. The
 * routing replay looks historical addressees up in the directory by it, and the network keys its nodes by it.
 */
export function stationOfAddress(name: string): string {
  return pladStation(normalizeAddress(name)).replace(/ WASH(?:INGTON)? DC$/, ' WASHDC')
}

/**
 * Expands TO and INFO into one delivery per post: collectives become their members minus XMT
 * exclusions; a post reached twice gets one delivery, action beating info and the higher precedence
 * winning. An addressee missing from the directory, or an XMT naming a non-member, is refused.
 *
 * @example
 *   await expandRecipients({ precedence: 'IMMEDIATE', to: [{ name: 'AMEMBASSY DUSHANBE' }], info: [] }, directory)
 *   // → { recipients: [{ post: 'AMEMBASSY DUSHANBE', role: 'action', precedence: 'IMMEDIATE' }], … }
 */
export async function expandRecipients(
  fields: { precedence: PrecedenceWord; to: DraftAddressee[]; info: DraftAddressee[] },
  directory: DirectoryLookup,
): Promise<{ recipients: Recipient[]; addressees: ResolvedAddressee[] }> {
  const byPost = new Map<string, Recipient>()
  const addressees: ResolvedAddressee[] = []
  const problems: string[] = []
  const reach = (post: string, role: DeliveryRole, precedence: PrecedenceWord) => {
    const had = byPost.get(post)
    if (!had) return void byPost.set(post, { post, role, precedence })
    byPost.set(post, {
      post,
      role: had.role === 'action' || role === 'action' ? 'action' : 'info',
      precedence: higherPrecedence(had.precedence, precedence),
    })
  }
  const lists: [DeliveryRole, DraftAddressee[]][] = [
    ['action', fields.to],
    ['info', fields.info],
  ]
  for (const [role, list] of lists) {
    for (const [i, a] of list.entries()) {
      const where = `${role === 'action' ? 'to' : 'info'}[${i}]`
      const name = normalizeAddress(a.name)
      const precedence = a.precedence ?? (role === 'action' ? fields.precedence : 'ROUTINE')
      const post = await directory.post(name)
      const collective = post ? null : await directory.collective(name)
      if (post) {
        if (a.xmt?.length) problems.push(`${where}: XMT applies only to a collective, and ${name} is a post`)
        addressees.push({ role, name, route: post.route, precedence, collective: false, excluded: [] })
        reach(post.plad, role, precedence)
        continue
      }
      if (!collective) {
        problems.push(`${where}: ${name} is neither a post nor a collective in the directory`)
        continue
      }
      const excluded = (a.xmt ?? []).map(normalizeAddress)
      const members = new Set(collective.members.map((m) => m.post))
      for (const x of excluded) if (!members.has(x)) problems.push(`${where}: XMT ${x} is not a member of ${name}`)
      addressees.push({ role, name, route: collective.route, precedence, collective: true, excluded })
      for (const m of collective.members) if (!excluded.includes(m.post)) reach(m.post, role, precedence)
    }
  }
  if (fields.to.length === 0) problems.push('to: a cable needs at least one action addressee')
  // XMT lines run until the next prefixed header line, so a second collective with exclusions in the same
  // list would be read back as one of the first one's exclusions
  for (const [key, list] of [['to', fields.to], ['info', fields.info]] as const) {
    if (list.filter((a) => a.xmt?.length).length > 1) problems.push(`${key}: at most one collective per list may carry XMT exclusions`)
  }
  if (problems.length === 0 && byPost.size === 0) problems.push('the addressees reach no post (empty collectives or everything excluded)')
  if (problems.length) throw new ServiceError('INVALID', `addressees: ${problems.join('; ')}`, problems)
  const recipients = [...byPost.values()].sort((a, b) => PRECEDENCE_RANK[a.precedence] - PRECEDENCE_RANK[b.precedence] || a.post.localeCompare(b.post))
  return { recipients, addressees }
}
